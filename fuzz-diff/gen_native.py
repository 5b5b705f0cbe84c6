"""Native and viper code for fuzz-diff/gen_programs.py (used when a run has `--march`).

Two things, both seeded from the program's own random generator:

* `decorate_native(lines, rng, share)`: puts `@micropython.native` on a share of the top-level
  functions of a generated program (any construct the bytecode generator makes, now through the
  native emitter);
* `ViperBlock(rng).block(fname)`: a `@micropython.viper` function with typed parameters and
  return (`int`, `uint`, `bool`, `object`, `ptr8`, `ptr16`, `ptr32`), casts, pointer loads and
  stores, integer arithmetic and bit operations on typed locals, comparisons, `while` and
  `for ... in range()` loops, plus a plain caller `fname()` that passes matching arguments.

The viper generator tracks the type of every local so that most programs compile, and on purpose
makes a small share of type errors (a local given two types, an `int` op with an `object`, a
return of the wrong type): both compilers must then reject them at the same line with the same
kind (ViperTypeError).
"""

# small ints (viper keeps them native); the big ones are objects, so only inside a cast
INT_LITS = ["0", "1", "2", "3", "7", "15", "31", "100", "255", "256", "1000", "0x7f", "0xff",
            "0xffff", "-1", "-7", "(1 << 20)", "0x3fffffff", "-0x40000000", "(1 << 29)", "12345678"]
BIG_LITS = ["0x7fffffff", "0xffffffff", "0x80000000", "(1 << 40)"]
INT_OPS = ["+", "-", "*", "&", "|", "^", "<<", ">>"]
RARE_INT_OPS = ["//", "%"]
CMP_OPS = ["<", ">", "<=", ">=", "==", "!="]
PTR_TYPES = ["ptr8", "ptr16", "ptr32"]
PARAM_TYPES = ["int", "uint", "bool", "object", "ptr8", "ptr16", "ptr32", None]
RET_TYPES = ["int", "uint", "bool", "object", None, "int", "uint", "object", None, "ptr8"]


def decorate_native(lines, rng, share):
    """Insert `@micropython.native` before a share of the unindented `def` lines (not the viper
    ones: two emitter decorators are a different test). A function with a bare `raise` is rarely
    chosen: the native emitter of mpy-cross 1.29 refuses it ("native raise"), and both compilers
    agreeing on that refusal over and over would hide the rest."""
    out = []
    for i, line in enumerate(lines):
        viper = bool(out) and out[-1] == "@micropython.viper"
        if line.startswith("def ") and not viper and rng.random() < share:
            body = []
            for later in lines[i + 1:]:
                if later and not later[0].isspace():
                    break
                body.append(later.strip())
            if "raise" not in body or rng.random() < 0.1:
                out.append("@micropython.native")
        out.append(line)
    return out


