//! Python source from fuzz bytes: a small grammar of statements, expressions and indented
//! blocks, so that most inputs parse and reach scope analysis and code generation.
//!
//! Every decision reads one byte; when the bytes run out every decision is 0, and choice 0 is
//! always the simplest, terminal option, so generation ends. Depths and lengths are bounded.
//! The programs are mostly valid; a few constructs that only code generation rejects
//! (`return` at module level, `break` outside a loop, `nonlocal` without a binding, ...) are
//! produced on purpose, rarely, to exercise its error paths.

/// Generator state: the bytes and where we are in them, the output, and what the current
/// position allows.
pub struct Gen<'a> {
    data: &'a [u8],
    pos: usize,
    out: String,
    indent_unit: &'static str,
    indent: usize,
    in_function: bool,
    in_async: bool,
    in_loop: bool,
    in_class: bool,
    /// `yield`/`await` allowed here (not inside comprehensions and lambdas).
    yield_ok: bool,
    consts: usize,
    stmts: usize,
}

const NAMES: &[&str] = &["a", "b", "c", "x", "y", "self", "n", "i", "_", "print", "len", "range", "X", "CONST", "é"];
/// Names that may be assigned (`CONST` is made a `const()` and may not be).
const TARGETS: &[&str] = &["a", "b", "c", "x", "y", "self", "n", "i", "_", "X", "é"];
const ATTRS: &[&str] = &["a", "append", "x", "__class__", "real", "f", "__init__"];
const MAX_STMTS: usize = 200;
const MAX_BLOCK_DEPTH: usize = 8;
const MAX_EXPR_DEPTH: usize = 6;

