#!/usr/bin/env python3
"""Grammar-based generator of random Python programs aimed at MicroPython's compiler corners.

    python3 fuzz-diff/gen_programs.py --n 100 --seed 7 --out DIR

writes DIR/g<SEED>_<I>.py. Every program is valid CPython 3.11 syntax (checked with compile()),
terminates (bounded loops, no recursion), is deterministic, and prints what it computes. Each
program is a handful of "feature blocks" (a function `fK` exercising one construct family with
random contents, called under try/except so one runtime error does not hide the rest), plus
random statements from a small recursive statement/expression grammar.

A small fraction of blocks use constructs mpy-cross rejects on purpose (`(*a, *b)`, `/` in
parameters, `f"{x!a}"`, ...): our compiler must reject those at the same line with the same kind.

With --march (a run for native code), a share of the top-level functions get
`@micropython.native` and "viper" blocks add `@micropython.viper` functions with typed
parameters, pointers and integer arithmetic (fuzz-diff/gen_native.py).

Only the standard library is needed. Deterministic for a given --seed.
"""

import argparse
import os
import random
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_native import ViperBlock, decorate_native  # noqa: E402

# ------------------------------------------------------------------------------------------------
# Literal pools.

SMALL_INTS = ["0", "1", "2", "3", "5", "7", "10", "16", "63", "64", "127", "128", "255", "256",
              "1000", "4095", "4096", "65535", "65536"]
BOUNDARY_INTS = [
    "0x3fffffff", "0x40000000", "1073741823", "1073741824", "-1073741824", "-1073741825",
    "(1 << 30)", "(1 << 30) - 1", "-(1 << 30)", "-(1 << 30) - 1", "2 ** 30", "2 ** 31", "2 ** 62",
    "2 ** 63", "2 ** 64", "-2 ** 63", "(1 << 62) - 1", "0x7fffffff", "0xffffffff", "0x7fffffffffffffff",
    "0xffffffffffffffff", "0x10000000000000000", "123456789012345678901234567890",
    "-98765432109876543210", "10 ** 20", "-(10 ** 18)", "~0x3fffffff", "~(1 << 30)",
    "0b" + "1" * 31, "0o17777777777", "1_000_000_000_000", "0x_dead_beef", "-0x8000", "-0",
    "4611686018427387904", "-4611686018427387905", "2 ** 100 - 2 ** 99", "(2 ** 40) // 3",
    "-(2 ** 40) % 7", "7 // -2", "-7 % 3", "1 << 29 << 1", "0x3fffffff + 1", "-0x40000000 - 1",
]
FLOATS = ["64.65", "1e-7", "0.1 + 0.2", "0.1", "0.2", "1.5", "2.5", "-0.0", "0.0", "1e300 * 10",
          "1e-320", "5e-324", "1.7976931348623157e308", "3.141592653589793", "2.718281828459045",
          "1e16", "1e22", "1e23", "123456789.123456789", "0.3", "1/3", "2.0 ** 0.5", ".5", "5.",
          "1E5", "1_0.2_5", "9007199254740993.0", "1e-5", "100.0", "0.000123", "-1.25e-3",
          "6.02214076e23", "1.0e-10", "4.35", "2.675", "1.005", "0.7", "123.456", "1e15",
          "1e17", "33.33", "99.99", "1e309", "-1e309", "1e-400", "float('inf')", "3.0 * 1.1",
          "7.0 / 2", "1.1 + 2.2", "10.0 - 9.9", "0.1 * 3", "1e10 + 0.5"]
COMPLEXES = ["1j", "2j", "-1j", "1 + 2j", "3.5j", "(1 - 2j) * 1j", "0j", "1e-7j", "64.65j",
             "-(2 + 3j)", "1J", "0.5 + 0.5j"]

STR_ESCAPES = ["\\n", "\\t", "\\\\", "\\'", '\\"', "\\x00", "\\x7f", "\\xff", "\\xe9", "\\u00e9",
               "\\u20ac", "\\U0001f600", "\\0", "\\01", "\\101", "\\377", "\\a", "\\b", "\\f",
               "\\v", "\\r", "\\x41", "\\u0041", "\\uffff", "\\U00010000"]
BYTES_ESCAPES = ["\\n", "\\t", "\\\\", "\\'", '\\"', "\\x00", "\\x7f", "\\xff", "\\x80", "\\0",
                 "\\01", "\\101", "\\377", "\\a", "\\b", "\\f", "\\v", "\\r", "\\x41"]
UNI_CHARS = ["é", "€", "中", "😀", "ß", "Ω", "\u00a0", "ñ", "ü", "א", "\u200b", "한"]
UNI_IDENTS = ["ñame", "变量", "αβγ", "_ünï", "Ωmega", "ä", "café", "π", "λx", "データ", "ｘｙ",
              "ﬁle", "ℌ", "x\u0301"]

# Difference classes found, reported and not fixed yet (see fuzz-diff/README.md), plus constructs
# both compilers reject that would otherwise swamp the runs. The generator avoids them unless asked
# (`--known all` or a comma list), so that new classes stand out. Drop a name once it is fixed.
KNOWN_CLASSES = ["upper_prefix", "cell_over_255", "star_set", "except_star", "star_display"]
# block_rejected alternatives that hit a known class
KNOWN_IN_REJECTED = {5: "upper_prefix", 9: "except_star", 10: "star_set"}

ESC_NAMES = ["'\\N{BULLET}'"]  # mpy-cross: NotImplementedError (unicode name escapes)


class Ctx:
    """What a statement being generated may use."""

    def __init__(self, vars=(), kind="func", in_loop=False, is_gen=False, is_async=False,
                 depth=0, locals_=None, enclosing=(), in_class=False, in_finally=False):
        self.vars = list(vars)          # int-ish names readable and assignable
        self.ro = []                    # readable, never assigned (loop counters)
        self.kind = kind                # "func" or "module"
        self.in_loop = in_loop
        self.is_gen = is_gen
        self.is_async = is_async
        self.depth = depth
        self.enclosing = list(enclosing)  # names local to the enclosing function (nonlocal ok)
        self.in_class = in_class
        self.in_finally = in_finally
        self.loop_depth = 0

    def child(self, **kw):
        c = Ctx(self.vars, self.kind, self.in_loop, self.is_gen, self.is_async, self.depth + 1,
                enclosing=self.enclosing, in_class=self.in_class, in_finally=self.in_finally)
        c.ro = list(self.ro)
        c.loop_depth = self.loop_depth
        for k, v in kw.items():
            setattr(c, k, v)
        return c