class ViperBlock:
    def __init__(self, rng):
        self.r = rng
        self.n = 0
        self.types = {}  # local name -> viper type ("int", "uint", "bool", "object", "ptrN")
        self.ro = set()  # loop counters: read, never assigned in the body
        self.ret = None  # the function's return annotation

    def fresh(self, base):
        self.n += 1
        return "%s%d" % (base, self.n)

    def chance(self, p):
        return self.r.random() < p

    def names(self, *types):
        return sorted(n for n, t in self.types.items() if t in types)

    # ---- expressions by type ---------------------------------------------------------------

    def int_expr(self, depth=0, ty="int"):
        r = self.r
        k = r.randrange(10)
        same = self.names(ty)
        ptrs = self.names(*PTR_TYPES)
        if depth > 2 or k < 2:
            if same and self.chance(0.7):
                return r.choice(same)
            if self.chance(0.1):
                return "%s(%s)" % (ty, r.choice(BIG_LITS))
            lit = r.choice(INT_LITS)
            return lit if ty == "int" else "uint(%s)" % lit
        if k < 5:
            op = r.choice(RARE_INT_OPS) if self.chance(0.08) else r.choice(INT_OPS)
            rhs = self.int_expr(depth + 1, ty)
            if op in ("<<", ">>"):
                # small constant amounts or a local: a constant shifted by millions folds to a
                # bigint larger than mpy-cross's 1 MiB heap (MemoryError, not a compiler
                # difference; see README)
                same = self.names(ty)
                rhs = r.choice(same) if same and self.chance(0.2) else r.choice(["1", "2", "3", "4", "8", "16", "31"])
            return "(%s %s %s)" % (self.int_expr(depth + 1, ty), op, rhs)
        if k < 7 and ptrs:
            # (a pointer load is an int)
            load = "%s[%s]" % (r.choice(ptrs), self.index_expr(depth + 1))
            if self.chance(0.1):
                load = "%s(buf)[%s]" % (r.choice(PTR_TYPES), self.index_expr(depth + 1))
            return load if ty == "int" else "%s(%s)" % (ty, load)
        if k == 7:
            # a cast from another type
            src = self.names("int", "uint", "bool", "object", *PTR_TYPES)
            inner = r.choice(src) if src and self.chance(0.7) else r.choice(INT_LITS + ["len(buf)"])
            return "%s(%s)" % (ty, inner)
        if k == 8:
            return "(-%s)" % self.int_expr(depth + 1, ty) if ty == "int" and self.chance(0.5) else "(~%s)" % self.int_expr(depth + 1, ty)
        return self.int_expr(depth + 1, ty)

    def index_expr(self, depth):
        ints = self.names("int")
        if ints and self.chance(0.6):
            v = self.r.choice(ints)
            return v if self.chance(0.6) else "(%s & 15)" % v
        return self.r.choice(["0", "1", "2", "3", "7"])

    def bool_expr(self, depth=0):
        r = self.r
        k = r.randrange(6)
        bools = self.names("bool")
        if k == 0 and bools:
            return r.choice(bools)
        if k == 0 and self.names("int", "uint"):
            # an int as a condition (its truth value, no comparison)
            return r.choice(self.names("int", "uint"))
        if k == 1 and depth < 2:
            return "(%s %s %s)" % (self.bool_expr(depth + 1), r.choice(["and", "or"]), self.bool_expr(depth + 1))
        if k == 2 and depth < 2 and self.chance(0.2):
            # (viper has no unary op on a bool: mostly a ViperTypeError both must agree on)
            return "(not %s)" % self.bool_expr(depth + 1)
        ty = "uint" if self.names("uint") and self.chance(0.3) else "int"
        return "(%s %s %s)" % (self.int_expr(depth + 1, ty), r.choice(CMP_OPS), self.int_expr(depth + 1, ty))

    def obj_expr(self):
        objs = self.names("object")
        k = self.r.randrange(5)
        if objs and k < 2:
            return self.r.choice(objs)
        if objs and k == 2:
            return "len(%s)" % self.r.choice(objs)
        return self.r.choice(["None", "[1, 2, 3]", "(1, 2)", "'ab'", "b'xyz'", "{}", "len('abc')", "G0", "G1"])

    def expr(self, ty):
        if ty in ("int", "uint"):
            return self.int_expr(0, ty)
        if ty == "bool":
            return self.bool_expr()
        if ty == "object":
            return self.obj_expr()
        objs = self.names("object")
        if self.chance(0.15):
            # a pointer from an address: another pointer's, offset
            ptrs = self.names(*PTR_TYPES)
            if ptrs:
                return "%s(int(%s) + %s)" % (ty, self.r.choice(ptrs), self.r.choice(["1", "2", "4"]))
        return "%s(%s)" % (ty, self.r.choice(objs) if objs and self.chance(0.6) else "buf")

    # ---- statements ------------------------------------------------------------------------

    def stmts(self, ind, count, depth):
        L = []
        for _ in range(count):
            L += self.stmt(ind, depth)
        return L

    def stmt(self, ind, depth):
        r = self.r
        k = r.randrange(12)
        ints = [n for n in self.names("int", "uint") if n not in self.ro]
        ptrs = self.names(*PTR_TYPES)
        if k < 2 or (k < 4 and not ints):
            ty = r.choice(["int", "int", "uint", "bool", "object", r.choice(PTR_TYPES)])
            name = self.fresh("t")
            line = "%s%s = %s" % (ind, name, self.expr(ty))
            if depth == 0:
                # (a local first assigned in a branch or loop may be unbound after it: only
                # top-level ones are read later)
                self.types[name] = ty
            return [line]
        if k < 4:
            v = r.choice(ints)
            op = r.choice(["+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>="])
            rhs = self.int_expr(1, self.types[v]) if op not in ("<<=", ">>=") else r.choice(["1", "2", "3"])
            return ["%s%s %s %s" % (ind, v, op, rhs)]
        if k < 6 and ptrs:
            p = r.choice(ptrs)
            if self.chance(0.25):
                op = r.choice(["+=", "-=", "|=", "&=", "^=", "<<="])
                return ["%s%s[%s] %s %s" % (ind, p, self.index_expr(1), op, r.choice(["1", "3", "0xff"]))]
            return ["%s%s[%s] = %s" % (ind, p, self.index_expr(1), self.int_expr(1, r.choice(["int", "uint"])))]
        if k == 6 and depth < 2:
            L = ["%sif %s:" % (ind, self.bool_expr())]
            L += self.stmts(ind + "    ", r.randrange(1, 3), depth + 1)
            if self.chance(0.5):
                L.append("%selse:" % ind)
                L += self.stmts(ind + "    ", r.randrange(1, 3), depth + 1)
            return L
        if k == 7 and depth < 2:
            i = self.fresh("i")
            L = ["%s%s = 0" % (ind, i)]
            self.types[i] = "int"
            self.ro.add(i)
            bound = "n0" if self.types.get("n0") == "int" and self.chance(0.5) else r.choice(["3", "8"])
            L.append("%swhile %s < %s:" % (ind, i, bound))
            L += self.stmts(ind + "    ", r.randrange(1, 3), depth + 1)
            if self.chance(0.2):
                L.append("%s    if %s == 2:" % (ind, i))
                L.append("%s        break" % ind)
            elif self.chance(0.1) and self.ret is not None:
                L.append("%s    if %s > 5:" % (ind, i))
                L.append("%s        return %s" % (ind, self.expr(self.ret) if self.ret != "object" else "r"))
            L.append("%s    %s += 1" % (ind, i))
            return L
        if k == 9 and depth < 2 and self.chance(0.3):
            i = self.fresh("w")
            self.types[i] = "int"
            self.ro.add(i)
            L = ["%s%s = 0" % (ind, i), "%swhile True:" % ind]
            L += self.stmts(ind + "    ", r.randrange(1, 3), depth + 1)
            L += ["%s    %s += 1" % (ind, i), "%s    if %s >= 4:" % (ind, i), "%s        break" % ind]
            return L
        if k == 8 and depth < 2:
            i = self.fresh("j")
            stop = self.r.choice(["4", "16", "n0" if self.types.get("n0") == "int" else "5"])
            rng_args = self.r.choice([stop, "1, %s" % stop, "0, %s, 2" % stop, "%s, 0, -1" % stop])
            L = ["%sfor %s in range(%s):" % (ind, i, rng_args)]
            self.types[i] = "int"
            self.ro.add(i)
            L += self.stmts(ind + "    ", r.randrange(1, 3), depth + 1)
            if self.chance(0.15):
                L.append("%s    continue" % ind)
            return L
        if k == 9 and self.chance(0.25):
            # a deliberate type error: a local given a second type, or an int op with an object
            if ints and self.chance(0.5):
                return ["%s%s = %s" % (ind, r.choice(ints), self.r.choice(["None", "'s'", "[1]"]))]
            objs = self.names("object")
            if objs and ints:
                return ["%s%s = %s + %s" % (ind, self.fresh("t"), r.choice(ints), r.choice(objs))]
        if k == 10:
            return ["%sr.append(%s)" % (ind, r.choice(ints) if ints and self.chance(0.2) else self.obj_expr())]
        return ["%s%s = %s" % (ind, self.fresh("t"), self.expr("int"))]

    # ---- the block -------------------------------------------------------------------------

    def block(self, fname):
        r = self.r
        params = []
        args = []
        arg_for = {"int": "7", "uint": "255", "bool": "True", "object": "[4, 5, 6]",
                   "ptr8": "buf", "ptr16": "buf", "ptr32": "buf", None: "3"}
        for i in range(r.randrange(0, 4)):
            ty = r.choice(PARAM_TYPES)
            name = "n%d" % i
            param = "%s: %s" % (name, ty) if ty else name
            if params and params[-1].count("=") or self.chance(0.1):
                # (once one has a default, all later ones need one)
                param += " = %s" % ("1" if ty in ("int", "uint", "bool", None) else "None")
            params.append(param)
            self.types[name] = ty or "object"
            args.append(arg_for[ty])
        ret = r.choice(RET_TYPES)
        self.ret = ret
        vname = fname + "_v"
        L = ["@micropython.viper",
             "def %s(%s)%s:" % (vname, ", ".join(params), " -> %s" % ret if ret else "")]
        L.append("    buf = bytearray(32)")
        self.types["buf"] = "object"
        L.append("    r = []")
        self.types["r"] = "object"
        L += self.stmts("    ", r.randrange(2, 8), 0)
        if ret is None or ret == "object":
            L.append("    return r" if self.chance(0.7) else "    return %s" % self.obj_expr())
        elif self.chance(0.05):
            L.append("    return r")  # wrong type on purpose
        else:
            L.append("    return %s" % self.expr(ret))
        L += ["def %s():" % fname,
              "    buf = bytearray(64)",
              "    return %s(%s)" % (vname, ", ".join(args))]
        return L