impl<'a> Gen<'a> {
    /// A generator reading `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Gen {
            data,
            pos: 0,
            out: String::new(),
            indent_unit: "    ",
            indent: 0,
            in_function: false,
            in_async: false,
            in_loop: false,
            in_class: false,
            yield_ok: true,
            consts: 0,
            stmts: 0,
        }
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A choice in `0..n`.
    fn choose(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }

    /// True with probability about `k`/256 (false once the bytes run out).
    fn chance(&mut self, k: u8) -> bool {
        self.pos < self.data.len() && self.byte() < k
    }

    fn exhausted(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.choose(from.len())]
    }

    fn name(&mut self) -> String {
        self.pick(NAMES).to_string()
    }

    fn target_name(&mut self) -> String {
        self.pick(TARGETS).to_string()
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str(self.indent_unit);
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    // ---- expressions ----

    fn int_literal(&mut self) -> String {
        match self.choose(12) {
            0 => "0".into(),
            1 => "1".into(),
            2 => format!("{}", self.byte()),
            3 => "0x3fffffff".into(),
            4 => "0x40000000".into(),
            5 => "-0x40000000".into(),
            6 => "(1 << 62)".into(),
            7 => "123456789012345678901234567890".into(),
            8 => "0b1010_1010".into(),
            9 => "0o777".into(),
            10 => format!("{}", i64::from(self.byte() as i8) * 1_000_003),
            _ => "-1".into(),
        }
    }

    fn atom(&mut self) -> String {
        match self.choose(16) {
            0 => self.name(),
            1 => self.int_literal(),
            2 => self
                .pick(&["0.0", "-0.0", "1.5", "1e308", "1e999", "2.5e-300", "3.141592653589793", "1e16", "0.1"])
                .into(),
            3 => self.pick(&["1j", "2.5j", "0j"]).into(),
            4 => self
                .pick(&[
                    "''",
                    "'abc'",
                    "\"q\\\"uote\"",
                    "'\\x00\\n\\t'",
                    "'\\u00e9\\U0001F600'",
                    "'''tri\nple'''",
                    "r'\\d+'",
                    "'é€😀'",
                    "'a' 'b'",
                ])
                .into(),
            5 => self.pick(&["b''", "b'\\x00\\xff'", "b'abc'", "rb'\\n'"]).into(),
            6 => self.pick(&["True", "False", "None", "...", "__debug__"]).into(),
            7 => format!("'{}'", "s".repeat(self.byte() as usize)),
            8 => "()".into(),
            9 => "[]".into(),
            10 => "{}".into(),
            11 => format!("{}.{}", self.name(), self.pick(ATTRS)),
            12 => "CONST".into(),
            13 => format!("'{}' * {}", self.pick(&["a", "ab"]), self.byte() % 40),
            14 => "(1, 2, (3, 'x'), None)".into(),
            _ => format!("_{}", self.byte() % 8),
        }
    }

    /// An expression of at most `depth` levels, valid where the generator currently is.
    pub fn expr(&mut self, depth: usize) -> String {
        if depth == 0 || self.exhausted() {
            return self.atom();
        }
        let d = depth - 1;
        match self.choose(24) {
            0 => self.atom(),
            1 => {
                let op = self.pick(&["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"]);
                format!("({} {op} {})", self.expr(d), self.expr(d))
            }
            2 => {
                let op = self.pick(&["-", "+", "~", "not "]);
                format!("({op}{})", self.expr(d))
            }
            3 => {
                let mut s = self.expr(d);
                for _ in 0..1 + self.choose(3) {
                    let op = self.pick(&["==", "!=", "<", ">", "<=", ">=", "is", "is not", "in", "not in"]);
                    s = format!("{s} {op} {}", self.expr(d));
                }
                format!("({s})")
            }
            4 => {
                let op = self.pick(&["and", "or"]);
                format!("({} {op} {})", self.expr(d), self.expr(d))
            }
            5 => {
                let f = self.expr(d.min(1));
                format!("{f}({})", self.call_args(d))
            }
            6 => format!("({}).{}", self.expr(d), self.pick(ATTRS)),
            7 => format!("({})[{}]", self.expr(d), self.subscript(d)),
            8 => {
                let items = self.items(d);
                match self.choose(4) {
                    0 => format!("({items},)"),
                    1 => format!("[{items}]"),
                    2 => format!("{{{items}}}"),
                    _ => format!("({items})"),
                }
            }
            9 => {
                // (no `**x` items: MicroPython's grammar has no dict unpacking in displays)
                let mut s = String::from("{");
                for _ in 0..self.choose(4) {
                    s.push_str(&format!("{}: {}, ", self.expr(d), self.expr(d)));
                }
                s.push('}');
                s
            }
            10 => format!("({} if {} else {})", self.expr(d), self.expr(d), self.expr(d)),
            11 => {
                let params = self.params(d, true);
                let saved = (self.in_function, self.in_async, self.yield_ok);
                (self.in_function, self.in_async, self.yield_ok) = (true, false, false);
                let body = self.expr(d);
                (self.in_function, self.in_async, self.yield_ok) = saved;
                format!("(lambda {params}: {body})")
            }
            12 => self.comprehension(d),
            13 => self.fstring(d),
            14 => format!("({} := {})", self.target_name(), self.expr(d)),
            15 if self.in_function && !self.in_async && self.yield_ok => match self.choose(3) {
                0 => "(yield)".into(),
                1 => format!("(yield {})", self.expr(d)),
                _ => format!("(yield from {})", self.expr(d)),
            },
            16 if self.in_async && self.yield_ok => format!("(await {})", self.expr(d)),
            17 => format!("f(*{}, {})", self.expr(d), self.expr(d)),
            18 => format!("{} {}", self.pick(&["'a'", "'b'"]), self.pick(&["'c'", "'d'"])),
            19 => format!("({} * {} + {})", self.int_literal(), self.int_literal(), self.int_literal()),
            20 => format!("(-{} ** {})", self.int_literal(), self.byte() % 70),
            21 => format!("({} {} {})", self.int_literal(), self.pick(&["<<", ">>", "//", "%"]), self.byte() % 100),
            22 if self.in_function => format!("super().{}", self.pick(ATTRS)),
            _ => self.name(),
        }
    }

    fn items(&mut self, d: usize) -> String {
        let n = self.choose(5);
        let mut v = Vec::new();
        for _ in 0..n.max(1) {
            // MicroPython rejects most starred display items: rare
            if self.chance(2) {
                v.push(format!("*{}", self.expr(d)));
            } else {
                v.push(self.expr(d));
            }
        }
        v.join(", ")
    }

    fn call_args(&mut self, d: usize) -> String {
        let mut v = Vec::new();
        for _ in 0..self.choose(4) {
            v.push(self.expr(d));
        }
        if self.chance(40) {
            v.push(format!("*{}", self.expr(d)));
        }
        for kw in ["k", "key", "end"].into_iter().take(self.choose(4)) {
            v.push(format!("{kw}={}", self.expr(d)));
        }
        if self.chance(30) {
            v.push(format!("**{}", self.expr(d)));
        }
        if v.len() == 1 && self.chance(30) {
            // a lone generator argument
            return format!("{} for {} in {}", self.expr(d), self.name(), self.expr(d));
        }
        v.join(", ")
    }

    fn subscript(&mut self, d: usize) -> String {
        match self.choose(5) {
            0 => self.expr(d),
            1 => format!("{}:{}", self.expr(d), self.expr(d)),
            2 => format!("{}:{}:{}", self.expr(d), self.expr(d), self.expr(d)),
            3 => "::-1".into(),
            _ => format!("{}, {}", self.expr(d), self.expr(d)),
        }
    }

    fn comprehension(&mut self, d: usize) -> String {
        let saved = self.yield_ok;
        self.yield_ok = false;
        let s = self.comprehension_inner(d);
        self.yield_ok = saved;
        s
    }

    fn comprehension_inner(&mut self, d: usize) -> String {
        let mut tail = String::new();
        for _ in 0..1 + self.choose(2) {
            let target = if self.chance(60) {
                format!("{}, {}", self.target_name(), self.target_name())
            } else {
                self.target_name()
            };
            tail.push_str(&format!(" for {target} in {}", self.expr(d)));
            if self.chance(100) {
                tail.push_str(&format!(" if {}", self.expr(d)));
            }
        }
        match self.choose(4) {
            0 => format!("[{}{tail}]", self.expr(d)),
            1 => format!("{{{}{tail}}}", self.expr(d)),
            2 => format!("{{{}: {}{tail}}}", self.expr(d), self.expr(d)),
            _ => format!("({}{tail})", self.expr(d)),
        }
    }

    fn fstring(&mut self, d: usize) -> String {
        let mut s = String::from("f'");
        for _ in 0..1 + self.choose(3) {
            match self.choose(6) {
                0 => s.push_str("text {{braces}} "),
                1 => s.push_str(&format!("{{{}}}", self.simple_expr(d))),
                2 => s.push_str(&format!("{{{}!r}}", self.simple_expr(d))),
                3 => s.push_str(&format!("{{{}:>10}}", self.simple_expr(d))),
                4 => s.push_str(&format!("{{{}:{{{}}}.{{{}}}}}", self.simple_expr(d), self.name(), self.name())),
                _ => s.push_str(&format!("{{{}=}}", self.name())),
            }
        }
        s.push('\'');
        s
    }

    /// An expression without quotes or backslashes (for inside f-strings).
    fn simple_expr(&mut self, d: usize) -> String {
        match self.choose(4) {
            0 => self.name(),
            1 => self.int_literal(),
            2 if d > 0 => format!("{} + {}", self.simple_expr(d - 1), self.simple_expr(d - 1)),
            3 if d > 0 => format!("{}({})", self.name(), self.simple_expr(d - 1)),
            _ => format!("{}[0]", self.name()),
        }
    }

    fn params(&mut self, d: usize, lambda: bool) -> String {
        let mut v = Vec::new();
        let pool = ["p", "q", "r", "s", "t"];
        let n = self.choose(4);
        let mut defaults = false;
        for p in pool.iter().take(n) {
            let ann = if !lambda && self.chance(30) { format!(": {}", self.expr(0)) } else { String::new() };
            if defaults || self.chance(50) {
                defaults = true;
                v.push(format!("{p}{ann}={}", self.expr(d.min(1))));
            } else {
                v.push(format!("{p}{ann}"));
            }
        }
        if self.chance(50) {
            v.push("*args".into());
        } else if self.chance(40) {
            v.push("*".into());
        }
        if v.last().map(|s| s.starts_with('*')).unwrap_or(false) {
            v.push(format!("kw={}", self.expr(0)));
            if self.chance(60) {
                v.push("kw2".into());
            }
        }
        if self.chance(50) {
            v.push("**kwargs".into());
        }
        v.join(", ")
    }

    fn target(&mut self) -> String {
        match self.choose(7) {
            0 | 1 => self.target_name(),
            2 => format!("{}, {}", self.target_name(), self.target_name()),
            3 => format!("{}, *{}", self.target_name(), self.target_name()),
            4 => format!("{}.{}", self.name(), self.pick(ATTRS)),
            5 => format!("{}[{}]", self.name(), self.expr(1)),
            _ => format!("[{}, ({}, {})]", self.target_name(), self.target_name(), self.target_name()),
        }
    }

    // ---- statements ----

    fn block(&mut self, header: &str) {
        self.line(header);
        if self.indent >= MAX_BLOCK_DEPTH {
            self.indent += 1;
            self.line("pass");
            self.indent -= 1;
            return;
        }
        self.indent += 1;
        let n = 1 + self.choose(3);
        for _ in 0..n {
            self.stmt();
        }
        self.indent -= 1;
    }

    fn stmt(&mut self) {
        self.stmts += 1;
        if self.stmts > MAX_STMTS || self.exhausted() {
            self.line("pass");
            return;
        }
        let d = MAX_EXPR_DEPTH.min(1 + self.choose(MAX_EXPR_DEPTH));
        match self.choose(32) {
            0 => self.line("pass"),
            1 => {
                let s = self.expr(d);
                self.line(&s)
            }
            2 | 3 => {
                let (t, e) = (self.target(), self.expr(d));
                let chain = if self.chance(30) { format!("{} = ", self.target_name()) } else { String::new() };
                self.line(&format!("{chain}{t} = {e}"))
            }
            4 => {
                let op = self.pick(&["+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@="]);
                let (t, e) = (self.pick(&["x", "a.x", "a[0]", "y"]), self.expr(d));
                self.line(&format!("{t} {op} {e}"))
            }
            5 | 6 => {
                let c = self.expr(d);
                self.block(&format!("if {c}:"));
                for _ in 0..self.choose(3) {
                    let c = self.expr(d);
                    self.block(&format!("elif {c}:"));
                }
                if self.chance(100) {
                    self.block("else:");
                }
            }
            7 => {
                let c = self.expr(d);
                let saved = self.in_loop;
                self.in_loop = true;
                self.block(&format!("while {c}:"));
                self.in_loop = saved;
                if self.chance(60) {
                    self.block("else:");
                }
            }
            8 => {
                let (t, e) = (self.target(), self.expr(d));
                let saved = self.in_loop;
                self.in_loop = true;
                self.block(&format!("for {t} in {e}:"));
                self.in_loop = saved;
                if self.chance(60) {
                    self.block("else:");
                }
            }
            9 | 10 => self.funcdef(d, false),
            11 => self.classdef(d),
            12 if self.in_function => {
                if self.chance(128) {
                    self.line("return");
                } else {
                    let e = self.expr(d);
                    self.line(&format!("return {e}"))
                }
            }
            13 => {
                self.block("try:");
                let n = self.choose(3);
                for _ in 0..n {
                    let h = match self.choose(4) {
                        0 => "except:".to_string(),
                        1 => "except Exception as e:".to_string(),
                        2 => "except (ValueError, TypeError):".to_string(),
                        _ => format!("except {} as {}:", self.name(), self.name()),
                    };
                    self.block(&h);
                }
                if n > 0 && self.chance(60) {
                    self.block("else:");
                }
                if n == 0 || self.chance(80) {
                    self.block("finally:");
                }
            }
            14 => {
                let mut items = Vec::new();
                for _ in 0..1 + self.choose(2) {
                    let e = self.expr(d.min(2));
                    items.push(if self.chance(128) { format!("{e} as {}", self.name()) } else { e });
                }
                let kw = if self.in_async && self.chance(100) { "async with" } else { "with" };
                self.block(&format!("{kw} {}:", items.join(", ")));
            }
            15 if self.chance(40) => {
                let n = self.target_name();
                let kw = if self.in_function && self.chance(128) { "nonlocal" } else { "global" };
                self.line(&format!("{kw} {n}"))
            }
            16 => {
                let t = match self.choose(3) {
                    0 => self.target_name(),
                    1 => format!("{}, {}", self.target_name(), self.target_name()),
                    _ => format!("{}[{}]", self.name(), self.expr(1)),
                };
                self.line(&format!("del {t}"))
            }
            17 => {
                let s = self.pick(&[
                    "import os",
                    "import a.b.c as d",
                    "from . import x",
                    "from .. mod import y as z",
                    "from m import *",
                    "from micropython import const",
                    "import micropython",
                    "from a import (b, c,)",
                ]);
                self.line(s)
            }
            18 => {
                // const() takes constant expressions; each name made const once
                self.consts += 1;
                let v = match self.choose(4) {
                    0 => self.int_literal(),
                    1 => format!("{} * 2 + 1", self.int_literal()),
                    2 => "(1 << 3) | 5".into(),
                    _ => self.pick(&["'text'", "b'bytes'", "(1, 2)", "1.5"]).into(),
                };
                let s = format!("_C{} = const({v})", self.consts);
                self.line(&s)
            }
            19 => {
                let s = match self.choose(4) {
                    0 => "raise".to_string(),
                    1 => format!("raise {}", self.expr(d)),
                    2 => format!("raise {} from {}", self.expr(d), self.expr(d)),
                    _ => "raise ValueError('x') from None".to_string(),
                };
                self.line(&s)
            }
            20 => {
                let s = if self.chance(128) {
                    format!("assert {}", self.expr(d))
                } else {
                    format!("assert {}, {}", self.expr(d), self.expr(d))
                };
                self.line(&s)
            }
            21 if self.in_loop => {
                let s = self.pick(&["break", "continue"]);
                self.line(s)
            }
            22 => self.funcdef(d, true),
            23 if self.in_async => {
                let (t, e) = (self.name(), self.expr(d));
                let saved = self.in_loop;
                self.in_loop = true;
                self.block(&format!("async for {t} in {e}:"));
                self.in_loop = saved;
            }
            24 => {
                let (n, a, e) = (self.name(), self.expr(0), self.expr(d));
                if self.chance(128) {
                    self.line(&format!("{n}: {a} = {e}"))
                } else {
                    self.line(&format!("{n}: {a}"))
                }
            }
            25 => {
                let (a, b) = (self.expr(d), self.expr(d));
                self.line(&format!("{a}; {b}"))
            }
            26 => {
                // a statement continued over lines: inside brackets and with a backslash
                let (a, b) = (self.expr(d), self.expr(d));
                self.line(&format!("x = [{a},\n{b}\n]"));
                let c = self.expr(1);
                self.line(&format!("y = 1 + \\\n    {c}"))
            }
            27 => {
                let s = self.pick(&["'''doc'''", "# comment", "x = 1  # trailing", "CONST = const(7)"]);
                self.line(s)
            }
            28 if self.chance(100) => {
                // rarely: things code generation rejects
                let s = self.pick(&[
                    "return 1",
                    "break",
                    "continue",
                    "nonlocal x",
                    "yield 1",
                    "await x",
                    "def f(a, a): pass",
                    "del ()",
                    "x = *a",
                    "f(**a, *b)",
                    "f(a=1, a=2)",
                    "(a, b) += 1",
                    "def f(x):\n    global x",
                    "class C:\n    nonlocal z",
                    "match x:\n    case 1: pass",
                    "def f(a, /, b): pass",
                    "(*a, *b)",
                    "lambda: (yield)",
                    "x = const(1)",
                ]);
                for l in s.lines() {
                    self.line(l);
                }
            }
            29 if self.in_class => {
                let (a, e) = (self.pick(ATTRS), self.expr(d));
                self.line(&format!("self.{a} = {e}"))
            }
            30 => {
                let e = self.expr(d);
                self.line(&format!("print({e}, sep='', end='\\n')"))
            }
            _ => {
                let e = self.expr(d);
                self.line(&format!("x = {e}"))
            }
        }
    }

    fn funcdef(&mut self, d: usize, is_async: bool) {
        for _ in 0..self.choose(3) {
            let dec = self.pick(&["@staticmethod", "@classmethod", "@property", "@decorator(1)", "@a.b"]);
            self.line(dec);
        }
        let name = self.pick(&["f", "g", "__init__", "method", "gen"]);
        let params = self.params(d, false);
        let ret = if self.chance(30) { format!(" -> {}", self.expr(0)) } else { String::new() };
        let saved = (self.in_function, self.in_async, self.in_loop, self.in_class, self.yield_ok);
        (self.in_function, self.in_async, self.in_loop, self.in_class, self.yield_ok) =
            (true, is_async, false, false, true);
        let kw = if is_async { "async def" } else { "def" };
        self.block(&format!("{kw} {name}({params}){ret}:"));
        (self.in_function, self.in_async, self.in_loop, self.in_class, self.yield_ok) = saved;
    }

    fn classdef(&mut self, d: usize) {
        let bases = match self.choose(4) {
            0 => String::new(),
            1 => "()".into(),
            2 => format!("({})", self.expr(d.min(1))),
            _ => format!("({}, metaclass={})", self.name(), self.name()),
        };
        let saved = (self.in_function, self.in_async, self.in_loop, self.in_class);
        (self.in_function, self.in_async, self.in_loop, self.in_class) = (false, false, false, true);
        let header = format!("class C{}{bases}:", self.byte() % 4);
        self.block(&header);
        (self.in_function, self.in_async, self.in_loop, self.in_class) = saved;
    }

    /// A whole module.
    pub fn module(mut self) -> String {
        self.indent_unit = self.pick(&["    ", "  ", "\t", " "]);
        while !self.exhausted() && self.stmts < MAX_STMTS {
            self.stmt();
        }
        self.out
    }
}