class Gen:
    def __init__(self, rng, known=(), native=False):
        self.r = rng
        self.known = set(known)
        self.native = native
        self.n = 0
        self.uses_const = False
        self.out = []

    # ---- small helpers -------------------------------------------------------------------------

    def fresh(self, base="v"):
        self.n += 1
        return "%s%d" % (base, self.n)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    # ---- literals ------------------------------------------------------------------------------

    def int_lit(self):
        r = self.r.random()
        if r < 0.55:
            return self.pick(SMALL_INTS)
        if r < 0.7:
            return str(self.r.randrange(-300, 300))
        if r < 0.9:
            return self.pick(BOUNDARY_INTS)
        k = self.r.randrange(4)
        v = self.r.randrange(0, 1 << self.r.choice([8, 16, 30, 31, 32, 40, 63, 64, 65, 100, 200]))
        return [str(v), hex(v), oct(v), bin(v)][k] if v >= 0 else str(v)

    def float_lit(self):
        if self.chance(0.7):
            return self.pick(FLOATS)
        digits = self.r.randrange(1, 18)
        mant = str(self.r.randrange(10 ** (digits - 1), 10 ** digits))
        point = self.r.randrange(0, digits + 1)
        s = mant[:point] + "." + mant[point:]
        if self.chance(0.3):
            s += "e" + str(self.r.randrange(-330, 310))
        return s

    def str_body(self, quote, allow_uni=True, escapes=STR_ESCAPES, maxlen=12):
        parts = []
        for _ in range(self.r.randrange(0, maxlen)):
            k = self.r.random()
            if k < 0.55:
                c = self.pick("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 _-+.,:;!?#%&()[]<>=@$^~|/`")
                parts.append(c)
            elif k < 0.85:
                parts.append(self.pick(escapes))
            elif allow_uni:
                parts.append(self.pick(UNI_CHARS))
            else:
                parts.append(self.pick("xyz"))
        s = "".join(parts)
        other = '"' if quote == "'" else "'"
        return s.replace(quote, other) if "\\" + quote not in s else s

    def str_lit(self):
        k = self.r.random()
        if k < 0.5:
            q = self.pick(["'", '"'])
            return q + self.str_body(q) + q
        if k < 0.6:
            q = self.pick(["'''", '"""'])
            body = self.str_body("'", maxlen=20).replace("'", "x").replace('"', "y")
            if self.chance(0.5):
                body += "\n" + self.str_body("'", maxlen=8).replace("'", "x").replace('"', "y")
            return q + body + q
        if k < 0.7:
            q = self.pick(["'", '"'])
            body = "".join(self.pick(["\\n", "\\d", "\\\\", "a", "\\x", "\\u12", "b"]) for _ in range(self.r.randrange(6)))
            if body.endswith("\\"):
                body += "z"
            return "r" + q + body + q
        if k < 0.8:
            # adjacent literals are concatenated at parse time
            return self.str_lit_simple() + " " + self.str_lit_simple()
        if k < 0.85:
            n = self.pick([9, 10, 11, 31, 32, 33, 127, 128, 255, 256, 257, 1000, 5000])
            return "'" + "".join(self.pick("abcxyz0123") for _ in range(n)) + "'"
        if k < 0.9:
            # backslash-newline inside a string literal
            return "'ab\\\ncd'"
        return self.str_lit_simple()

    def str_lit_simple(self):
        q = self.pick(["'", '"'])
        return q + self.str_body(q, maxlen=6) + q

    def bytes_lit(self):
        k = self.r.random()
        q = self.pick(["'", '"'])
        if k < 0.7:
            body = self.str_body(q, allow_uni=False, escapes=BYTES_ESCAPES)
            return "b" + q + body + q
        if k < 0.71:
            # no \u or \N escapes in bytes: they stay a backslash and a letter
            return "b" + q + ("\\u1234\\N" if self.chance(0.3) else "\\u1234\\U00012345\\d") + q
        if k < 0.9:
            n = self.pick([0, 1, 10, 11, 100, 255, 256, 300, 4000])
            return "b'" + "".join(self.pick(["a", "\\x00", "\\xff", "z"]) for _ in range(n)) + "'"
        return self.pick(["rb", "br"]) + q + "\\x00\\n" + q

    def const_atom(self):
        k = self.r.random()
        if k < 0.5:
            return self.int_lit()
        if k < 0.65:
            return self.float_lit()
        if k < 0.72:
            return self.pick(COMPLEXES)
        if k < 0.86:
            return self.str_lit()
        if k < 0.93:
            return self.bytes_lit()
        return self.pick(["None", "True", "False", "...", "__debug__", "()", "(1,)", "(1, 'a', 2.5)",
                          "((1, 2), (3,))", "(b'x', -1)", "(None, True)"])

    # ---- expressions ---------------------------------------------------------------------------

    def var(self, ctx):
        pool = ctx.vars + ctx.ro
        if pool and self.chance(0.85):
            return self.pick(pool)
        return self.int_lit()

    def iexpr(self, ctx, d=0, walrus=True):
        """An int-valued (mostly) expression."""
        r = self.r
        if d >= 4 or r.random() < 0.25 + 0.15 * d:
            return self.var(ctx)
        k = r.randrange(22)
        a = lambda: self.iexpr(ctx, d + 1, walrus)
        if k < 6:
            op = self.pick(["+", "-", "*", "//", "%", "&", "|", "^", "+", "-", "*"])
            return "(%s %s %s)" % (a(), op, a())
        if k == 6:
            return "(%s << %d)" % (a(), r.randrange(0, 70))
        if k == 7:
            return "(%s >> %d)" % (a(), r.randrange(0, 70))
        if k == 8:
            return "%s(%s)" % (self.pick(["-", "+", "~", "- -", "-~"]), a())
        if k == 9:
            return "(%s if %s else %s)" % (a(), self.cond(ctx, d + 1, walrus), a())
        if k == 10:
            return "%s(%s, %s)" % (self.pick(["min", "max"]), a(), a())
        if k == 11:
            return "abs(%s)" % a()
        if k == 12:
            return "len(%s)" % self.pick(["[%s, %s]" % (a(), a()), "'abc'", "b'xy'", "(1, 2, 3)",
                                          "range(%s)" % r.randrange(9), "{1: 2}", "''"])
        if k == 13 and walrus and ctx.kind == "func" and not ctx.in_class:
            name = self.pick(ctx.vars) if ctx.vars and self.chance(0.5) else self.fresh("w")
            if name not in ctx.vars:
                ctx.vars.append(name)
            return "(%s := %s)" % (name, a())
        if k == 14:
            return "(%s ** %d)" % (a(), r.randrange(0, 4))
        if k == 15:
            return self.int_lit()
        if k == 16:
            return "int(%s)" % self.pick([self.float_lit(), "'%d'" % r.randrange(-99, 99), a(), "True"])
        if k == 17:
            return "[%s, %s, %s][%d]" % (a(), a(), a(), r.randrange(-3, 3))
        if k == 18:
            return "(%s, %s)[%s %% 2]" % (a(), a(), a())
        if k == 19:
            return "sum(%s for %s in range(%d))" % (self.pick(["j", "j * 2", "j % 3", "-j"]), "j", r.randrange(6))
        if k == 20 and ctx.is_async:
            return "(await aval(%s))" % a()
        return "(%s %s %s)" % (a(), self.pick(["+", "-", "*"]), a())

    def cond(self, ctx, d=0, walrus=True):
        r = self.r
        k = r.randrange(14)
        a = lambda: self.iexpr(ctx, d + 1, walrus)
        if k < 4:
            ops = [self.pick(["<", "<=", ">", ">=", "==", "!="]) for _ in range(r.randrange(1, 4))]
            s = a()
            for op in ops:
                s += " %s %s" % (op, a())
            return "(%s)" % s
        if k == 4:
            return "(%s and %s)" % (self.cond(ctx, d + 1, walrus), self.cond(ctx, d + 1, walrus))
        if k == 5:
            return "(%s or %s)" % (self.cond(ctx, d + 1, walrus), self.cond(ctx, d + 1, walrus))
        if k == 6:
            return "(not %s)" % self.cond(ctx, d + 1, walrus)
        if k == 7:
            return "(%s %s (%s, %s, %s))" % (a(), self.pick(["in", "not in"]), a(), a(), a())
        if k == 8:
            return self.pick(["True", "False", "0", "1", "None", "__debug__", "not __debug__", "()",
                              "''", "'x'", "[]", "2.5", "0.0", "-1", "not 0", "not None", "(1, 2)"])
        if k == 9:
            return "(%s %s None)" % (a(), self.pick(["is", "is not"]))
        if k == 10 and walrus and ctx.kind == "func" and not ctx.in_class:
            name = self.fresh("w")
            ctx.vars.append(name)
            return "((%s := %s) %s %s)" % (name, a(), self.pick(["<", ">", "=="]), a())
        if k == 11:
            return "(%s %% %d == %d)" % (a(), r.randrange(1, 5), r.randrange(0, 2))
        return a()

    def any_expr(self, ctx, d=0):
        """Any value: containers, strings, constants, comprehensions."""
        r = self.r
        k = r.randrange(16)
        if k < 5:
            return self.iexpr(ctx, d)
        if k == 5:
            return self.const_atom()
        if k == 6:
            return "[%s]" % ", ".join(self.iexpr(ctx, d + 1) for _ in range(r.randrange(0, 5)))
        if k == 7:
            items = [self.iexpr(ctx, d + 1) for _ in range(r.randrange(0, 4))]
            return "(%s)" % (", ".join(items) + ("," if len(items) == 1 else ""))
        if k == 8:
            return "{%s}" % ", ".join("%s: %s" % (self.pick(["'a'", "'b'", "1", "2", "None", "(1, 2)", self.iexpr(ctx, d + 1)]),
                                                  self.iexpr(ctx, d + 1)) for _ in range(r.randrange(0, 4)))
        if k == 9:
            return "{%s}" % ", ".join(self.iexpr(ctx, d + 1) for _ in range(r.randrange(1, 4)))
        if k == 10:
            return self.comprehension(ctx, d + 1)
        if k == 11:
            return self.fstring(ctx)
        if k == 12:
            return "(%s, %s)" % (self.const_atom(), self.const_atom())
        if k == 13:
            return "str(%s)" % self.iexpr(ctx, d + 1)
        if k == 14:
            return "%s %% (%s, %s)" % (self.pick(["'%d-%s'", "'%x:%r'", "'%5d|%-3s'", "'%o%%%s'"]),
                                       self.iexpr(ctx, d + 1), self.iexpr(ctx, d + 1))
        return "'{}+{!r}'.format(%s, %s)" % (self.iexpr(ctx, d + 1), self.str_lit_simple())

    def comprehension(self, ctx, d=0):
        r = self.r
        names = []
        clauses = []
        inner = ctx.child()
        inner.vars = [v for v in ctx.vars]
        for i in range(r.randrange(1, 4)):
            n = self.fresh("c")
            # the first iterable is evaluated in the enclosing scope; no walrus in any iterable
            src = self.pick(["range(%d)" % r.randrange(6), "range(%s, %d, %d)" % (r.randrange(-3, 3), r.randrange(3, 9), self.pick([1, 2, 3])),
                             "[%s, %s]" % (self.iexpr(inner, 3, False), self.iexpr(inner, 3, False)), "'ab'", "(1, 2, 3)",
                             "range(%d, %d, -2)" % (r.randrange(3, 9), r.randrange(-3, 2))])
            if self.chance(0.2) and names:
                src = "range(%s %% 4)" % self.pick(names)
            clauses.append("for %s in %s" % (n, src))
            names.append(n)
            inner.ro = inner.ro + [n]
            if self.chance(0.4):
                clauses.append("if %s" % self.cond(inner, 3, walrus=False))
        body_ctx = inner
        k = r.randrange(5)
        elt = self.iexpr(body_ctx, 2, walrus=False)
        if k == 0:
            return "[%s %s]" % (elt, " ".join(clauses))
        if k == 1:
            return "{%s %s}" % (elt, " ".join(clauses))
        if k == 2:
            return "{%s: %s %s}" % (self.pick(names), elt, " ".join(clauses))
        if k == 3:
            return "list(%s %s)" % (elt, " ".join(clauses))
        return "sorted(%s %s)" % (elt, " ".join(clauses))

    def fstring(self, ctx):
        r = self.r
        q = self.pick(["'", '"'])
        iq = "'" if q == '"' else '"'
        parts = []
        for _ in range(r.randrange(1, 5)):
            k = r.randrange(10)
            if k < 2:
                parts.append(self.pick(["ab", " ", "{{", "}}", "x=", "\\t", "é", "-"]))
                continue
            e = self.iexpr(ctx, 3, walrus=False).replace(q, iq)
            conv = self.pick(["", "", "!r", "!s"])
            spec = ""
            sk = r.randrange(9)
            if sk == 1:
                spec = ":" + self.pick([">8", "<5", "^7", "08d", "x", "#x", "b", "+d", "=10", "*^9", ",", "_"])
            elif sk == 2:
                spec = ":{%s}" % self.pick(["3", "w", "5 + 1"])
            elif sk == 3:
                spec = ":%s>{%s}" % (self.pick(["", "*", "0"]), self.pick(["4", "6"]))
            elif sk == 4:
                spec = ":{%s}{%s}" % (iq + ">" + iq, "3")
            if conv and spec.endswith("d") or conv and spec in (":x", ":#x", ":b", ":,", ":_", ":+d"):
                spec = ""
            if k == 9:
                e = "%sq%s if %s else %sr%s" % (iq, iq, e, iq, iq)
            parts.append("{%s%s%s}" % (e, conv, spec))
        s = "".join(parts)
        if "{w}" in s:
            return "(lambda w: f%s%s%s)(%d)" % (q, s, q, r.randrange(1, 9))
        pre = self.pick(["f", "f", "f", "rf", "fr"]) if "\\" not in s else "f"
        return pre + q + s + q

    # ---- statements ----------------------------------------------------------------------------

    def stmts(self, ctx, ind, n):
        out = []
        for _ in range(n):
            out += self.stmt(ctx, ind)
        return out or [ind + "pass"]

    def assign_target(self, ctx):
        if ctx.vars and self.chance(0.7):
            return self.pick(ctx.vars)
        name = self.fresh()
        ctx.vars.append(name)
        return name

    def bounded(self, ctx, e):
        # keep numbers small inside loops so nothing grows without bound
        if ctx.loop_depth:
            return "(%s) %% %d" % (e, self.pick([97, 1000003, 65536, 7]))
        return e

    def stmt(self, ctx, ind):
        r = self.r
        deep = ctx.depth >= 5
        k = r.randrange(40 if not deep else 12)
        L = []
        if k < 4:
            e = self.bounded(ctx, self.iexpr(ctx))
            t = self.assign_target(ctx)
            L.append("%s%s = %s" % (ind, t, e))
        elif k == 4:
            if ctx.vars:
                t = self.pick(ctx.vars)
                op = self.pick(["+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", ">>=", "<<="])
                rhs = self.iexpr(ctx, 2) if op not in ("<<=", ">>=") else str(r.randrange(0, 9))
                L.append("%s%s %s %s" % (ind, t, op, rhs))
                if ctx.loop_depth:
                    L.append("%s%s %%= 100003" % (ind, t))
        elif k == 5:
            L.append("%sprint(%s)" % (ind, ", ".join(self.iexpr(ctx, 1) for _ in range(r.randrange(1, 4)))))
        elif k == 6 and len(ctx.vars) >= 2:
            a, b = r.sample(ctx.vars, 2)
            if len(ctx.vars) >= 3 and self.chance(0.4):
                c = self.pick([v for v in ctx.vars if v not in (a, b)])
                L.append("%s%s, %s, %s = %s, %s, %s" % (ind, a, b, c, c, a, b))
            elif self.chance(0.2) and len(ctx.vars) >= 4:
                a, b, c, d = r.sample(ctx.vars, 4)
                L.append("%s%s, %s, %s, %s = %s, %s, %s, %s" % (ind, a, b, c, d, d, c, b, a))
            else:
                L.append("%s%s, %s = %s, %s" % (ind, a, b, b, a))
        elif k == 7:
            c = ctx.child()
            L.append("%sif %s:" % (ind, self.cond(ctx)))
            L += self.stmts(c, ind + "    ", r.randrange(1, 4))
            for _ in range(r.randrange(0, 3)):
                L.append("%selif %s:" % (ind, self.cond(ctx)))
                L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
            if self.chance(0.5):
                L.append("%selse:" % ind)
                L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
        elif k == 8 and ctx.loop_depth < 3:
            L += self.for_range(ctx, ind)
        elif k == 9 and ctx.loop_depth < 3:
            L += self.while_loop(ctx, ind)
        elif k == 10 and ctx.in_loop and not ctx.in_finally:
            L.append("%sif %s:" % (ind, self.cond(ctx)))
            L.append("%s    %s" % (ind, self.pick(["break", "continue"])))
        elif k == 11:
            L += self.try_stmt(ctx, ind)
        elif k == 12 and ctx.kind == "func" and not ctx.in_class and not ctx.in_finally:
            if ctx.is_gen and self.chance(0.3):
                L.append("%sreturn" % ind)
            elif not ctx.is_gen:
                L.append("%sif %s:" % (ind, self.cond(ctx)))
                L.append("%s    return %s" % (ind, self.pick([self.iexpr(ctx), "%s if %s else %s" % (self.iexpr(ctx, 2), self.cond(ctx, 2), self.iexpr(ctx, 2)), ""])))
        elif k == 13:
            L.append("%s%s = %s" % (ind, self.fresh("a"), self.any_expr(ctx)))
        elif k == 14:
            L.append("%sassert %s%s" % (ind, self.cond(ctx), self.pick(["", ", 'assert %d'" % r.randrange(99), ", %s" % self.iexpr(ctx, 2)])))
        elif k == 15 and ctx.kind == "func" and not ctx.in_class:
            L += self.nested_def(ctx, ind)
        elif k == 16:
            L += self.with_stmt(ctx, ind)
        elif k == 17 and ctx.is_gen:
            L.append("%s%s" % (ind, self.pick(["yield %s" % self.iexpr(ctx), "yield", "yield from range(%d)" % r.randrange(4),
                                                "%s = yield %s" % (self.assign_target(ctx), self.iexpr(ctx, 2)),
                                                "yield from [%s, %s]" % (self.iexpr(ctx, 2), self.iexpr(ctx, 2))])))
            if "= yield" in L[-1]:
                L.append("%s%s = %s or 0" % (ind, L[-1].split("=")[0].strip(), L[-1].split("=")[0].strip()))
        elif k == 18 and ctx.is_async:
            L.append("%s%s = await aval(%s)" % (ind, self.assign_target(ctx), self.iexpr(ctx, 2)))
        elif k == 19:
            L.append("%s%s = %s" % (ind, self.assign_target(ctx), self.bounded(ctx, "len(%s)" % self.comprehension(ctx))))
        elif k == 20:
            L.append("%spass" % ind)
        elif k == 21:
            e = self.any_expr(ctx)
            t = self.fresh("s")
            L.append("%s%s = %s" % (ind, t, e))
            L.append("%sprint(repr(%s)[:60])" % (ind, t))
        elif k == 22:
            L.append("%sif %s:" % (ind, self.pick(["False", "True", "0", "1", "__debug__", "not __debug__", "None", "''", "()", "not False", "0.0", "1j"])))
            L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
            if self.chance(0.5):
                L.append("%selse:" % ind)
                L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
        elif k == 23 and ctx.loop_depth < 3:
            cnt = self.fresh("t")
            L.append("%s%s = 0" % (ind, cnt))
            L.append("%swhile %s:" % (ind, self.pick(["True", "1", "not False", "'x'"])))
            c = ctx.child(in_loop=True, in_finally=False)
            c.loop_depth += 1
            c.ro = c.ro + [cnt]
            L.append("%s    %s += 1" % (ind, cnt))
            L.append("%s    if %s > %d:" % (ind, cnt, r.randrange(1, 5)))
            L.append("%s        break" % ind)
            L += self.stmts(c, ind + "    ", r.randrange(1, 4))
            if self.chance(0.3):
                L.append("%selse:" % ind)
                L += self.stmts(ctx.child(), ind + "    ", 1)
        elif k == 24:
            L.append("%s%s = %s" % (ind, self.assign_target(ctx), self.pick(["%s if %s else %s", "(%s if %s else %s)"]) % (self.iexpr(ctx, 2), self.cond(ctx, 2), self.iexpr(ctx, 2))))
        elif k == 25:
            lst = self.fresh("l")
            L.append("%s%s = list(range(%d))" % (ind, lst, r.randrange(0, 12)))
            L += self.slice_ops(ctx, ind, lst)
        elif k == 26 and ctx.vars:
            a = self.pick(ctx.vars)
            L.append("%s%s = %s" % (ind, self.fresh("u"), self.pick([
                "max(*[%s, 1], *(2,))" % a, "sorted(dict(**{'k': %s}, j=1))" % a, "min(%s, *range(1, 3))" % a,
                "len([*'ab'])" if "star_display" in self.known else "len([%s])" % a,
                "(*range(2), %s)" % a if "star_display" in self.known else "tuple((%s, 1))" % a,
                "{*range(3), %s}" % a if "star_set" in self.known else "{%s}" % a])))
        elif k == 27:
            a, b = self.fresh("p"), self.fresh("p")
            L.append("%s%s, *%s = %s" % (ind, a, b, self.pick(["range(4)", "[1, 2]", "'xyz'", "(1,)"])))
            ctx.vars.append(a)
        elif k == 28:
            L.append("%s%s" % (ind, self.pick(["...", "None", "1", "'docstring-like'", "(1, 2)", "-1", "not 1", "x_undefined if False else 0"])))
        elif k == 29:
            t = self.fresh("d")
            L.append("%s%s = {}" % (ind, t))
            L.append("%s%s[%s] = %s" % (ind, t, self.iexpr(ctx, 2), self.iexpr(ctx, 2)))
            L.append("%s%s[1, 2] = 3" % (ind, t))
            L.append("%sfor %s in %s:" % (ind, self.fresh("k"), t))
            L.append("%s    pass" % ind)
            L.append("%sdel %s[1, 2]" % (ind, t))
        elif k == 30:
            L.append("%sprint(%s)" % (ind, self.fstring(ctx)))
        elif k == 31 and ctx.vars:
            a, b = self.pick(ctx.vars), self.fresh("q")
            L.append("%s%s = [%s, [%s, (%s,)]]" % (ind, b, a, a, a))
            L.append("%s%s[1][0] = %s" % (ind, b, self.iexpr(ctx, 2)))
            L.append("%s%s[-1][1:] = []" % (ind, b))
        elif k == 32:
            L.append("%sprint(%s)" % (ind, ", ".join([self.iexpr(ctx, 2) for _ in range(r.randrange(0, 3))] + ["sep=%s" % self.str_lit_simple(), "end='!\\n'"])))
        elif k == 33 and ctx.vars and ctx.kind == "func":
            v = self.pick(ctx.vars)
            L.append("%sdel %s" % (ind, v))
            L.append("%s%s = %s" % (ind, v, self.int_lit()))
        elif k == 34:
            a, b, c = self.fresh("x"), self.fresh("x"), self.fresh("x")
            L.append("%s(%s, %s), %s = (%s, %s), %s" % (ind, a, b, c, self.iexpr(ctx, 2), self.iexpr(ctx, 2), self.iexpr(ctx, 2)))
            ctx.vars += [a, b, c]
        elif k == 35:
            L.append("%s%s = %s" % (ind, self.fresh("k"), self.pick(FLOATS + COMPLEXES)))
        elif k == 36:
            L.append("%sraise %s" % (ind, self.pick(["ValueError(%s)" % self.iexpr(ctx, 2), "KeyError", "IndexError('i')", "StopIteration",
                                                   "TypeError from None", "RuntimeError('r') from ValueError()", "ZeroDivisionError"]))
                     if self.chance(0.3) else "%sif %s:\n%s    raise ValueError(%s)" % (ind, self.cond(ctx, 2), ind, self.iexpr(ctx, 2)))
        else:
            e = self.bounded(ctx, self.iexpr(ctx))
            L.append("%s%s = %s" % (ind, self.assign_target(ctx), e))
        return L

    def slice_ops(self, ctx, ind, lst):
        r = self.r
        L = []
        sl = lambda: ":".join(self.pick(["", "1", "-1", "2", "-3", self.iexpr(ctx, 3), "None"]) for _ in range(r.randrange(2, 4)))
        for _ in range(r.randrange(1, 5)):
            k = r.randrange(6)
            if k == 0:
                L.append("%sprint(%s[%s])" % (ind, lst, sl()))
            elif k == 1:
                L.append("%s%s[%s] = [%s]" % (ind, lst, self.pick(["1:3", ":", "::2", "2:", ":-1", "0:0"]), ", ".join(self.iexpr(ctx, 3) for _ in range(r.randrange(3)))))
            elif k == 2:
                L.append("%sdel %s[%s]" % (ind, lst, self.pick(["::2", "1:", ":1", "-1", "0:2"])))
            elif k == 3:
                L.append("%sprint('%s'[%s], b'bytes!'[%s])" % (ind, "slice-me", sl(), sl()))
            elif k == 4:
                L.append("%s%s[::-1] = %s[::-1]" % (ind, lst, lst))
            else:
                L.append("%sprint(%s[:], %s[-1:], %s[::-1][:2])" % (ind, lst, lst, lst))
        return L

    def for_range(self, ctx, ind):
        r = self.r
        v = self.fresh("i")
        a = self.pick(["%d" % r.randrange(-3, 4), self.iexpr(ctx, 3) + " % 3"])
        b = "%d" % r.randrange(-2, 6)
        forms = ["range(%s)" % b, "range(%s, %s)" % (a, b), "range(%s, %s, %d)" % (b, a, self.pick([-1, -2, -3])),
                 "range(%s, %s, %d)" % (a, b, self.pick([1, 2, 3])), "range(%s, %s, %s)" % (a, b, self.pick(["-2", "(-1)", "1 + 1", "-(-2)"])),
                 "range(%s)" % self.pick(["-1", "0", "True"]), "range(%d, %d, -2)" % (r.randrange(3, 8), r.randrange(-4, 1)),
                 "[%s, %s]" % (self.iexpr(ctx, 3), self.iexpr(ctx, 3)), "'ab'", "enumerate('xy')", "reversed(range(%d))" % r.randrange(4),
                 "range(%s %% 5, -3, -1)" % self.var(ctx)]
        it = self.pick(forms)
        if it.startswith("enumerate"):
            tgt = "%s, %s" % (v, self.fresh("e"))
        else:
            tgt = v
        c = ctx.child(in_loop=True, in_finally=False)
        c.loop_depth += 1
        if it.startswith("range") or it.startswith("reversed") or it.startswith("["):
            c.vars = c.vars + [v]
        L = ["%sfor %s in %s:" % (ind, tgt, it)]
        L += self.stmts(c, ind + "    ", r.randrange(1, 4))
        if self.chance(0.25):
            L.append("%selse:" % ind)
            L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
        return L

    def while_loop(self, ctx, ind):
        r = self.r
        cnt = self.fresh("n")
        L = ["%s%s = 0" % (ind, cnt)]
        cond = "%s < %d" % (cnt, r.randrange(0, 5))
        if self.chance(0.3):
            cond = "%s and %s" % (cond, self.cond(ctx, 3))
        L.append("%swhile %s:" % (ind, cond))
        L.append("%s    %s += 1" % (ind, cnt))
        c = ctx.child(in_loop=True, in_finally=False)
        c.loop_depth += 1
        c.ro = c.ro + [cnt]
        L += self.stmts(c, ind + "    ", r.randrange(1, 4))
        if self.chance(0.25):
            L.append("%selse:" % ind)
            L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
        return L

    def try_stmt(self, ctx, ind):
        r = self.r
        L = ["%stry:" % ind]
        L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 4))
        nexc = r.randrange(0, 3)
        for i in range(nexc):
            k = r.randrange(5)
            if k == 0:
                L.append("%sexcept ValueError:" % ind)
            elif k == 1:
                L.append("%sexcept (KeyError, IndexError) as %s:" % (ind, self.fresh("ex")))
            elif k == 2:
                L.append("%sexcept Exception as %s:" % (ind, self.fresh("ex")))
            elif k == 3:
                L.append("%sexcept ZeroDivisionError:" % ind)
            else:
                L.append("%sexcept:" % ind)
                L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
                break
            L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
        if nexc and self.chance(0.3):
            L.append("%selse:" % ind)
            L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 3))
        if not nexc or self.chance(0.4):
            L.append("%sfinally:" % ind)
            c = ctx.child()
            if self.chance(0.3):
                # break/continue/return inside finally
                if ctx.in_loop and self.chance(0.6):
                    L += self.stmts(c, ind + "    ", r.randrange(0, 2)) if self.chance(0.5) else []
                    L.append("%s    %s" % (ind, self.pick(["break", "continue"])))
                    return L
                if ctx.kind == "func" and not ctx.is_gen and not ctx.in_class:
                    L.append("%s    return %s" % (ind, self.iexpr(ctx, 2)))
                    return L
            c.in_finally = self.chance(0.5)
            L += self.stmts(c, ind + "    ", r.randrange(1, 3))
        return L

    def with_stmt(self, ctx, ind):
        r = self.r
        items = []
        for _ in range(r.randrange(1, 3)):
            cm = "CM(%d, %s)" % (r.randrange(99), self.pick(["False", "True", "0"]))
            if self.chance(0.6):
                t = self.fresh("m")
                items.append("%s as %s" % (cm, t))
            else:
                items.append(cm)
        if ctx.is_async and self.chance(0.5):
            L = ["%sasync with ACM() as %s:" % (ind, self.fresh("am"))]
        else:
            L = ["%swith %s:" % (ind, ", ".join(items))]
        L += self.stmts(ctx.child(), ind + "    ", r.randrange(1, 4))
        return L

    def nested_def(self, ctx, ind):
        r = self.r
        name = self.fresh("g")
        params = [self.fresh("a") for _ in range(r.randrange(0, 3))]
        c = Ctx(vars=params, kind="func", depth=ctx.depth + 1, enclosing=ctx.vars)
        L = ["%sdef %s(%s):" % (ind, name, ", ".join(params))]
        outer_locals = [v for v in ctx.vars if v not in params]
        if outer_locals and self.chance(0.6):
            nl = r.sample(outer_locals, min(len(outer_locals), r.randrange(1, 3)))
            L.append("%s    nonlocal %s" % (ind, ", ".join(nl)))
            c.vars = c.vars + nl
            L.append("%s    %s = %s" % (ind, nl[0], self.iexpr(c, 2)))
        else:
            # read-only free variables
            c.ro = [v for v in outer_locals][:3]
        L += self.stmts(c, ind + "    ", r.randrange(1, 4))
        L.append("%s    return %s" % (ind, self.iexpr(c, 1)))
        args = ", ".join(self.iexpr(ctx, 3) for _ in params)
        L.append("%s%s = %s(%s)" % (ind, self.assign_target(ctx), name, args))
        return L

    # ---- feature blocks: each returns the lines defining function `fname` (no parameters) ------

    def block_random(self, fname):
        r = self.r
        params = [self.fresh("a") for _ in range(r.randrange(0, 4))]
        c = Ctx(vars=list(params))
        L = ["def %s(%s):" % (fname + "_", ", ".join(params))]
        for v in [self.fresh() for _ in range(r.randrange(1, 5))]:
            L.append("    %s = %s" % (v, self.iexpr(c, 2)))
            c.vars.append(v)
        L += self.stmts(c, "    ", r.randrange(2, 9))
        L.append("    return %s" % ", ".join(self.iexpr(c, 1) for _ in range(r.randrange(1, 3))))
        L.append("def %s():" % fname)
        L.append("    return %s_(%s)" % (fname, ", ".join(self.int_lit() for _ in params)))
        return L

    def block_generator(self, fname):
        r = self.r
        g = fname + "_g"
        c = Ctx(vars=["a"], is_gen=True)
        L = ["def %s(a):" % g]
        L.append("    x = a")
        c.vars.append("x")
        L += self.stmts(c, "    ", r.randrange(1, 5))
        L.append("    yield x")
        k = r.randrange(4)
        if k == 0:
            L.append("    try:")
            L.append("        yield 1")
            L.append("        raise ValueError(x)")
            L.append("    except ValueError as e:")
            L.append("        yield -1")
            L.append("    finally:")
            L.append("        print('gen finally')")
        elif k == 1:
            L.append("    r = yield from %s" % self.pick(["range(3)", "[x, x + 1]", "%s_h()" % fname]))
            L.append("    return r")
        elif k == 2:
            L.append("    v = yield")
            L.append("    while v is not None and v < 5:")
            L.append("        v = yield v * 2")
        else:
            L.append("    return %s" % self.iexpr(c, 2))
        L.append("def %s_h():" % fname)
        L.append("    yield 10")
        L.append("    return 'h-done'")
        L.append("def %s():" % fname)
        L.append("    out = list(%s(%s))" % (g, self.int_lit()))
        L.append("    it = %s(%d)" % (g, r.randrange(5)))
        L.append("    next(it)")
        L.append("    try:")
        L.append("        out.append(it.send(%d))" % r.randrange(4))
        L.append("        out.append(it.send(None))")
        L.append("        out.append(it.throw(KeyError('k')))")
        L.append("    except (StopIteration, KeyError, TypeError) as e:")
        L.append("        out.append(type(e).__name__)")
        L.append("    out.append(sum(y for y in range(%d) if y %% 2))" % r.randrange(9))
        L.append("    ge = (a * b for a in range(3) for b in range(a) if a != b)")
        L.append("    out.append(list(ge))")
        L.append("    return out")
        return L

    def block_closure(self, fname):
        r = self.r
        depth = r.randrange(2, 6)
        L = ["def %s():" % fname]
        ind = "    "
        names = []
        call_args = []
        for lvl in range(depth):
            v = "z%d" % lvl
            L.append("%s%s = %d" % (ind, v, r.randrange(100)))
            names.append(v)
            if lvl == depth - 1:
                break
            fn = "inner%d" % lvl
            params = self.pick(["", "p", "p, q=%d" % r.randrange(5), "*ps", "p, *, kw=1"])
            call_args.append("" if params == "" else self.pick(["1", "%d" % r.randrange(9)]))
            L.append("%sdef %s(%s):" % (ind, fn, params))
            ind += "    "
            if self.chance(0.6):
                nl = r.sample(names, r.randrange(1, len(names) + 1))
                L.append("%snonlocal %s" % (ind, ", ".join(nl)))
                L.append("%s%s += 1" % (ind, self.pick(nl)))
            if "p" in params and self.chance(0.5):
                # a parameter captured by an inner scope becomes a cell
                L.append("%sg = lambda: p" % ind)
        L.append("%sacc = [%s]" % (ind, ", ".join(names)))
        L.append("%sfns = [lambda i=i: i * %s for i in range(3)]" % (ind, self.pick(names)))
        L.append("%sacc.append([f() for f in fns])" % ind)
        L.append("%sreturn acc" % ind)
        # unwind: each level calls the next and returns its value
        for lvl in range(depth - 2, -1, -1):
            ind = "    " * (lvl + 1)
            L.append("%sreturn [inner%d(%s), %s]" % (ind, lvl, call_args[lvl], ", ".join(names[:lvl + 1])))
        # fix: the line order above puts the returns after the innermost body, which is what we
        # want (each return closes its own def at its own indentation).
        return L

    def block_class(self, fname):
        r = self.r
        b, d = fname + "_B", fname + "_D"
        L = ["class %s:" % b]
        if self.chance(0.4):
            L.append("    %s" % self.pick(["'''class doc'''", "'doc'"]))
        L.append("    cnt = %s" % self.int_lit())
        L.append("    xs = [1, 2, 3]")
        L.append("    ys = [x * 2 for x in xs]")
        if self.chance(0.5):
            L.append("    if cnt > 3:")
            L.append("        big = True")
            L.append("    else:")
            L.append("        big = False")
        if self.chance(0.4):
            L.append("    for i in range(2):")
            L.append("        last = i")
            L.append("    del i")
        L.append("    def __init__(self, a):")
        L.append("        self.a = a")
        L.append("    def m(self, x, *args, k=2, **kw):")
        c = Ctx(vars=["x", "k"], in_class=False)
        L += self.stmts(c, "        ", r.randrange(0, 3)) if self.chance(0.5) else []
        L.append("        return self.a + x * k + len(args) + len(kw)")
        L.append("    @staticmethod")
        L.append("    def s(x):")
        L.append("        return x * 2")
        L.append("    @classmethod")
        L.append("    def c(cls, x):")
        L.append("        return cls.cnt + x")
        L.append("    @property")
        L.append("    def p(self):")
        L.append("        return self.a * 3")
        L.append("class %s(%s):" % (d, b))
        L.append("    def __init__(self, a, b=1):")
        L.append("        %s" % self.pick(["super().__init__(a + b)", "super(%s, self).__init__(a + b)" % d, "%s.__init__(self, a + b)" % b]))
        L.append("        self.b = b")
        L.append("    def m(self, x, *args, **kw):")
        L.append("        return super().m(x, *args, **kw) * 2 + self.b")
        if self.chance(0.3):
            L.append("    def lam(self):")
            L.append("        f = lambda: __class__")
            L.append("        return f() is %s" % d)
        if self.chance(0.3):
            L.append("    def nested(self):")
            L.append("        def h():")
            L.append("            return super(%s, self).m(1)" % d)
            L.append("        return h()")
        L.append("def %s():" % fname)
        L.append("    o = %s(%s)" % (d, self.int_lit()))
        L.append("    r = [o.m(2), o.m(1, 2, 3, k=4, z=5), o.s(3), o.c(4), o.p, %s(1).m(1), %s.ys, o.cnt]" % (b, b))
        L.append("    r.append(isinstance(o, %s))" % b)
        if self.chance(0.5):
            # a class inside a function, using the function's locals
            L.append("    q = %d" % r.randrange(9))
            L.append("    class Local:")
            L.append("        w = q + 1")
            L.append("        def get(self):")
            L.append("            return q * 2")
            L.append("    r.append(Local.w + Local().get())")
        return L

    def block_comprehensions(self, fname):
        c = Ctx(vars=["a", "b"])
        L = ["def %s():" % fname, "    a, b = %d, %d" % (self.r.randrange(5), self.r.randrange(5)), "    r = []"]
        for _ in range(self.r.randrange(2, 6)):
            L.append("    r.append(%s)" % self.comprehension(c))
        L.append("    r.append([[x * y for y in range(x)] for x in range(4) if x])")
        L.append("    r.append({k: [v for v in range(k) if v %% 2] for k in range(%d)})" % self.r.randrange(6))
        L.append("    r.append([y := 5, y ** 2])")
        L.append("    r.append([(w := x) for x in range(3)] + [w])")
        L.append("    r.append(list(x for x in range(5) for y in range(x) if x > y if y))")
        L.append("    return r")
        return L

    def block_try(self, fname):
        r = self.r
        L = ["def %s_(n):" % fname, "    log = []"]
        L.append("    for i in range(n):")
        L.append("        try:")
        L.append("            if i == %d:" % r.randrange(4))
        L.append("                %s" % self.pick(["continue", "break", "raise ValueError(i)", "return log", "pass"]))
        L.append("            log.append(i)")
        L.append("            try:")
        L.append("                if i %% %d == 0:" % r.randrange(1, 4))
        L.append("                    raise KeyError(i)")
        L.append("            finally:")
        L.append("                log.append('f%d' % i)")
        L.append("                %s" % self.pick(["pass", "continue", "break", "log.append(-i)"]))
        L.append("        except KeyError as e:")
        L.append("            log.append(('k', e.args[0]))")
        L.append("            %s" % self.pick(["continue", "pass", "break"]))
        L.append("        except ValueError:")
        L.append("            log.append('v')")
        L.append("        else:")
        L.append("            log.append('else')")
        L.append("        finally:")
        L.append("            log.append('fin')")
        if self.chance(0.4):
            L.append("            %s" % self.pick(["continue", "break"]))
        L.append("    else:")
        L.append("        log.append('for-else')")
        L.append("    while True:")
        L.append("        try:")
        L.append("            with CM(1) as m:")
        L.append("                for j in range(3):")
        L.append("                    try:")
        L.append("                        %s" % self.pick(["break", "continue", "return log + [j]", "pass"]))
        L.append("                    finally:")
        L.append("                        log.append(j)")
        L.append("        finally:")
        L.append("            %s" % self.pick(["break", "log.append('w')"]))
        L.append("        break")
        L.append("    try:")
        L.append("        return log")
        L.append("    finally:")
        L.append("        %s" % self.pick(["log.append('ret-fin')", "return log[:3]", "pass"]))
        L.append("def %s():" % fname)
        L.append("    return %s_(%d)" % (fname, r.randrange(6)))
        return L

    def block_with(self, fname):
        L = ["def %s():" % fname, "    r = []", "    q = 0"]
        L += self.with_stmt(Ctx(vars=["q"]), "    ")
        L.append("    with CM('a') as x, CM('b', True) as y:")
        L.append("        r.append(x + y)")
        L.append("        raise ValueError")
        L.append("    for i in range(3):")
        L.append("        with CM(i):")
        L.append("            if i == 1:")
        L.append("                %s" % self.pick(["continue", "break"]))
        L.append("            r.append(i)")
        L.append("    with CM('z'):")
        L.append("        return r")
        return L

    def block_async(self, fname):
        r = self.r
        c = Ctx(vars=["a"], is_async=True)
        L = ["async def %s_co(a):" % fname]
        L += self.stmts(c, "    ", r.randrange(1, 5))
        L.append("    t = 0")
        L.append("    async for v in AIter(%d):" % r.randrange(4))
        L.append("        t += v")
        if self.chance(0.5):
            L.append("        if v == 2:")
            L.append("            %s" % self.pick(["break", "continue"]))
        L.append("    async with ACM() as w:")
        L.append("        t += w")
        L.append("    t += await aval(a)")
        L.append("    return [t, %s]" % self.iexpr(c, 2))
        L.append("def %s():" % fname)
        L.append("    return run_coro(%s_co(%s))" % (fname, self.int_lit()))
        return L

    def block_lambda(self, fname):
        r = self.r
        L = ["def %s():" % fname]
        L.append("    f = lambda a, b=%s, *args, c, d=%s, **kw: (a, b, args, c, d, sorted(kw))" % (self.int_lit(), self.str_lit_simple()))
        L.append("    g = lambda *, k=1: k * 2")
        L.append("    h = lambda x, y=[%d]: x + y[0]" % r.randrange(9))
        L.append("    def k(p, q=2, *r, s, t=4, **u):")
        L.append("        return p, q, r, s, t, sorted(u.items())")
        L.append("    args = (%s)" % ", ".join([self.iexpr(Ctx(), 2) for _ in range(r.randrange(0, 3))] + [""]))
        L.append("    kw = {'z': 1, 'y': %d}" % r.randrange(9))
        L.append("    r = []")
        calls = ["f(1, c=2)", "f(1, 2, 3, c=4, e=5)", "f(*args, c=0) if args else 0", "f(0, *args, c=1, **kw)",
                 "f(*[1, 2], *args, c=3, d=4, **kw, w=9)", "g()", "g(k=5)", "h(1)", "h(1, [2])",
                 "k(1, s=2)", "k(*range(4), s=0, **kw)", "k(p=1, s=2, t=3)", "k(1, 2, 3, s=1, **{'v': 2})",
                 "(lambda: 42)()", "(lambda *a, **k: (a, sorted(k)))(1, 2, x=3)", "print(*args, sep='|')",
                 "max(*args, 0)", "f(1, c=2, **{'x': 3})"]
        for call in r.sample(calls, r.randrange(3, len(calls))):
            L.append("    r.append(%s)" % call)
        L.append("    return r")
        return L

    def block_fstrings(self, fname):
        c = Ctx(vars=["a", "b", "w"])
        L = ["def %s():" % fname, "    a, b, w = %d, %s, %d" % (self.r.randrange(-50, 50), self.pick(["'str'", "3.25", "-7", "[1, 2]"]), self.r.randrange(1, 12))]
        L.append("    r = []")
        for _ in range(self.r.randrange(2, 7)):
            L.append("    r.append(%s)" % self.fstring(c))
        L.append("    r.append(f'{a!r:>{w}}|{b!s:^{w + 2}}|{a:{w}d}')")
        L.append("    r.append(f\"{'nested'}{a:0{w}}{{}}{b!r}\")")
        L.append("    r.append(f'''{a}\n{b}''')")
        L.append("    r.append(f'{a:x}' f'{a}' 'plain' f'{3.5:.2f}')")
        return L + ["    return r"]

    def block_ints(self, fname):
        L = ["def %s():" % fname, "    r = []"]
        for _ in range(self.r.randrange(3, 10)):
            e = self.pick(BOUNDARY_INTS)
            op = self.pick(["", " + 1", " - 1", " * -1", " // 3", " % 1000", " << 1", " >> 1", " ^ 1", " | 0", " & 0xffff", " * 2 ** 10"])
            L.append("    r.append(%s%s)" % (e, op))
        L.append("    x = %s" % self.int_lit())
        L.append("    r.append(x * %s)" % self.pick(BOUNDARY_INTS))
        L.append("    r.append(-x - %s)" % self.pick(BOUNDARY_INTS))
        return L + ["    return r"]

    def block_floats(self, fname):
        L = ["def %s():" % fname, "    r = []"]
        for _ in range(self.r.randrange(3, 10)):
            e = self.float_lit() if self.chance(0.7) else self.pick(COMPLEXES)
            op = self.pick(["", " + 1", " - 0.5", " * -1", " / 3", " * 2.0", " ** 2", ""])
            L.append("    r.append(%s%s)" % (e, op))
        L.append("    r.append(%s == %s)" % (self.float_lit(), self.float_lit()))
        L.append("    r.append(0.1 + 0.2 == 0.3)")
        L.append("    r.append((%s).real)" % self.pick(COMPLEXES))
        return L + ["    return r"]

    def block_strings(self, fname):
        L = ["def %s():" % fname, "    r = []"]
        for _ in range(self.r.randrange(3, 10)):
            s = self.str_lit() if self.chance(0.6) else self.bytes_lit()
            L.append("    r.append(%s)" % s)
        L.append("    return [len(x) for x in r] + [r[0][:20]]")
        return L

    def block_const(self, fname):
        self.uses_const = True
        r = self.r
        L = []
        names = []
        for i in range(r.randrange(2, 7)):
            nm = "%s%s_C%d" % (self.pick(["_", "", "_"]), fname.upper(), i)
            k = r.randrange(8)
            if k < 3 or not names:
                e = self.pick(SMALL_INTS + ["-5", "1 << 20", "0x7f", "1 << 40", "-(1 << 30)", "2 ** 31"])
            elif k < 6:
                e = "%s %s %s" % (self.pick(names), self.pick(["*", "+", "-", "<<", "|", "//", "%"]), self.pick(["2", "3", self.pick(names)]))
            elif k == 6:
                e = self.pick(["(1, 2)", "('a', %s)" % self.pick(names), "'str'", "b'bytes'", "%s + 0.5" % self.pick(names), "(1, (2, 3))"])
            else:
                e = "-%s" % self.pick(names)
            L.append("%s = const(%s)" % (nm, e))
            names.append(nm)
        L.append("def %s():" % fname)
        L.append("    return [%s]" % ", ".join(names))
        return L

    def block_long(self, fname):
        """Function bodies big enough for 2-byte jump offsets."""
        r = self.r
        n = self.pick([20, 40, 64, 100, 200, 400, 1000])
        c = Ctx(vars=["a", "b", "c"])
        L = ["def %s():" % fname, "    a, b, c = 1, 2, 3"]
        form = r.randrange(4)
        if form == 0:
            L.append("    for i in range(3):")
            ind = "        "
        elif form == 1:
            L.append("    if a < b:")
            ind = "        "
        elif form == 2:
            L.append("    while a < 10 ** 6:")
            L.append("        a += 100000")
            ind = "        "
        else:
            L.append("    try:")
            ind = "        "
        for i in range(n):
            k = r.randrange(5)
            if k == 0:
                L.append("%sa = (a + %d) %% 1000" % (ind, i))
            elif k == 1:
                L.append("%sb = b ^ (c & %d)" % (ind, i))
            elif k == 2:
                L.append("%sif a > %d:" % (ind, r.randrange(1000)))
                L.append("%s    c = (c + a) %% 997" % ind)
            elif k == 3 and form in (0, 2) and i % 50 == 7:
                L.append("%sif c == %d:" % (ind, r.randrange(1000)))
                L.append("%s    %s" % (ind, self.pick(["continue", "break"])))
            else:
                L.append("%sc = (c * 3 + b) %% 1009" % ind)
        if form == 1:
            L.append("    else:")
            L.append("        a = -1")
        if form == 3:
            L.append("    except ValueError:")
            L.append("        a = 0")
            L.append("    finally:")
            L.append("        b = 0")
        L.append("    return a, b, c")
        return L

    def block_locals(self, fname):
        n = self.pick([15, 16, 17, 20, 63, 64, 65, 127, 128, 255, 256, 257, 300])
        L = ["def %s_(p0, p1=1, *pa, **pk):" % fname]
        names = ["l%d" % i for i in range(n)]
        for i, nm in enumerate(names):
            L.append("    %s = %s" % (nm, "p0 + %d" % i if i % 7 == 0 else str(i)))
        hi = names[-1]
        L.append("    %s += %s" % (hi, names[0]))
        L.append("    for %s in range(2):" % names[n // 2])
        L.append("        %s = %s + %s" % (hi, hi, names[n // 2]))
        # any cell in a function of more than 256 locals makes mpy-cross abort (known class)
        if n + 5 <= 256 or "cell_over_255" in self.known:
            L.append("    def inner():")
            L.append("        return %s + %s" % (hi, names[min(n - 1, 17)]))
        else:
            L.append("    inner = lambda: 0")
        L.append("    del %s" % names[1])
        L.append("    %s, %s = %s, %s" % (names[2], hi, hi, names[2]))
        L.append("    return inner() + %s + %s + len(pa) + len(pk)" % (hi, " + ".join(self.r.sample(names[2:], min(10, n - 2)))))
        L.append("def %s():" % fname)
        L.append("    return %s_(%s)" % (fname, self.int_lit()))
        return L

    def block_nesting(self, fname):
        r = self.r
        depth = r.randrange(5, 30)
        L = ["def %s():" % fname, "    a = 0"]
        ind = "    "
        k = r.randrange(4)
        for i in range(depth):
            if k == 0:
                L.append("%sif a >= %d:" % (ind, -i))
            elif k == 1:
                L.append("%sfor i%d in range(%d):" % (ind, i, 1 if i > 3 else 2)) if i < 18 else L.append("%sif i0 >= 0:" % ind)
            elif k == 2:
                L.append("%stry:" % ind) if i < 18 else L.append("%sif True:" % ind)
            else:
                L.append("%swhile a < %d:" % (ind, i + 1)) if i < 18 else L.append("%sif a:" % ind)
                L.append("%s    a += 1" % ind)
            ind += "    "
        L.append("%sa += 1" % ind)
        if k == 2:
            for i in range(min(depth, 18) - 1, -1, -1):
                L.append("%sexcept Exception:" % ("    " * (i + 1)) if i % 2 else "%sfinally:" % ("    " * (i + 1)))
                L.append("%s    a += 1" % ("    " * (i + 1)))
        e = "a"
        for _ in range(r.randrange(10, 90)):
            e = self.pick(["(%s + 1)", "[%s][0]", "-(-%s)", "(%s if a else %s)".replace("%s", "%s", 1).replace(" else %s", " else 0")]) % e
        L.append("    b = %s" % e)
        return L + ["    return a, b"]

    def block_if_while_forms(self, fname):
        r = self.r
        L = ["def %s():" % fname, "    r = []", "    n = 0"]
        for _ in range(r.randrange(2, 6)):
            c = self.pick(["False", "True", "0", "1", "__debug__", "not __debug__", "None", "1 if 0 else 0", "not 0",
                           "0 and x_undef", "1 or x_undef", "-1", "''", "'a'", "b''", "()", "(0,)", "[]", "{}"])
            k = r.randrange(4)
            if k == 0:
                L += ["    if %s:" % c, "        r.append(%r)" % c, "    else:", "        r.append('else')"]
            elif k == 1:
                L += ["    while %s:" % c, "        n += 1", "        if n > 2:", "            break",
                      "        r.append(n)"]
                if self.chance(0.5):
                    L += ["    else:", "        r.append('while-else')"]
            elif k == 2:
                L += ["    if %s:" % c, "        pass", "    elif %s:" % self.pick(["True", "n", "False"]), "        r.append(1)"]
            else:
                L += ["    r.append(1 if (%s) else 2)" % c, "    x = %s and 5 or 6" % c, "    r.append(x)"]
        L.append("    if __debug__:")
        L.append("        r.append('debug')")
        L.append("    assert n >= 0, 'n'")
        L.append("    try:")
        L.append("        assert %s, %s" % (self.pick(["False", "0", "n < 0", "not r"]), self.pick(["'msg'", "n", "(1, 2)"])))
        L.append("    except AssertionError as e:")
        L.append("        r.append(('assert', e.args))")
        L.append("    r.append(__debug__)")
        return L + ["    return r"]

    def block_ternary_swaps(self, fname):
        r = self.r
        L = ["def %s_t(a, b, c):" % fname, "    return a if b else c",
             "def %s_u(a, b, c):" % fname, "    return (a if b else c) if a else (b if c else a)",
             "def %s():" % fname, "    a, b, c, d = %s, %s, %s, %s" % tuple(self.int_lit() for _ in range(4))]
        L.append("    a, b = b, a")
        L.append("    a, b, c = c, a, b")
        L.append("    a, b, c, d = d, c, b, a")
        L.append("    l = [a, b]")
        L.append("    l[0], l[1] = l[1], l[0]")
        L.append("    o = CM(0)")
        L.append("    o.x, o.y = a, b")
        L.append("    o.x, o.y = o.y, o.x")
        L.append("    [a, b] = [b, a]")
        L.append("    (a, (b, c)) = (c, (b, a))")
        L.append("    return [a, b, c, d, l, o.x, o.y, %s_t(a, b, c), %s_t(0, 1, 2), %s_u(0, 0, 3)]" % (fname, fname, fname))
        return L

    def block_many_consts(self, fname):
        n = self.pick([100, 127, 128, 129, 200, 255, 256, 257, 300])
        vals = []
        seen = set()
        while len(vals) < n:
            k = self.r.randrange(4)
            v = ["%d.%d" % (len(vals), self.r.randrange(100)), str(10 ** 12 + len(vals) * 7919), "b'%d'" % len(vals),
                 "'s%d_%s'" % (len(vals), "x" * self.r.randrange(12))][k]
            if v not in seen:
                seen.add(v)
                vals.append(v)
        L = ["def %s():" % fname, "    t = ["]
        for i in range(0, n, 8):
            L.append("        " + ", ".join(vals[i:i + 8]) + ",")
        L.append("    ]")
        L.append("    o = CM(0)")
        names = ["attr%d" % i for i in range(self.pick([10, 200, 300]))]
        L.append("    r = 0")
        for i in range(0, len(names), 10):
            L.append("    " + "; ".join("o.%s = %d" % (nm, j) for j, nm in enumerate(names[i:i + 10])))
        L.append("    return len(t), t[-1], o.%s" % names[-1])
        return L

    def block_lines(self, fname):
        """Big line-number gaps and multi-line expressions."""
        r = self.r
        L = ["def %s():" % fname, "    x = 1"]
        gap = self.pick([5, 15, 16, 31, 32, 100, 127, 128, 300, 2047, 2048, 5000])
        form = r.randrange(3)
        for _ in range(gap):
            L.append("" if form == 0 else "    # comment")
        if form == 2:
            L.append("    '''")
            L += ["    doc line"] * 3
            L.append("    '''")
        L.append("    y = (x +")
        L += ["         1 +"] * r.randrange(1, 40)
        L.append("         2)")
        L.append("    z = [")
        L += ["        x,"] * r.randrange(1, 10)
        L.append("    ]")
        L.append("    w = x + \\")
        L.append("        y")
        L.append("    if x: y += 1; z.append(3); x = -x")
        L.append("    return x, y, len(z), w")
        return L

    def block_unicode(self, fname):
        names = self.r.sample(UNI_IDENTS, self.r.randrange(1, 5))
        L = ["def %s():" % fname]
        for i, nm in enumerate(names):
            L.append("    %s = %d" % (nm, i))
        L.append("    s = '%s'" % "".join(self.r.sample(UNI_CHARS, 4)))
        L.append("    return [%s, s, len(s), s.encode(), '\\u00e9' == 'é']" % ", ".join(names))
        return L

    def block_misc(self, fname):
        r = self.r
        L = ["%s_g = %s" % (fname, self.int_lit()), "def %s():" % fname, "    global %s_g" % fname, "    %s_g += 1" % fname]
        L.append("    d = {'a': 1, 'b': [1, 2, {'c': 3}]}")
        L.append("    d['b'][2]['c'] += 5")
        L.append("    o = CM(1)")
        L.append("    o.v = [0, 1]")
        L.append("    o.v[1] -= 3")
        L.append("    o.name *= 2")
        L.append("    del d['a'], o.v")
        L.append("    x = [1, 2, 3]")
        L.append("    x[1:2] = 'ab'")
        L.append("    e = [..., Ellipsis, None][0] is ...")
        L.append("    t = 1,")
        L.append("    a, *b, c = range(%d)" % r.randrange(2, 7))
        L.append("    for i, (p, q) in enumerate([(1, 2), (3, 4)]):")
        L.append("        t += (p * q, i)")
        L.append("    s = 'a' 'b' %s" % self.str_lit_simple())
        L.append("    s += %s" % self.pick(["'%d' % 5", "'{}'.format(1)", "str(b'x', 'utf-8')", "repr(1.5)"]))
        L.append("    n = %s" % self.pick(["not x", "x is not None", "1 in x", "'a' not in 'abc'", "x == [1]", "not not x"]))
        L.append("    return [%s_g, d, o.name, x, e, t, a, b, c, s, n, type(o).__name__]" % fname)
        return L

    def block_decorators(self, fname):
        L = ["def %s_dec(f):" % fname, "    def w(*a, **k):", "        return ('w', f(*a, **k))", "    return w",
             "def %s_deco(n):" % fname, "    def d(f):", "        f.tag = n" if False else "        return lambda *a: (n, f(*a))", "    return d",
             "@%s_dec" % fname, "@%s_deco(%d)" % (fname, self.r.randrange(9)), "def %s_f(x, y=2):" % fname, "    return x * y",
             "def %s():" % fname, "    return %s_f(3), %s_f(1, 5)" % (fname, fname)]
        return L

    SNIPPETS = [
        # annotations
        ["x: int = {i}", "y: 'str'", "z: list[int] = [x]", "r.append(x)"],
        ["def ann(a: int, b: 'x' = {i}, *c: str, d: float = 1.5, **e: dict) -> None:", "    return a + b", "r.append(ann({i}))"],
        # constant folding corners
        ["r.append([-(-(1 << 30)), ~-1, 2 ** -1, (1 << 30) * 2, 0 ** 0, -2 ** 2, 1 if 1 else 2, not 1, 3 - -3])"],
        ["r.append([{i} // 7, -{i} // 7, {i} % -7, -{i} % 7, {i} << 3 >> 2, {i} ** 2 % 11, -{i} >> 1])"],
        ["r.append([1 < 2, 1 == 1.0, 'a' * 3, b'x' * 2, (1, 2) * 2, 'abc'[1], (1, 2)[0], 1 + True])"],
        ["r.append([(1, 2, (3, 4)), (-1, -2.5), (1, 2.0), (True, 2), (0.0, -0.0), ((), ((),)), (b'a', 'a', None, ...)])"],
        ["r.append([1.0, 1, True, 0.0, -0.0, 0, False, 'a', b'a', 1j, 1 + 0j])"],
        ["r.append([{i} in (1, 2, {i}), {i} in [1, 2], {i} not in {1, 2}, 'a' in 'abc', {i} is None])"],
        # calls
        ["def many(*a, **k):", "    return len(a), len(k)", "r.append(many(" + ", ".join(str(i) for i in range(40)) + ", **{'k': 1}))"],
        ["def kw(a, b=1, *, c, d=2, **e):", "    return a, b, c, d, sorted(e)", "r.append(kw(1, c=2, z=3, **{'y': 4}))", "r.append(kw(*[1, 2], c=3))"],
        ["o = CM({i})", "r.append(o.__class__.__name__)", "r.append(getattr(o, 'name', None))", "r.append(CM({i}, swallow=True).swallow)"],
        ["f = lambda: lambda y=2: y * {i}", "r.append(f()())", "g = lambda *a, k=[1]: (a, k)", "r.append(g(1, k=2))"],
        # imports
        ["import sys", "r.append(type(sys.maxsize).__name__)", "from sys import maxsize as ms, byteorder", "r.append(byteorder)"],
        ["import micropython as mp, gc", "from collections import OrderedDict", "r.append(len(OrderedDict(a=1)))"],
        ["try:", "    import no_such_mod.sub as nm", "except ImportError:", "    r.append('noimp')"],
        ["try:", "    from . import rel", "except ImportError:", "    r.append('rel')"],
        # assignment target forms
        ["a = b = c = {i}", "(d) = a", "[e] = [b]", "f, = [c]", "g, *h = [1, 2, 3]", "*i, j = 'xy'", "r.append((a, b, c, d, e, f, g, h, i, j))"],
        ["l = [1, 2, 3]", "l[1:2] += [9]", "l[0] += 1", "l[-1] **= 2", "r.append(l)"],
        ["for a, *b in [(1, 2, 3), (4,)]:", "    r.append((a, b))", "for (a, b), c in [((1, 2), 3)]:", "    r.append(a + b + c)"],
        ["x, y = 1, 2", "x, y, z = y, x, 3", "x, y = y, x", "x = y, = [5]", "r.append((x, y, z))"],
        # chains and compares with side effects
        ["def se(v):", "    r.append(('se', v))", "    return v", "r.append(se(1) < se(2) < se(0) < se(3))", "r.append(se(0) or se(2) and se(3))"],
        ["a = {i}", "r.append(0 <= a < 10 ** 6 != a + 1 is not None)", "r.append(not a == a)", "r.append(a if a > 2 else -a if a < -2 else 0)"],
        # names
        ["__name__", "r.append(__name__ == 'x')", "r.append(len(__file__) > 0 if '__file__' in globals() else 0)"],
        ["def shadow():", "    super = 1", "    len = lambda x: 0", "    return super, len('abc')", "r.append(shadow())"],
        ["class Kw(CM):", "    def __init__(self):", "        super().__init__('kw')", "r.append(Kw().name)"],
        ["def docf():", "    \"\"\"docstring\"\"\"", "    'not a doc'", "    1", "    ...", "    return docf.__name__", "r.append(docf())"],
        # loops
        ["for q in range(0, 1 << 40, 1 << 39):", "    r.append(q)", "for q in range({i}, {i} + 3):", "    pass", "else:", "    r.append('e')"],
        ["n = 0", "while n < 3:", "    n += 1", "else:", "    for k in range(2):", "        break", "    r.append(n)"],
        ["for x in []:", "    pass", "while 0:", "    pass", "if 1:", "    pass", "elif 2:", "    pass"],
        # exceptions
        ["try:", "    raise ValueError({i})", "except (TypeError, ValueError) as err:", "    r.append(err.args)", "try:", "    raise", "except RuntimeError:", "    r.append('re')"],
        ["try:", "    try:", "        1 / 0", "    finally:", "        r.append('in')", "except ZeroDivisionError as e:", "    r.append(type(e).__name__)", "else:", "    r.append('no')"],
        ["def gen():", "    try:", "        yield 1", "    except GeneratorExit:", "        r.append('exit')", "        raise", "it = gen()", "next(it)", "it.close()"],
        # strings
        ["r.append('%s-%d-%r' % ('a', {i}, 'b'))", "r.append('{}-{0}'.format(1, 2))", "r.append('x' 'y' f'{i}' 'z')", "r.append(f'{{{i}}}')"],
        ["r.append(f'{{r!r}}')", "r.append(f'{i!s:>5}')", "r.append(f'{3.14159:.{i}}')"],
        # global / nonlocal mixtures
        ["def gl():", "    global GX", "    GX = {i}", "    def inner():", "        return GX", "    return inner()", "r.append(gl())"],
        ["def nl():", "    v = 1", "    class C:", "        def m(self):", "            nonlocal v", "            v += 1", "            return v", "    return C().m(), v", "r.append(nl())"],
    ]

    def block_snippets(self, fname):
        L = ["def %s():" % fname, "    r = []"]
        for snip in self.r.sample(self.SNIPPETS, self.r.randrange(2, 7)):
            i = self.pick(["0", "1", "3", "7", "-5", "63", "64", "1000", "1 << 30", "2 ** 40", "-(1 << 30)"])
            iv = "(%s)" % i if " " in i else i
            for line in snip:
                L.append("    " + line.replace("{i}", iv))
        return L + ["    return r"]

    def block_rejected(self, fname):
        """A construct mpy-cross rejects (and CPython 3.11 accepts)."""
        while True:
            k = self.r.randrange(13)
            if KNOWN_IN_REJECTED.get(k, "") in ("",) or KNOWN_IN_REJECTED[k] in self.known:
                break
        bodies = [
            ["def %s(a, /, b):" % fname, "    return a + b"],
            ["def %s():" % fname, "    a = [1]", "    return (*a, *a)"],
            ["def %s():" % fname, "    a = [1]", "    return [*a, *a]"],
            ["def %s():" % fname, "    x = 1", "    return f'{x!a}'"],
            ["def %s():" % fname, "    return %s" % ESC_NAMES[0]],
            ["def %s():" % fname, "    return %s'x'" % self.pick(["B", "R", "F", "U", "Rb", "bR", "BR", "Br", "rB", "Fr", "fR", "RF"])],
            ["def %s():" % fname, "    a = b = 1", "    del (a, b), [a]"],
            ["def %s():" % fname, "    match 1:", "        case 1:", "            return 1"],
            ["def %s():" % fname, "    with (CM(1) as a, CM(2) as b):", "        return a"],
            ["def %s():" % fname, "    try:", "        pass", "    except* ValueError:", "        pass"],
            ["def %s():" % fname, "    return {*[1], *[2]}"],
            ["def %s():" % fname, "    x = 5", "    return f'{x=}'"],
            ["def %s():" % fname, "    async def g():", "        yield 1", "    return g"],
        ]
        return bodies[k]

    # ---- program -------------------------------------------------------------------------------

    BLOCKS = [
        ("random", 6), ("generator", 2), ("closure", 2), ("class", 2), ("comprehensions", 2),
        ("try", 2), ("with", 1), ("async", 1), ("lambda", 2), ("fstrings", 2), ("ints", 2),
        ("floats", 2), ("strings", 2), ("const", 2), ("long", 1), ("locals", 1), ("nesting", 1),
        ("if_while_forms", 2), ("ternary_swaps", 1), ("many_consts", 1), ("lines", 1),
        ("unicode", 1), ("misc", 2), ("decorators", 1), ("snippets", 5), ("rejected", 0.25),
    ]

    PRELUDE = """\
class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print('enter', self.name)
        return self.name
    def __exit__(self, t, v, tb):
        print('exit', self.name, t is not None)
        return self.swallow
class AIter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
class ACM:
    async def __aenter__(self):
        print('aenter')
        return 1
    async def __aexit__(self, t, v, tb):
        print('aexit', t is not None)
        return False
async def aval(x):
    return x
def run_coro(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value
"""

    # share of top-level functions decorated @micropython.native in a native run
    NATIVE_SHARE = 0.35

    def block_viper(self, fname):
        return ViperBlock(self.r).block(fname)

    def program(self, nblocks):
        blocks = self.BLOCKS + ([("viper", 8)] if self.native else [])
        names = [b for b, _ in blocks]
        weights = [w for _, w in blocks]
        chosen = self.r.choices(names, weights, k=nblocks)
        body = []
        calls = []
        for i, b in enumerate(chosen):
            fname = "f%d" % i
            body += getattr(self, "block_" + b)(fname)
            calls.append(fname)
        # some module-level random statements too (globals, module-scope loops)
        mctx = Ctx(vars=["G0", "G1"], kind="module")
        top = ["G0 = %s" % self.int_lit(), "G1 = %s" % self.int_lit(), "try:"]
        top += self.stmts(mctx, "    ", self.r.randrange(1, 5))
        top += ["except Exception as e:", "    print('top', 'exc', type(e).__name__)"]
        lines = ["# generated by fuzz-diff/gen_programs.py"]
        if self.uses_const or self.chance(0.2):
            lines.append(self.pick(["from micropython import const", "from micropython import const as const"]))
        lines += self.PRELUDE.splitlines()
        if self.native:
            lines.append("import micropython")
            body = decorate_native(body, self.r, self.NATIVE_SHARE)
        lines += body
        lines += top
        for fname in calls:
            lines += ["try:", "    print(%r, %s())" % (fname, fname), "except Exception as e:",
                      "    print(%r, 'exc', type(e).__name__)" % fname]
        return "\n".join(lines) + "\n"


def generate(seed, index, known=(), native=False):
    """Program number `index` of run `seed` (independent of how many others are generated);
    `native`: with native and viper functions (a run with -march)."""
    rng = random.Random("%d-%d" % (seed, index))
    for attempt in range(50):
        g = Gen(rng, known, native)
        src = g.program(rng.randrange(2, 8))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compile(src, "gen.py", "exec", dont_inherit=True)
            return src
        except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
            last = e
            continue
    raise RuntimeError("no valid program after 50 tries: %s" % last)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--known", default="", help="known difference classes to generate anyway: "
                    "'all' or a comma list of " + ", ".join(KNOWN_CLASSES))
    ap.add_argument("--native", action="store_true",
                    help="decorate functions @micropython.native and add viper functions (for -march runs)")
    args = ap.parse_args()
    known = KNOWN_CLASSES if args.known == "all" else [k for k in args.known.split(",") if k]
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.start, args.start + args.n):
        src = generate(args.seed, i, known, args.native)
        with open(os.path.join(args.out, "g%d_%04d.py" % (args.seed, i)), "w", encoding="utf-8") as f:
            f.write(src)


if __name__ == "__main__":
    main()