/// The Python module that `data` describes, and the optimisation level to compile it at.
pub fn program(data: &[u8]) -> (String, u8) {
    let opt = data.first().map_or(0, |b| b % 4);
    (Gen::new(data.get(1..).unwrap_or(&[])).module(), opt)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny xorshift, so the test needs no dependencies.
    fn bytes(seed: u64, n: usize) -> Vec<u8> {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                s as u8
            })
            .collect()
    }

    /// Most generated programs must compile: otherwise the target only exercises the parser.
    #[test]
    fn most_programs_reach_codegen() {
        let opts = freeze_compiler::Options::default();
        let (mut ok, mut total) = (0, 0);
        let mut kinds = std::collections::BTreeMap::new();
        for seed in 0..400 {
            let (src, _) = program(&bytes(seed, 64 + (seed as usize % 7) * 64));
            total += 1;
            match freeze_compiler::compile(&src, "g.py", &opts) {
                Ok(_) => ok += 1,
                Err(e) => {
                    assert_ne!(e.kind, "InternalError", "{e}\n{src}");
                    *kinds.entry(format!("{}: {}", e.kind, e.message)).or_insert(0) += 1;
                }
            }
        }
        eprintln!("{ok}/{total} compiled; errors: {kinds:#?}");
        assert!(ok * 2 >= total, "only {ok}/{total} generated programs compile: {kinds:#?}");
    }

    #[test]
    fn empty_input_is_an_empty_module() {
        assert_eq!(program(&[]).0, "");
    }

    /// The errors generated programs meet, a dozen examples each (`cargo test -- --ignored
    /// --nocapture`): for tuning the grammar towards valid programs.
    #[test]
    #[ignore]
    fn show_errors() {
        let opts = freeze_compiler::Options::default();
        let mut seen: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for seed in 0..400 {
            let (src, _) = program(&bytes(seed, 64 + (seed as usize % 7) * 64));
            if let Err(e) = freeze_compiler::compile(&src, "g.py", &opts) {
                let line = src.lines().nth(e.line as usize - 1).unwrap_or("").to_string();
                let v = seen.entry(format!("{}: {}", e.kind, e.message)).or_default();
                if v.len() < 12 {
                    v.push(format!("{}:{} {}", e.line, e.column, line));
                }
            }
        }
        for (k, v) in seen {
            eprintln!("== {k}");
            for l in v {
                eprintln!("   {l}");
            }
        }
    }
}
