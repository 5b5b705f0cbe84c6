//! MicroPython's parse-time rewrites, applied while turning rustpython's AST into our
//! [`tree`](crate::tree): `const()` definitions and substitution, numeric constant folding on
//! MicroPython's flat operator levels (no partial folding), `and`/`or`/`not` folding, constant
//! tuples, `math.pi`-style module constants, f-strings lowered to `"...".format(...)`, string
//! interning decisions, and lonely constant statements replaced by `pass`.
//!
//! The walk visits the source in token order, because MicroPython interns identifiers as it
//! reads them and a long string literal is interned only if an equal qstr already exists.

use crate::fx_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use rustpython_parser::ast::{self, Ranged};

use crate::constant::{fold_binary, fold_unary, Const};
use crate::float_literal;
use rustpython_parser::text_size::{TextRange, TextSize};
use rustpython_parser::Tok;
use crate::string_literal::{self, LiteralError};
use crate::qstr;
use crate::source::SourceMap;
use crate::tree::*;
use crate::CompileError;

pub struct Folder<'a> {
    src: &'a SourceMap<'a>,
    small_int_bits: u8,
    opt_level: u8,
    consts: HashMap<String, Const>,
    interned: HashSet<Vec<u8>>,
    /// Offset where the statement being converted starts (for bracket depth questions).
    stmt_start: u32,
    /// Current nesting of statements and expressions, bounded by [`MAX_DEPTH`].
    depth: usize,
}

/// Deepest nesting of expressions and blocks we compile (`RuntimeError: maximum recursion depth
/// exceeded` past it). Keeps every later pass's recursion bounded (measured unoptimised, as a
/// dev-profile proc macro runs it: 9,990 nested `def`s take about 100 MB of the compiler's
/// 1 GiB stack). It is above what `mpy-cross` 1.29 compiles with its default 2 MiB heap
/// (measured: 5,390 nested `def`s, 4,339 classes, 6,468 lambdas, 5,648 list comprehensions,
/// 9,968 `try` blocks; 3,234 `if`s, then `bytecode overflow`, as here), so we compile all of it.
pub const MAX_DEPTH: usize = 10_000;

/// Longest chain of unary operators (`- - - x`, `not not x`) or of binary operators of one
/// precedence level (`a + b + ...`, `a ** b ** ...`) we compile. MicroPython compiles such chains
/// 10,000 long; they are folded here without recursion, but they still become nested nodes that
/// the code generator walks recursively (on its own large stack), so they are bounded too:
/// unoptimised (opt-level 0, a user's default dev profile) that walk takes about 9.5 KB of stack
/// per operator (measured: 100,000 operators ~950 MB of the 1 GiB stack), so 20,000 (~190 MB).
pub const MAX_CHAIN: usize = 20_000;

type Res<T> = Result<T, CompileError>;

fn bin_op(op: &ast::Operator) -> BinOp {
    use ast::Operator::*;
    match op {
        Add => BinOp::Add,
        Sub => BinOp::Sub,
        Mult => BinOp::Mul,
        MatMult => BinOp::MatMul,
        Div => BinOp::TrueDiv,
        Mod => BinOp::Mod,
        Pow => BinOp::Pow,
        LShift => BinOp::LShift,
        RShift => BinOp::RShift,
        BitOr => BinOp::Or,
        BitXor => BinOp::Xor,
        BitAnd => BinOp::And,
        FloorDiv => BinOp::FloorDiv,
    }
}

/// MicroPython's grammar level of a binary operator: operators of one level form one flat
/// parse node, which folds all at once or not at all.
fn level(op: BinOp) -> u8 {
    match op {
        BinOp::Or => 0,
        BinOp::Xor => 1,
        BinOp::And => 2,
        BinOp::LShift | BinOp::RShift => 3,
        BinOp::Add | BinOp::Sub => 4,
        BinOp::Mul | BinOp::MatMul | BinOp::TrueDiv | BinOp::Mod | BinOp::FloorDiv => 5,
        BinOp::Pow => 6,
    }
}

impl<'a> Folder<'a> {
    pub fn new(src: &'a SourceMap<'a>, small_int_bits: u8, opt_level: u8) -> Self {
        let mut f = Folder { src, small_int_bits, opt_level, consts: HashMap::default(), interned: HashSet::default(), stmt_start: 0, depth: 0 };
        // MicroPython interns the source name before it lexes anything.
        f.intern(src.name);
        f
    }

    /// Constants defined before the module's first line (build constants): used names fold to
    /// them as after `NAME = const(value)`.
    pub fn define_constants(&mut self, constants: &[(String, Const)]) {
        for (name, value) in constants {
            self.consts.insert(name.clone(), value.clone());
        }
    }

    fn error_at(&self, offset: u32, msg: &str) -> CompileError {
        self.src.error(offset, "SyntaxError", msg)
    }

    fn intern(&mut self, s: &str) {
        self.intern_bytes(s.as_bytes());
    }

    fn intern_bytes(&mut self, s: &[u8]) {
        if s.len() > qstr::INTERN_STRING_LEN && !self.interned.contains(s) {
            self.interned.insert(s.to_vec());
        }
    }

    fn line(&self, offset: u32) -> Line {
        self.src.line(offset)
    }

    fn pos(&self, offset: u32) -> (u32, u32) {
        self.src.pos(offset)
    }

    fn fits_small_int(&self, v: &BigInt) -> bool {
        let half = 1i64 << (self.small_int_bits - 1);
        v.to_i64().is_some_and(|i| (-half..half).contains(&i))
    }

    /// `make_node_const_object_optimised`: small ints become leaves.
    fn const_node(&self, c: Const, line: Line, pos: (u32, u32)) -> Expr {
        if let Const::Int(i) = &c {
            if self.fits_small_int(i) {
                return Expr { line: 0, pos, kind: ExprKind::SmallInt(i.to_i64().unwrap()) };
            }
        }
        Expr { line, pos, kind: ExprKind::Const(c) }
    }

    fn number_of(e: &Expr) -> Option<Const> {
        match &e.kind {
            ExprKind::SmallInt(i) => Some(Const::Int((*i).into())),
            ExprKind::Const(c) if c.is_number() => Some(c.clone()),
            _ => None,
        }
    }

    /// A string literal token: interned (leaf) or a str constant object.
    fn string_node(&mut self, s: Vec<u8>, line: Line, pos: (u32, u32)) -> Expr {
        let interned = s.len() <= qstr::INTERN_STRING_LEN
            || self.interned.contains(&s)
            || qstr::in_rom_pool(&s);
        if interned {
            self.intern_bytes(&s);
            Expr { line: 0, pos, kind: ExprKind::Str(s) }
        } else {
            Expr { line, pos, kind: ExprKind::Const(Const::Str(s)) }
        }
    }

    // ---------------------------------------------------------------- statements

    pub fn module(&mut self, body: &[ast::Stmt]) -> Res<Vec<Stmt>> {
        self.statements(body, false)
    }

    /// The statements of a block (a suite).
    fn block(&mut self, body: &[ast::Stmt]) -> Res<Vec<Stmt>> {
        self.statements(body, true)
    }

    fn statements(&mut self, body: &[ast::Stmt], is_suite: bool) -> Res<Vec<Stmt>> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            out.push(self.stmt(s)?);
        }
        // A private `_X = const(v)` leaves a line-less `pass`. But MicroPython's parser wraps
        // two or more statements in a list node that carries the line of its first token (a
        // suite's `suite_block_stmts`, a `;`-joined line's `simple_stmt`, also one statement
        // and a `;`), and the compiler sets that line before the first statement: when the
        // `pass` is that first statement, its line is set all the same (a zero-length line
        // entry if what follows is further down). The module's own statement list sets none.
        for i in 0..out.len() {
            if out[i].line != 0 || !matches!(out[i].kind, StmtKind::Pass) {
                continue;
            }
            let starts_list = (is_suite && i == 0 && out.len() > 1)
                || ((i == 0 || !self.followed_by_semicolon(&body[i - 1])) && self.followed_by_semicolon(&body[i]));
            if starts_list {
                out[i].line = self.line(body[i].range().start().to_u32());
            }
        }
        Ok(out)
    }

    /// Whether a `;` follows statement `a` (before another statement on its logical line, or
    /// at its end: a list of one to MicroPython's parser).
    fn followed_by_semicolon(&self, a: &ast::Stmt) -> bool {
        let bytes = self.src.text.as_bytes();
        let mut i = a.range().end().to_usize();
        while i < bytes.len() {
            match bytes[i] {
                b';' => return true,
                b' ' | b'\t' | b'\x0c' | b'\x0b' => i += 1,
                b'\\' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => i += 3,
                b'\\' if matches!(bytes.get(i + 1), Some(b'\n' | b'\r')) => i += 2,
                _ => return false,
            }
        }
        false
    }

    fn stmt(&mut self, s: &ast::Stmt) -> Res<Stmt> {
        self.enter(s.range().start().to_u32())?;
        // Nested statements move `stmt_start`; the enclosing statement's later parts (handler
        // types after a `try` body, ...) need it back.
        let outer_start = self.stmt_start;
        let r = self.stmt_inner(s);
        self.stmt_start = outer_start;
        self.depth -= 1;
        r
    }

    fn enter(&mut self, offset: u32) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(self.src.error(offset, "RuntimeError", "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    fn stmt_inner(&mut self, s: &ast::Stmt) -> Res<Stmt> {
        let start = s.range().start().to_u32();
        self.stmt_start = start;
        let line = self.line(start);
        let pos = self.pos(start);
        let mk = |kind| Ok(Stmt { line, pos, kind });
        use ast::Stmt as S;
        match s {
            S::Expr(e) => {
                let v = self.expr(&e.value)?;
                // A constant leaf or constant object alone (docstrings, `...`): MicroPython's
                // parser replaces the statement by `pass`. `()` is not one of them.
                let lonely = v.is_const_node() && !matches!(v.kind, ExprKind::EmptyTuple);
                if lonely {
                    mk(StmtKind::Pass)
                } else {
                    mk(StmtKind::Expr(v))
                }
            }
            S::Pass(_) => mk(StmtKind::Pass),
            S::Break(_) => mk(StmtKind::Break),
            S::Continue(_) => mk(StmtKind::Continue),
            S::Assign(a) => {
                let mut targets = Vec::new();
                for t in &a.targets {
                    targets.push(self.expr(t)?);
                }
                if targets.len() == 1 && targets[0].is_name() {
                    if let Some(arg) = const_call_arg(&a.value) {
                        return self.const_definition(targets.pop().unwrap(), arg, &a.value, line, pos);
                    }
                }
                let value = self.expr(&a.value)?;
                mk(StmtKind::Assign(targets, value))
            }
            S::AugAssign(a) => {
                let t = self.expr(&a.target)?;
                let v = self.expr(&a.value)?;
                mk(StmtKind::AugAssign(t, bin_op(&a.op), v))
            }
            S::AnnAssign(a) => {
                let t = self.expr(&a.target)?;
                self.discard_expr(&a.annotation);
                match &a.value {
                    None => mk(StmtKind::AnnAssign(t, None)),
                    Some(v) => {
                        if t.is_name() {
                            if let Some(arg) = const_call_arg(v) {
                                return self.const_definition(t, arg, v, line, pos);
                            }
                        }
                        let v = self.expr(v)?;
                        mk(StmtKind::AnnAssign(t, Some(v)))
                    }
                }
            }
            S::Delete(d) => {
                let mut ts = Vec::new();
                for t in &d.targets {
                    ts.push(self.expr(t)?);
                }
                mk(StmtKind::Delete(ts))
            }
            S::Return(r) => {
                if let Some(ast::Expr::Tuple(t)) = r.value.as_deref() {
                    if !self.tuple_is_parenthesized(t) {
                        self.no_star(&t.elts)?;
                    }
                }
                let v = match &r.value {
                    Some(v) => Some(self.expr(v)?),
                    None => None,
                };
                mk(StmtKind::Return(v))
            }
            S::Raise(r) => {
                let exc = match &r.exc {
                    Some(v) => Some(self.expr(v)?),
                    None => None,
                };
                let cause = match &r.cause {
                    Some(v) => Some(self.expr(v)?),
                    None => None,
                };
                mk(StmtKind::Raise(exc, cause))
            }
            S::Import(i) => {
                let mut names = Vec::new();
                for a in &i.names {
                    let parts: Vec<String> = a.name.as_str().split('.').map(String::from).collect();
                    for p in &parts {
                        self.intern(p);
                    }
                    let asname = a.asname.as_ref().map(|n| n.to_string());
                    if let Some(n) = &asname {
                        self.intern(n);
                    }
                    names.push((parts, asname));
                }
                mk(StmtKind::Import(names))
            }
            S::ImportFrom(i) => {
                let level = i.level.map_or(0, |l| l.to_u32());
                let module = i.module.as_ref().map(|m| {
                    let parts: Vec<String> = m.as_str().split('.').map(String::from).collect();
                    parts
                });
                if let Some(parts) = &module {
                    for p in parts {
                        self.intern(p);
                    }
                }
                let names = if i.names.len() == 1 && i.names[0].name.as_str() == "*" {
                    ImportFromNames::Star
                } else {
                    let mut v = Vec::new();
                    for a in &i.names {
                        self.intern(a.name.as_str());
                        let asname = a.asname.as_ref().map(|n| n.to_string());
                        if let Some(n) = &asname {
                            self.intern(n);
                        }
                        v.push((a.name.to_string(), asname));
                    }
                    ImportFromNames::Names(v)
                };
                mk(StmtKind::ImportFrom { level, module, names })
            }
            S::Global(g) => {
                let names: Vec<String> = g.names.iter().map(|n| n.to_string()).collect();
                for n in &names {
                    self.intern(n);
                }
                mk(StmtKind::Global(names))
            }
            S::Nonlocal(g) => {
                let names: Vec<String> = g.names.iter().map(|n| n.to_string()).collect();
                for n in &names {
                    self.intern(n);
                }
                mk(StmtKind::Nonlocal(names))
            }
            S::Assert(a) => {
                let t = self.expr(&a.test)?;
                let m = match &a.msg {
                    Some(m) => Some(self.expr(m)?),
                    None => None,
                };
                mk(StmtKind::Assert(t, m))
            }
            S::If(i) => {
                let test = self.expr(&i.test)?;
                let body = self.block(&i.body)?;
                let mut elifs = Vec::new();
                let mut orelse: &[ast::Stmt] = &i.orelse;
                // `elif` arrives as a lone `If` in `orelse` whose text starts with "elif".
                loop {
                    if orelse.len() == 1 {
                        if let S::If(inner) = &orelse[0] {
                            if self.src.text_at(inner.range.start().to_u32()).starts_with("elif") {
                                let t = self.expr(&inner.test)?;
                                let b = self.block(&inner.body)?;
                                elifs.push((t, b));
                                orelse = &inner.orelse;
                                continue;
                            }
                        }
                    }
                    break;
                }
                let orelse = self.block(orelse)?;
                mk(StmtKind::If { test, body, elifs, orelse })
            }
            S::While(w) => {
                let test = self.expr(&w.test)?;
                let body = self.block(&w.body)?;
                let orelse = self.block(&w.orelse)?;
                mk(StmtKind::While { test, body, orelse })
            }
            S::For(f) => {
                if let ast::Expr::Tuple(t) = &*f.iter {
                    if !self.tuple_is_parenthesized(t) {
                        self.no_star(&t.elts)?;
                    }
                }
                let target = self.expr(&f.target)?;
                let iter = self.expr(&f.iter)?;
                let body = self.block(&f.body)?;
                let orelse = self.block(&f.orelse)?;
                mk(StmtKind::For { target, iter, body, orelse, is_async: false })
            }
            S::AsyncFor(f) => {
                let target = self.expr(&f.target)?;
                let iter = self.expr(&f.iter)?;
                let body = self.block(&f.body)?;
                let orelse = self.block(&f.orelse)?;
                mk(StmtKind::For { target, iter, body, orelse, is_async: true })
            }
            S::With(w) => {
                let items = self.with_items(start, &w.items)?;
                let body = self.block(&w.body)?;
                mk(StmtKind::With { items, body, is_async: false })
            }
            S::AsyncWith(w) => {
                let items = self.with_items(start, &w.items)?;
                let body = self.block(&w.body)?;
                mk(StmtKind::With { items, body, is_async: true })
            }
            S::Try(t) => {
                let body = self.block(&t.body)?;
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let hstart = h.range.start().to_u32();
                    let typ = match &h.type_ {
                        Some(e) => Some(self.expr(e)?),
                        None => None,
                    };
                    let name = h.name.as_ref().map(|n| n.to_string());
                    if let Some(n) = &name {
                        self.intern(n);
                    }
                    let hbody = self.block(&h.body)?;
                    handlers.push(Handler {
                        typ,
                        name,
                        body: hbody,
                        line: self.line(hstart),
                        pos: self.pos(hstart),
                    });
                }
                let orelse = self.block(&t.orelse)?;
                let finalbody = self.block(&t.finalbody)?;
                mk(StmtKind::Try { body, handlers, orelse, finalbody })
            }
            S::FunctionDef(f) => {
                let decorators = self.decorators(&f.decorator_list)?;
                let def_start = f.range.start().to_u32();
                if !f.type_params.is_empty() {
                    return Err(self.error_at(def_start, "invalid syntax"));
                }
                let fd = self.funcdef(&f.name, &f.args, f.returns.as_deref(), &f.body, false, def_start)?;
                let line = if decorators.is_empty() { line } else { self.decorator_line(&f.decorator_list) };
                Ok(Stmt { line, pos, kind: StmtKind::FuncDef(Box::new(fd), decorators) })
            }
            S::AsyncFunctionDef(f) => {
                let decorators = self.decorators(&f.decorator_list)?;
                let def_start = f.range.start().to_u32();
                if !f.type_params.is_empty() {
                    return Err(self.error_at(def_start, "invalid syntax"));
                }
                let fd = self.funcdef(&f.name, &f.args, f.returns.as_deref(), &f.body, true, def_start)?;
                let line = if decorators.is_empty() { line } else { self.decorator_line(&f.decorator_list) };
                Ok(Stmt { line, pos, kind: StmtKind::FuncDef(Box::new(fd), decorators) })
            }
            S::ClassDef(c) => {
                let decorators = self.decorators(&c.decorator_list)?;
                if !c.type_params.is_empty() {
                    return Err(self.error_at(start, "invalid syntax"));
                }
                self.intern(c.name.as_str());
                let bases = self.call_args(&c.bases, &c.keywords)?;
                let body = self.block(&c.body)?;
                let cd = ClassDef { name: c.name.to_string(), bases, body, line, id: 0 };
                let line = if decorators.is_empty() { line } else { self.decorator_line(&c.decorator_list) };
                Ok(Stmt { line, pos, kind: StmtKind::ClassDef(Box::new(cd), decorators) })
            }
            S::TryStar(t) => {
                // MicroPython's parser stops at the `*` after the first `except`.
                let at = t.handlers.first().map_or(start, |h| h.range().start().to_u32());
                Err(self.error_at(at, "invalid syntax"))
            }
            S::Match(_) | S::TypeAlias(_) => {
                // MicroPython's grammar has none of these: its parser stops at the token after
                // the soft keyword / `except`, which is on the statement's first line.
                Err(self.error_at(start, "invalid syntax"))
            }
        }
    }

    /// Starred items where MicroPython's grammar has none (sets, subscripts, `return`/`for`
    /// tuples) are parse errors there, found before any compile error.
    fn no_star(&self, items: &[ast::Expr]) -> Res<()> {
        match items.iter().find(|e| matches!(e, ast::Expr::Starred(_))) {
            Some(e) => Err(self.error_at(e.range().start().to_u32(), "invalid syntax")),
            None => Ok(()),
        }
    }

    fn decorator_line(&self, decorators: &[ast::Expr]) -> Line {
        self.line(decorators[0].range().start().to_u32())
    }

    /// `X = const(value)`: records the constant; `_X` statements vanish (line-less `pass`).
    fn const_definition(
        &mut self,
        target: Expr,
        arg: &ast::Expr,
        call: &ast::Expr,
        line: Line,
        pos: (u32, u32),
    ) -> Res<Stmt> {
        // The `const` name and the call are tokens too.
        self.intern("const");
        let value = self.expr(arg)?;
        let ExprKind::Name(name) = &target.kind else { unreachable!() };
        if !value.is_const_node() {
            return Err(self.error_at(call.range().start().to_u32(), "not a constant"));
        }
        let c = value.to_const().expect("const node");
        self.consts.insert(name.clone(), c);
        if name.starts_with('_') {
            return Ok(Stmt { line: 0, pos, kind: StmtKind::Pass });
        }
        Ok(Stmt { line, pos, kind: StmtKind::Assign(vec![target], value) })
    }

    fn with_items(&mut self, stmt_start: u32, items: &[ast::WithItem]) -> Res<Vec<(Expr, Option<Expr>)>> {
        // `with (a, b):` is one context manager to MicroPython (a tuple), and `with (a as x,
        // b):` does not parse; CPython reads both as several items.
        if let Some(open) = self.src.parenthesized_with_items(stmt_start) {
            if let Some(v) = items.iter().find_map(|it| it.optional_vars.as_ref()) {
                return Err(self.error_at(v.range().start().to_u32(), "invalid syntax"));
            }
            if items.len() > 1 {
                let mut exprs = Vec::new();
                for it in items {
                    exprs.push(self.expr(&it.context_expr)?);
                }
                let pos = self.pos(open);
                let tuple = if exprs.iter().all(|e| e.is_const_node()) {
                    let line = self.line(items[if items.len() >= 3 { 1 } else { 0 }].context_expr.range().start().to_u32());
                    Expr { line, pos, kind: ExprKind::Const(Const::Tuple(exprs.into_iter().map(|e| e.into_const().unwrap()).collect())) }
                } else {
                    Expr { line: self.line(open), pos, kind: ExprKind::Tuple(exprs, true) }
                };
                return Ok(vec![(tuple, None)]);
            }
        }
        let mut out = Vec::new();
        for it in items {
            let e = self.expr(&it.context_expr)?;
            let v = match &it.optional_vars {
                Some(v) => Some(self.expr(v)?),
                None => None,
            };
            out.push((e, v));
        }
        Ok(out)
    }

    fn decorators(&mut self, list: &[ast::Expr]) -> Res<Vec<Decorator>> {
        let mut out = Vec::new();
        for d in list {
            let start = d.range().start().to_u32();
            let (dotted, call) = match d {
                ast::Expr::Call(c) => (&*c.func, Some(c)),
                other => (other, None),
            };
            let names = match dotted_name(dotted) {
                Some(n) => n,
                None => return Err(self.error_at(start, "invalid syntax")),
            };
            for n in &names {
                self.intern(n);
            }
            let call = match call {
                Some(c) => {
                    let paren_line = self.src.line_of_next_token(c.func.range().end().to_u32());
                    Some((self.call_args(&c.args, &c.keywords)?, paren_line))
                }
                None => None,
            };
            out.push(Decorator::Dotted { names, call, pos: self.pos(start) });
        }
        Ok(out)
    }

    fn params(&mut self, args: &ast::Arguments) -> Res<Params> {
        if let Some(last) = args.posonlyargs.last() {
            // MicroPython's grammar has no `/`: its parser stops at that token.
            let after = last.default.as_ref().map_or(last.def.range.end(), |d| d.range().end()).to_u32();
            let at = self.src.text[after as usize..].find('/').map_or(after, |i| after + i as u32);
            return Err(self.error_at(at, "invalid syntax"));
        }
        let mut p = Params::default();
        for a in &args.args {
            p.positional.push(self.param(&a.def, a.default.as_deref())?);
        }
        if let Some(v) = &args.vararg {
            p.star = Some(Some(self.param(v, None)?));
        } else if !args.kwonlyargs.is_empty() {
            p.star = Some(None);
        }
        for a in &args.kwonlyargs {
            p.kwonly.push(self.param(&a.def, a.default.as_deref())?);
        }
        if let Some(k) = &args.kwarg {
            p.dbl_star = Some(self.param(k, None)?);
        }
        Ok(p)
    }

    fn param(&mut self, a: &ast::Arg, default: Option<&ast::Expr>) -> Res<Param> {
        self.intern(a.arg.as_str());
        if let Some(ann) = &a.annotation {
            self.discard_expr(ann);
        }
        let default = match default {
            Some(d) => Some(self.expr(d)?),
            None => None,
        };
        Ok(Param { name: a.arg.to_string(), default, pos: self.pos(a.range.start().to_u32()) })
    }

    fn funcdef(
        &mut self,
        name: &ast::Identifier,
        args: &ast::Arguments,
        returns: Option<&ast::Expr>,
        body: &[ast::Stmt],
        is_async: bool,
        start: u32,
    ) -> Res<FuncDef> {
        self.intern(name.as_str());
        let params = self.params(args)?;
        if let Some(r) = returns {
            self.discard_expr(r);
        }
        let body = self.block(body)?;
        Ok(FuncDef {
            name: name.to_string(),
            params,
            body,
            lambda_body: None,
            is_async,
            line: self.line(start),
            pos: self.pos(start),
            id: 0,
        })
    }

    /// Annotations are never compiled, but their identifiers are interned.
    fn discard_expr(&mut self, e: &ast::Expr) {
        let _ = self.expr(e);
    }

    // ---------------------------------------------------------------- expressions

    pub fn expr(&mut self, e: &ast::Expr) -> Res<Expr> {
        self.enter(e.range().start().to_u32())?;
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &ast::Expr) -> Res<Expr> {
        let start = e.range().start().to_u32();
        let line = self.line(start);
        let pos = self.pos(start);
        let mk = |kind| Ok(Expr { line, pos, kind });
        use ast::Expr as E;
        match e {
            E::Name(n) if n.id.as_str() == "__debug__" => {
                // MicroPython's lexer turns `__debug__` into True (or False when optimising).
                Ok(Expr { line: 0, pos, kind: if self.opt_level == 0 { ExprKind::TrueTok } else { ExprKind::FalseTok } })
            }
            E::Name(n) => {
                let id = n.id.as_str();
                self.intern(id);
                if let Some(c) = self.consts.get(id) {
                    return Ok(self.const_node(c.clone(), line, pos));
                }
                Ok(Expr { line: 0, pos, kind: ExprKind::Name(id.to_string()) })
            }
            E::Constant(c) => {
                let text = &self.src.text[c.range.start().to_usize()..c.range.end().to_usize()];
                if matches!(c.value, ast::Constant::Str(_) | ast::Constant::Bytes(_)) {
                    if string_literal::is_template(text) {
                        return self.template(c.range.start().to_u32(), c.range.end().to_u32(), line, pos);
                    }
                    if string_literal::has_f_prefix(text) {
                        return self.fstring(c.range.start().to_u32(), c.range.end().to_u32(), line, pos);
                    }
                    // The literal's bytes as MicroPython's lexer makes them, from the source.
                    return match string_literal::decode(text) {
                        Ok(lit) if lit.is_bytes => Ok(Expr { line, pos, kind: ExprKind::Const(Const::Bytes(lit.bytes)) }),
                        Ok(lit) => Ok(self.string_node(lit.bytes, line, pos)),
                        Err(LiteralError::NameEscape) => {
                            Err(self.src.error(start, "NotImplementedError", "unicode name escapes"))
                        }
                        Err(LiteralError::Invalid | LiteralError::Malformed) => Err(self.error_at(start, "invalid syntax")),
                    };
                }
                if matches!(c.value, ast::Constant::Int(_) | ast::Constant::Float(_) | ast::Constant::Complex { .. }) {
                    // MicroPython's lexer keeps reading letters, digits, `.` and `_` into a
                    // number token: `1.0.hex()` or `0x1f.bit_length()` is one bad number there.
                    let after = self.src.text_at(c.range.end().to_u32()).bytes().next();
                    if after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_') {
                        return Err(self.error_at(start, "invalid syntax"));
                    }
                }
                self.constant(&c.value, text, line, pos)
            }
            E::JoinedStr(j) => self.fstring(j.range.start().to_u32(), j.range.end().to_u32(), line, pos),
            E::FormattedValue(_) => Err(self.error_at(start, "invalid syntax")),
            E::BinOp(_) => self.binop(e),
            E::UnaryOp(_) => self.right_spine(e),
            E::BoolOp(b) => {
                let is_or = matches!(b.op, ast::BoolOp::Or);
                let mut values = Vec::new();
                for v in &b.values {
                    values.push(self.expr(v)?);
                }
                let values = fold_logical(is_or, values);
                if values.len() == 1 {
                    return Ok(values.into_iter().next().unwrap());
                }
                mk(ExprKind::BoolOp { is_or, values })
            }
            E::Compare(c) => {
                if let Some(at) = (0..c.ops.len()).find_map(|i| self.keyword_equal(c, i)) {
                    // An argument's `=` that the lexer handed out as `==` (see
                    // `Lexer::keyword_equal`) somewhere else than right in a call's argument
                    // (`f(a.b = 1 for ...)`, `f(a.b = c or d)`): not MicroPython's grammar.
                    return Err(self.error_at(at, "invalid syntax"));
                }
                self.comparison(&c.left, &c.ops, &c.comparators, line, pos)
            }
            E::IfExp(i) => {
                let body = self.expr(&i.body)?;
                let test = self.expr(&i.test)?;
                let orelse = self.expr(&i.orelse)?;
                mk(ExprKind::IfExp { test: Box::new(test), body: Box::new(body), orelse: Box::new(orelse) })
            }
            E::Lambda(l) => {
                let params = self.params(&l.args)?;
                let body = self.expr(&l.body)?;
                mk(ExprKind::Lambda(Box::new(FuncDef {
                    name: "<lambda>".to_string(),
                    params,
                    body: Vec::new(),
                    lambda_body: Some(body),
                    is_async: false,
                    line,
                    pos,
                    id: 0,
                })))
            }
            E::NamedExpr(n) => {
                let t = self.expr(&n.target)?;
                let v = self.expr(&n.value)?;
                mk(ExprKind::NamedExpr { target: Box::new(t), value: Box::new(v), bare_argument: false })
            }
            E::Call(_) | E::Attribute(_) | E::Subscript(_) => self.atom_expr(e),
            E::Await(a) => {
                let v = self.expr(&a.value)?;
                mk(ExprKind::Await(Box::new(v)))
            }
            E::Yield(y) => {
                let v = match &y.value {
                    Some(v) => Some(Box::new(self.expr(v)?)),
                    None => None,
                };
                mk(ExprKind::Yield(v))
            }
            E::YieldFrom(y) => {
                let v = self.expr(&y.value)?;
                mk(ExprKind::YieldFrom(Box::new(v)))
            }
            E::Tuple(t) => {
                if t.elts.is_empty() {
                    return mk(ExprKind::EmptyTuple);
                }
                // Source line of the node MicroPython compiles: a non-constant `(a, b)` sets
                // the line of its `(`; a constant one built from `(a, b, c...)` keeps the line
                // of the items after the first comma (the second item); otherwise the first item.
                let paren = self.tuple_is_parenthesized(t);
                let first_line = self.line(t.elts[0].range().start().to_u32());
                let const_line = if paren && (t.elts.len() >= 3 || (t.elts.len() == 2 && self.has_trailing_comma(t))) {
                    self.line(t.elts[1].range().start().to_u32())
                } else {
                    first_line
                };
                let open_line = if paren { line } else { first_line };
                let mut items = Vec::new();
                for i in &t.elts {
                    items.push(self.expr(i)?);
                }
                if matches!(t.ctx, ast::ExprContext::Load) && items.iter().all(|i| i.is_const_node()) {
                    let c = Const::Tuple(items.into_iter().map(|i| i.into_const().unwrap()).collect());
                    return Ok(Expr { line: const_line, pos, kind: ExprKind::Const(c) });
                }
                Ok(Expr { line: open_line, pos, kind: ExprKind::Tuple(items, paren) })
            }
            E::List(l) => {
                let mut items = Vec::new();
                for i in &l.elts {
                    items.push(self.expr(i)?);
                }
                mk(ExprKind::List(items))
            }
            E::Set(s) => {
                self.no_star(&s.elts)?;
                let mut items = Vec::new();
                for i in &s.elts {
                    items.push(self.expr(i)?);
                }
                // A `key: value` item reaches us as two items with a `:` between them (see
                // `Lexer::check_brace_item`): MicroPython compiles the items before it and fails.
                let bad = s.elts.windows(2).position(|w| {
                    let between = self.src.offset_of_next_token(w[0].range().end().to_u32());
                    self.src.text_at(between).starts_with(':')
                });
                if let Some(k) = bad {
                    items.truncate(k);
                    return mk(ExprKind::Refused { message: "expecting just a value for set", before: items });
                }
                mk(ExprKind::Set(items))
            }
            E::Dict(d) => {
                let mut items = Vec::new();
                // Where the current item's text starts: after the `{`, then after each `,`.
                let mut item_start = start + 1;
                // The first plain item: the lexer gave it an empty-ranged `: None` (see
                // `Lexer::check_brace_item`); MicroPython compiles the items before it and fails.
                let mut bad = None;
                for (k, v) in d.keys.iter().zip(&d.values) {
                    let Some(k) = k else {
                        // `**x` in a dict display: not in MicroPython's grammar.
                        return Err(self.error_at(v.range().start().to_u32(), "invalid syntax"));
                    };
                    let mut key = self.expr(k)?;
                    self.key_at_item_start(&mut key, item_start, k.range().start().to_u32());
                    if v.range().is_empty() {
                        bad = bad.or(Some(items.len()));
                        item_start = self.src.offset_of_next_token(k.range().end().to_u32()) + 1;
                        continue;
                    }
                    item_start = self.src.offset_of_next_token(v.range().end().to_u32()) + 1;
                    items.push((key, self.expr(v)?));
                }
                if let Some(n) = bad {
                    let before = items.into_iter().take(n).flat_map(|(k, v)| [v, k]).collect();
                    return mk(ExprKind::Refused { message: "expecting key:value for dict", before });
                }
                mk(ExprKind::Dict(items))
            }
            E::ListComp(c) => self.comprehension(CompKind::List, &c.elt, None, &c.generators, c.range, line, pos),
            E::SetComp(c) => self.comprehension(CompKind::Set, &c.elt, None, &c.generators, c.range, line, pos),
            E::GeneratorExp(c) => {
                self.comprehension(CompKind::Generator, &c.elt, None, &c.generators, c.range, line, pos)
            }
            E::DictComp(c) => {
                self.comprehension(CompKind::Dict, &c.value, Some(&c.key), &c.generators, c.range, line, pos)
            }
            E::Starred(s) => {
                let v = self.expr(&s.value)?;
                mk(ExprKind::Starred(Box::new(v)))
            }
            E::Slice(s) => {
                let lower = match &s.lower {
                    Some(v) => Some(Box::new(self.expr(v)?)),
                    None => None,
                };
                let upper = match &s.upper {
                    Some(v) => Some(Box::new(self.expr(v)?)),
                    None => None,
                };
                let step = match &s.step {
                    Some(v) => Some(Box::new(self.expr(v)?)),
                    None => None,
                };
                mk(ExprKind::Slice(lower, upper, step))
            }
        }
    }

    fn constant(&mut self, c: &ast::Constant, text: &str, line: Line, pos: (u32, u32)) -> Res<Expr> {
        // Float literals are re-read from their text the way mpy-cross reads them.
        let literal = |fallback: f64, suffix: bool| {
            let t = if suffix { text.trim_end_matches(['j', 'J']) } else { text };
            float_literal::parse(t).unwrap_or(fallback)
        };
        let leaf = |kind| Ok(Expr { line: 0, pos, kind });
        match c {
            ast::Constant::None => leaf(ExprKind::NoneTok),
            ast::Constant::Bool(true) => leaf(ExprKind::TrueTok),
            ast::Constant::Bool(false) => leaf(ExprKind::FalseTok),
            ast::Constant::Ellipsis => leaf(ExprKind::EllipsisTok),
            ast::Constant::Int(i) => Ok(self.const_node(Const::Int(i.clone()), line, pos)),
            ast::Constant::Float(f) => Ok(Expr { line, pos, kind: ExprKind::Const(Const::Float(literal(*f, false))) }),
            ast::Constant::Complex { real, imag } => {
                Ok(Expr { line, pos, kind: ExprKind::Const(Const::Complex(*real, literal(*imag, true))) })
            }
            ast::Constant::Str(s) => Ok(self.string_node(s.clone().into_bytes(), line, pos)),
            ast::Constant::Bytes(b) => Ok(Expr { line, pos, kind: ExprKind::Const(Const::Bytes(b.clone())) }),
            ast::Constant::Tuple(_) => Err(self.src.error_pos(pos, "SyntaxError", "invalid syntax")),
        }
    }

    /// f-strings: MicroPython's lexer rewrites them to `"fmt".format((a), (b), ...)`. The format
    /// text comes from the source as that lexer reads it; the field expressions from the AST.
    fn fstring(&mut self, start: u32, end: u32, line: Line, pos: (u32, u32)) -> Res<Expr> {
        let text = &self.src.text[start as usize..end as usize];
        // MicroPython finds a bad field when it parses the text it injects after the string,
        // on the line of the next token.
        let injected_at = self.src.offset_after_string(self.stmt_start, end);
        let lexed = match string_literal::fstring_format(text) {
            Ok(f) => f,
            Err(e) => return Err(self.literal_error(e, pos, injected_at)),
        };
        // MicroPython's lexer injects `.format((a), (b), ...)` after the whole string and
        // re-lexes the field expressions there: their nodes carry the line of the token after
        // the string. (Newlines inside this string's fields count again only after that line.)
        let args_line = self.src.line_counting_phantoms_before(injected_at, end);
        let fields: Vec<(usize, usize)> =
            lexed.fields.iter().map(|&(a, b)| (start as usize + a, start as usize + b)).collect();
        self.format_call(lexed.format, &fields, line, pos, injected_at, args_line)
    }

    /// `"format".format((field), ...)` with the fields at the given source ranges.
    fn format_call(
        &mut self,
        format: Vec<u8>,
        fields: &[(usize, usize)],
        line: Line,
        pos: (u32, u32),
        injected_at: u32,
        args_line: Line,
    ) -> Res<Expr> {
        let base = self.string_node(format, line, pos);
        self.intern("format");
        let mut call_args = Vec::new();
        let mut newlines_before = 0;
        for &(a, b) in fields {
            call_args.push(Arg::Positional(self.injected_field(a, b, injected_at, args_line, newlines_before)?));
            newlines_before += self.src.newlines_between(a as u32, b as u32);
        }
        Ok(Expr {
            line,
            pos,
            kind: ExprKind::AtomExpr(
                Box::new(base),
                vec![Trailer::Attr("format".to_string(), args_line), Trailer::Call(call_args, args_line)],
            ),
        })
    }

    /// The expression at source range `a..b` parsed as `(expr)`, the way MicroPython's lexer
    /// injects an f-string field (so ` ` is `()` and `a, b` a tuple), on `args_line`.
    /// `newlines_before` counts the newlines of the string's earlier fields: MicroPython's line
    /// counter passes them again in the injected text, so an error in this field is that many
    /// lines (and as many as this field has before it) below `args_line`.
    fn injected_field(&mut self, a: usize, b: usize, injected_at: u32, args_line: Line, newlines_before: u32) -> Res<Expr> {
        let error = |this: &Self, at: u32, kind: &str, msg: &str| {
            let at = at.clamp(a as u32, b as u32);
            let line = args_line + newlines_before + this.src.newlines_between(a as u32, at);
            this.src.error_pos((line, this.pos(injected_at).1), kind, msg)
        };
        let paren = |tok, at: usize| Ok((tok, TextRange::empty(TextSize::new(at as u32))));
        let mut lexer = crate::lexer::Lexer::fstring_field(self.src.text, a, b);
        let tokens = std::iter::once(paren(Tok::Lpar, a))
            .chain(lexer.by_ref())
            .chain(std::iter::once(paren(Tok::Rpar, b)));
        let parsed = rustpython_parser::parse_tokens(tokens, rustpython_parser::Mode::Expression, self.src.name);
        // A number MicroPython cannot convert (`f'{9a}'`) fails when its parser takes it: unless
        // the parse failed before it, its error is the field's (at the injected text's place).
        let failed_at = parsed.as_ref().err().map_or(u32::MAX, |e| e.offset.to_u32());
        if let Some(n) = lexer.number_error.take().filter(|n| n.offset < failed_at) {
            return Err(error(self, n.offset, n.kind, &n.message));
        }
        let unclosed = parsed.as_ref().is_err_and(|e| matches!(e.error, rustpython_parser::ParseErrorType::Eof));
        if unclosed || lexer.comment_at_end {
            // A bracket the field leaves open (`f'{(x:=1)}'` is the field `(x`), or a comment
            // that swallows the rest of the injected text (`f'{x#}'`): MicroPython's parser
            // reads on into the source after the string, and fails at the first token of a
            // later line (or at the end).
            return Err(self.after_line_of(injected_at));
        }
        let Ok(ast::Mod::Expression(field)) = parsed else {
            return Err(error(self, failed_at, "SyntaxError", "invalid syntax"));
        };
        // Its nodes are on the lines of the injected text: from `args_line` on, one further
        // for each newline of the string's fields before them.
        let mut e = self.expr(&field.body)?;
        let field_line = self.line(a as u32);
        shift_lines(&mut e, i64::from(args_line + newlines_before) - i64::from(field_line));
        Ok(e)
    }

    /// "invalid syntax" at the first token on a line after the one `offset` is on, or at the
    /// end of the file.
    fn after_line_of(&self, offset: u32) -> CompileError {
        let text = self.src.text;
        let rest = text.get(offset as usize..).unwrap_or("");
        let line_end = rest.find(['\n', '\r']).map_or(text.len(), |i| offset as usize + i);
        let at = match crate::lexer::Lexer::token_after(text, line_end) {
            Some(at) => at as u32,
            // (the end: after the newline MicroPython's reader adds to a text without one)
            None => text.len() as u32 + u32::from(!text.is_empty() && !text.ends_with(['\n', '\r'])),
        };
        self.error_at(at, "invalid syntax")
    }

    /// An f-string's or t-string's decoding error as MicroPython reports it.
    fn literal_error(&self, e: LiteralError, pos: (u32, u32), injected_at: u32) -> CompileError {
        match e {
            LiteralError::NameEscape => self.src.error_pos(pos, "NotImplementedError", "unicode name escapes"),
            LiteralError::Invalid => self.error_at(injected_at, "invalid syntax"),
            // MicroPython marks the string token itself.
            LiteralError::Malformed => self.src.error_pos(pos, "SyntaxError", "malformed f-string"),
        }
    }

    /// A t-string: MicroPython's lexer turns it into
    /// `__template__(("str", ...), expr, 'expr', conversion, spec, ...)`, the interpolations
    /// wrapped in one tuple when there are too many for a call.
    fn template(&mut self, start: u32, end: u32, line: Line, pos: (u32, u32)) -> Res<Expr> {
        let text = &self.src.text[start as usize..end as usize];
        let injected_at = self.src.offset_after_string(self.stmt_start, end);
        let t = match string_literal::template(text) {
            Ok(t) => t,
            Err(e) => return Err(self.literal_error(e, pos, injected_at)),
        };
        let args_line = self.src.line_counting_phantoms_before(injected_at, end);
        self.intern("__template__");
        let strings = Const::Tuple(t.strings.into_iter().map(Const::Str).collect());
        let mut args = vec![Arg::Positional(Expr { line: args_line, pos, kind: ExprKind::Const(strings) })];
        let mut items = Vec::new();
        for it in t.interpolations {
            if it.text.iter().any(|&c| c == b'\n' || c == b'\r') {
                // MicroPython copies the expression into a one-line string literal after it,
                // which a newline leaves unterminated.
                return Err(self.error_at(injected_at, "invalid syntax"));
            }
            let (a, b) = (start as usize + it.expr.0, start as usize + it.expr.1);
            items.push(self.injected_field(a, b, injected_at, args_line, 0)?);
            items.push(self.string_node(it.text, args_line, pos));
            items.push(match it.conversion {
                Some(c) => self.string_node(vec![c], args_line, pos),
                None => Expr { line: 0, pos, kind: ExprKind::NoneTok },
            });
            items.push(match it.spec {
                string_literal::TemplateSpec::Text(s) => self.string_node(s, args_line, pos),
                string_literal::TemplateSpec::Format(f) => {
                    let fields: Vec<(usize, usize)> = f.fields.iter().map(|&(a, b)| (start as usize + a, start as usize + b)).collect();
                    self.format_call(f.format, &fields, args_line, pos, injected_at, args_line)?
                }
            });
        }
        if 1 + items.len() > 255 {
            args.push(Arg::Positional(Expr { line: args_line, pos, kind: ExprKind::Tuple(items, true) }));
        } else {
            args.extend(items.into_iter().map(Arg::Positional));
        }
        let name = Expr { line: 0, pos, kind: ExprKind::Name("__template__".to_string()) };
        Ok(Expr { line, pos, kind: ExprKind::AtomExpr(Box::new(name), vec![Trailer::Call(args, args_line)]) })
    }

    /// Unary operators and `**` nest to the right (`- - not ~x`, `a ** b ** c`, `-a ** -b`):
    /// the whole right spine is gathered first, then folded from the inside out (each operator
    /// folded where its operands are constants), without recursing per operator.
    fn right_spine(&mut self, e: &ast::Expr) -> Res<Expr> {
        enum Frame<'e> {
            Unary(ast::UnaryOp, u32),
            /// `left **`, with the start of the power node.
            PowLeft(&'e ast::Expr, u32),
        }
        let mut frames: Vec<Frame> = Vec::new();
        let mut cur = e;
        loop {
            match cur {
                ast::Expr::UnaryOp(u) => {
                    frames.push(Frame::Unary(u.op, u.range.start().to_u32()));
                    cur = &u.operand;
                }
                ast::Expr::BinOp(b) if matches!(b.op, ast::Operator::Pow) => {
                    frames.push(Frame::PowLeft(&b.left, b.range.start().to_u32()));
                    cur = &b.right;
                }
                _ => break,
            }
        }
        if frames.len() > MAX_CHAIN {
            let start = e.range().start().to_u32();
            return Err(self.src.error(start, "RuntimeError", "maximum recursion depth exceeded"));
        }
        // Operands in source order (which strings are interned depends on what came before).
        let mut lefts = Vec::new();
        for f in &frames {
            if let Frame::PowLeft(left, _) = f {
                lefts.push(self.expr(left)?);
            }
        }
        let mut node = self.expr(cur)?;
        for f in frames.iter().rev() {
            node = match *f {
                Frame::Unary(op, start) => {
                    let (line, pos) = (self.line(start), self.pos(start));
                    match op {
                        ast::UnaryOp::Not => match node.const_truth() {
                            Some(true) => Expr { line: 0, pos, kind: ExprKind::FalseTok },
                            Some(false) => Expr { line: 0, pos, kind: ExprKind::TrueTok },
                            None => Expr { line, pos, kind: ExprKind::Not(Box::new(node)) },
                        },
                        op => {
                            let uop = match op {
                                ast::UnaryOp::UAdd => UnaryOp::Positive,
                                ast::UnaryOp::USub => UnaryOp::Negative,
                                _ => UnaryOp::Invert,
                            };
                            match Self::number_of(&node).and_then(|n| fold_unary(uop, &n)) {
                                Some(r) => self.const_node(r, 0, pos),
                                None => Expr { line, pos, kind: ExprKind::Unary(uop, Box::new(node)) },
                            }
                        }
                    }
                }
                Frame::PowLeft(_, start) => {
                    let (line, pos) = (self.line(start), self.pos(start));
                    let l = lefts.pop().expect("one folded operand per power");
                    let folded = match (Self::number_of(&l), Self::number_of(&node)) {
                        (Some(a), Some(b)) => fold_binary(BinOp::Pow, &a, &b),
                        _ => None,
                    };
                    match folded {
                        Some(v) => self.const_node(v, 0, pos),
                        None => Expr { line, pos, kind: ExprKind::BinOp(Box::new(l), BinOp::Pow, Box::new(node)) },
                    }
                }
            };
        }
        Ok(node)
    }

    fn binop(&mut self, e: &ast::Expr) -> Res<Expr> {
        let start = e.range().start().to_u32();
        let ast::Expr::BinOp(top) = e else { unreachable!() };
        let op0 = bin_op(&top.op);
        let lvl = level(op0);
        // Gather the left spine of the same grammar level, stopping at parentheses.
        let mut chain: Vec<(BinOp, &ast::Expr)> = Vec::new();
        let mut cur = e;
        loop {
            match cur {
                ast::Expr::BinOp(b)
                    if level(bin_op(&b.op)) == lvl
                        && lvl != 6
                        && b.range.start().to_u32() == start =>
                {
                    chain.push((bin_op(&b.op), &b.right));
                    cur = &b.left;
                }
                _ => break,
            }
        }
        let pos = self.pos(start);
        let line = self.line(start);
        if lvl == 6 {
            return self.right_spine(e);
        }
        chain.reverse();
        if chain.len() > MAX_CHAIN {
            return Err(self.src.error(start, "RuntimeError", "maximum recursion depth exceeded"));
        }
        let first = self.expr(cur)?;
        let mut rest = Vec::new();
        for (op, r) in &chain {
            rest.push((*op, self.expr(r)?));
        }
        // Fold the whole flat node or nothing.
        if let Some(mut acc) = Self::number_of(&first) {
            let mut ok = true;
            for (op, r) in &rest {
                match Self::number_of(r).and_then(|b| fold_binary(*op, &acc, &b)) {
                    Some(v) => acc = v,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                return Ok(self.const_node(acc, 0, pos));
            }
        }
        let mut node = first;
        for (op, r) in rest {
            node = Expr { line, pos, kind: ExprKind::BinOp(Box::new(node), op, Box::new(r)) };
        }
        Ok(node)
    }

    /// Calls, subscripts and attributes: one atom with a flat trailer chain, unless a
    /// parenthesised sub-expression starts a new atom.
    fn atom_expr(&mut self, e: &ast::Expr) -> Res<Expr> {
        let start = e.range().start().to_u32();
        let mut spine: Vec<&ast::Expr> = Vec::new();
        let mut cur = e;
        loop {
            let child: &ast::Expr = match cur {
                ast::Expr::Call(c) => &c.func,
                ast::Expr::Attribute(a) => &a.value,
                ast::Expr::Subscript(s) => &s.value,
                _ => break,
            };
            spine.push(cur);
            if child.range().start().to_u32() != start {
                cur = child;
                break;
            }
            cur = child;
        }
        spine.reverse();
        let base = self.expr(cur)?;
        let mut trailers = Vec::new();
        for t in &spine {
            match t {
                ast::Expr::Call(c) => {
                    let l = self.src.line_of_next_token(c.func.range().end().to_u32());
                    let mut args = self.call_args(&c.args, &c.keywords)?;
                    self.unparenthesized_genexp_arg(c, &mut args);
                    self.bare_walrus_args(c, &mut args);
                    trailers.push(Trailer::Call(args, l));
                }
                ast::Expr::Attribute(a) => {
                    if a.attr.as_str() == "__debug__" {
                        // A keyword to MicroPython's lexer: `x.__debug__` does not parse.
                        return Err(self.error_at(a.value.range().end().to_u32(), "invalid syntax"));
                    }
                    let l = self.src.line_of_next_token(a.value.range().end().to_u32());
                    self.intern(a.attr.as_str());
                    trailers.push(Trailer::Attr(a.attr.to_string(), l));
                }
                ast::Expr::Subscript(s) => {
                    match &*s.slice {
                        ast::Expr::Starred(_) => return Err(self.error_at(s.slice.range().start().to_u32(), "invalid syntax")),
                        ast::Expr::Tuple(t) => self.no_star(&t.elts)?,
                        _ => {}
                    }
                    if let ast::Expr::NamedExpr(n) = &*s.slice {
                        if !self.src.text_at(self.src.offset_of_next_token(s.value.range().end().to_u32()) + 1).trim_start().starts_with('(') {
                            // `a[b := 1]` needs parentheses in MicroPython's grammar.
                            return Err(self.error_at(n.range.start().to_u32(), "invalid syntax"));
                        }
                    }
                    let l = self.src.line_of_next_token(s.value.range().end().to_u32());
                    let idx = self.expr(&s.slice)?;
                    trailers.push(Trailer::Subscript(Box::new(idx), l));
                }
                _ => unreachable!(),
            }
        }
        let line = self.line(start);
        let pos = self.pos(start);
        // MICROPY_COMP_MODULE_CONST: `math.pi` and friends become constants.
        if let (ExprKind::Name(base_name), [Trailer::Attr(attr, _)]) = (&base.kind, trailers.as_slice()) {
            if let Some(v) = module_constant(base_name, attr) {
                return Ok(self.const_node(v, 0, pos));
            }
        }
        Ok(Expr { line, pos, kind: ExprKind::AtomExpr(Box::new(base), trailers) })
    }

    /// A `key: value` item of a dict is one node to MicroPython, which the compiler gives the
    /// line of its first token (before storing it): the key carries that position. It differs
    /// from the key's own where the key is parenthesised (`(\n a\n): 1`; rustpython's range of
    /// `(a)` is the name's). `item_start` is just after the `{` or `,` before the item.
    fn key_at_item_start(&self, key: &mut Expr, item_start: u32, key_start: u32) {
        let first = self.src.offset_of_next_token(item_start);
        if first < key_start && self.src.text_at(first).starts_with('(') {
            key.pos = self.pos(first);
        }
    }

    /// `f(x := 1)`: a walrus argument without parentheses of its own is an argument node.
    /// Each argument's text starts after the call's `(` or after the `,` that ends the argument
    /// before it (rustpython's range of `(x := 1)` is the walrus's own).
    fn bare_walrus_args(&self, c: &ast::ExprCall, args: &mut [Arg]) {
        let mut ends: Vec<(u32, u32)> = c
            .args
            .iter()
            .map(|a| (a.range().start().to_u32(), a.range().end().to_u32()))
            .chain(c.keywords.iter().map(|k| (k.range.start().to_u32(), k.range.end().to_u32())))
            .collect();
        ends.sort_unstable();
        // (`args` holds the arguments in the same source order)
        let mut slot_start = self.src.offset_of_next_token(c.func.range().end().to_u32()) + 1;
        for (arg, &(start, end)) in args.iter_mut().zip(&ends) {
            if let Arg::Positional(Expr { kind: ExprKind::NamedExpr { bare_argument, .. }, .. }) = arg {
                let first = self.src.offset_of_next_token(slot_start);
                *bare_argument = !(first < start && self.src.text_at(first).starts_with('('));
            }
            slot_start = self.src.offset_of_next_token(end) + 1;
        }
    }

    /// `f(x for x in y)`: the generator is an argument node, not an atom, and sets no line.
    fn unparenthesized_genexp_arg(&self, c: &ast::ExprCall, args: &mut [Arg]) {
        // (MicroPython, unlike CPython, also takes one beside other arguments: `f(a, x for x in y)`.)
        for e in args.iter_mut() {
            let Arg::Positional(e) = e else { continue };
            let ExprKind::Comp(comp) = &mut e.kind else { continue };
            let Some(g) = c.args.iter().find_map(|a| match a {
                ast::Expr::GeneratorExp(g) if self.pos(g.range.start().to_u32()) == e.pos => Some(g),
                _ => None,
            }) else {
                continue;
            };
            if !self.src.is_enclosed(g.range.start().to_u32(), g.range.end().to_u32()) {
                e.line = 0;
                comp.bare_argument = true;
            }
        }
    }

    /// Whether a parenthesised tuple ends with a comma before its `)`.
    fn has_trailing_comma(&self, t: &ast::ExprTuple) -> bool {
        let end = t.range.end().to_u32() as usize;
        let last = t.elts.last().expect("non-empty tuple");
        let bytes = self.src.text.as_bytes();
        let mut i = last.range().end().to_u32() as usize;
        while i + 1 < end {
            match bytes[i] {
                b',' => return true,
                b'#' => {
                    while i < end && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// Whether a tuple display is wrapped in its own parentheses (`(a, b)`) rather than bare
    /// (`a, b`): counts the `(` before its first item against the `)` closing that item.
    fn tuple_is_parenthesized(&self, t: &ast::ExprTuple) -> bool {
        let Some(first) = t.elts.first() else { return true };
        let start = t.range.start().to_u32() as usize;
        let fs = first.range().start().to_u32() as usize;
        let fe = first.range().end().to_u32() as usize;
        let bytes = self.src.text.as_bytes();
        let opens = bytes.get(start..fs).map_or(0, |b| b.iter().filter(|&&c| c == b'(').count());
        let mut closes = 0;
        let mut i = fe;
        while i < bytes.len() {
            match bytes[i] {
                b')' => closes += 1,
                b' ' | b'\t' | b'\r' | b'\n' | b'\\' => {}
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => break,
            }
            i += 1;
        }
        opens > closes
    }

    /// `left op comparator op comparator ...`.
    fn comparison(&mut self, left: &ast::Expr, ops: &[ast::CmpOp], comparators: &[ast::Expr], line: Line, pos: (u32, u32)) -> Res<Expr> {
        let left = self.expr(left)?;
        let mut rest = Vec::new();
        for (op, r) in ops.iter().zip(comparators) {
            let op = match op {
                ast::CmpOp::Eq => CmpOp::Eq,
                ast::CmpOp::NotEq => CmpOp::NotEq,
                ast::CmpOp::Lt => CmpOp::Lt,
                ast::CmpOp::LtE => CmpOp::LtE,
                ast::CmpOp::Gt => CmpOp::Gt,
                ast::CmpOp::GtE => CmpOp::GtE,
                ast::CmpOp::Is => CmpOp::Is,
                ast::CmpOp::IsNot => CmpOp::IsNot,
                ast::CmpOp::In => CmpOp::In,
                ast::CmpOp::NotIn => CmpOp::NotIn,
            };
            rest.push((op, self.expr(r)?));
        }
        Ok(Expr { line, pos, kind: ExprKind::Compare(Box::new(left), rest) })
    }

    /// Where the `i`-th operator of `c` is, if it is an argument's `=` the lexer handed out as
    /// `==` (the text there says `=`).
    fn keyword_equal(&self, c: &ast::ExprCompare, i: usize) -> Option<u32> {
        if !matches!(c.ops[i], ast::CmpOp::Eq) {
            return None;
        }
        let before = if i == 0 { &*c.left } else { &c.comparators[i - 1] };
        let at = self.src.offset_of_next_token(before.range().end().to_u32());
        let text = self.src.text_at(at);
        (text.starts_with('=') && !text.starts_with("==")).then_some(at)
    }

    /// A call argument `lhs = value` whose `=` the lexer handed out as `==`: a keyword argument
    /// if `lhs` is a (parenthesised) name, MicroPython's compile error otherwise.
    fn keyword_argument(&mut self, c: &ast::ExprCompare) -> Res<Arg> {
        // (in source order: which strings are interned depends on what came before)
        let name = match &*c.left {
            ast::Expr::Name(n) => {
                self.intern(n.id.as_str());
                Some(n.id.to_string())
            }
            lhs => {
                self.discard_expr(lhs);
                None
            }
        };
        let first = &c.comparators[0];
        let (line, pos) = (self.line(first.range().start().to_u32()), self.pos(first.range().start().to_u32()));
        let value = if c.ops.len() == 1 {
            self.expr(first)?
        } else {
            self.comparison(first, &c.ops[1..], &c.comparators[1..], line, pos)?
        };
        if let Some(name) = name {
            return Ok(Arg::Keyword(name, value));
        }
        let start = c.left.range().start().to_u32();
        let refused = ExprKind::Refused { message: "LHS of keyword arg must be an id", before: Vec::new() };
        Ok(Arg::Positional(Expr { line: self.line(start), pos: self.pos(start), kind: refused }))
    }

    fn call_args(&mut self, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Res<Vec<Arg>> {
        // MicroPython sees arguments in source order; rustpython splits them.
        enum A<'x> {
            P(&'x ast::Expr),
            K(&'x ast::Keyword),
        }
        let mut all: Vec<(u32, A)> = args
            .iter()
            .map(|a| (a.range().start().to_u32(), A::P(a)))
            .chain(keywords.iter().map(|k| (k.range.start().to_u32(), A::K(k))))
            .collect();
        all.sort_by_key(|(p, _)| *p);
        let mut out = Vec::new();
        for (_, a) in all {
            match a {
                A::P(ast::Expr::Starred(s)) => out.push(Arg::Star(self.expr(&s.value)?)),
                A::P(ast::Expr::Compare(c)) if self.keyword_equal(c, 0).is_some() => out.push(self.keyword_argument(c)?),
                A::P(e) => out.push(Arg::Positional(self.expr(e)?)),
                A::K(k) => match &k.arg {
                    Some(name) => {
                        self.intern(name.as_str());
                        out.push(Arg::Keyword(name.to_string(), self.expr(&k.value)?));
                    }
                    None => out.push(Arg::DoubleStar(self.expr(&k.value)?)),
                },
            }
        }
        Ok(out)
    }

    fn comprehension(
        &mut self,
        kind: CompKind,
        elt: &ast::Expr,
        key: Option<&ast::Expr>,
        generators: &[ast::Comprehension],
        range: TextRange,
        line: Line,
        pos: (u32, u32),
    ) -> Res<Expr> {
        // The comprehension's own node starts at the first token inside its bracket (an
        // element's own parentheses included: rustpython's range of `(a)` is the name's), or at
        // its first token if it has no bracket of its own (a call's bare generator argument).
        let (start, end) = (range.start().to_u32(), range.end().to_u32());
        let inner_line = if self.src.is_enclosed(start, end) {
            self.src.line_of_next_token(start + 1)
        } else {
            self.line(start)
        };
        let key = match key {
            Some(k) => {
                let mut key = self.expr(k)?;
                self.key_at_item_start(&mut key, start + 1, k.range().start().to_u32());
                Some(key)
            }
            None => None,
        };
        let mut elt = self.expr(elt)?;
        if self.src.is_enclosed(start, end) {
            // `[*x for x in y]`: the lexer dropped the `*` (see `Lexer::comprehension_follows`);
            // compiling the starred element is MicroPython's error.
            let first = self.src.offset_of_next_token(start + 1);
            if self.src.text_at(first).starts_with('*') {
                let pos = self.pos(first);
                elt = Expr { line: self.line(first), pos, kind: ExprKind::Starred(Box::new(elt)) };
            }
        }
        let mut gens = Vec::new();
        for g in generators {
            if g.is_async {
                return Err(self.src.error_pos(pos, "SyntaxError", "invalid syntax"));
            }
            let target = self.expr(&g.target)?;
            let iter = self.expr(&g.iter)?;
            let mut ifs = Vec::new();
            for i in &g.ifs {
                ifs.push(self.expr(i)?);
            }
            gens.push(CompFor { target, iter, ifs });
        }
        Ok(Expr {
            line,
            pos,
            kind: ExprKind::Comp(Box::new(Comprehension { kind, elt, key, generators: gens, line: inner_line, bare_argument: false, id: 0 })),
        })
    }
}

/// `fold_logical_constants` for `or`/`and`: drop operands that cannot decide the result and
/// cut after one that does.
fn fold_logical(is_or: bool, values: Vec<Expr>) -> Vec<Expr> {
    let n = values.len();
    let mut out = Vec::new();
    for (i, v) in values.into_iter().enumerate() {
        if i + 1 == n {
            out.push(v);
            break;
        }
        match v.const_truth() {
            Some(t) if t == is_or => {
                out.push(v);
                break;
            }
            Some(_) => {}
            None => out.push(v),
        }
    }
    out
}

fn const_call_arg(value: &ast::Expr) -> Option<&ast::Expr> {
    if let ast::Expr::Call(c) = value {
        if let ast::Expr::Name(n) = &*c.func {
            if n.id.as_str() == "const"
                && c.args.len() == 1
                && c.keywords.is_empty()
                && !matches!(c.args[0], ast::Expr::Starred(_))
            {
                return Some(&c.args[0]);
            }
        }
    }
    None
}

fn dotted_name(e: &ast::Expr) -> Option<Vec<String>> {
    match e {
        ast::Expr::Name(n) => Some(vec![n.id.to_string()]),
        ast::Expr::Attribute(a) => {
            let mut v = dotted_name(&a.value)?;
            v.push(a.attr.to_string());
            Some(v)
        }
        _ => None,
    }
}

/// Constants of built-in modules that MicroPython's parser substitutes (`math` in mpy-cross).
fn module_constant(module: &str, attr: &str) -> Option<Const> {
    if module != "math" {
        return None;
    }
    Some(Const::Float(match attr {
        "pi" => std::f64::consts::PI,
        "e" => std::f64::consts::E,
        "tau" => std::f64::consts::TAU,
        "inf" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => return None,
    }))
}

/// Moves every line of `e` and the nodes inside it (struct nodes' lines, trailer and
/// comprehension lines, positions) by `by` lines.
fn shift_lines(e: &mut Expr, by: i64) {
    let shift = |l: &mut u32| {
        if *l != 0 {
            *l = (i64::from(*l) + by).clamp(1, i64::from(u32::MAX)) as u32;
        }
    };
    shift(&mut e.line);
    shift(&mut e.pos.0);
    let set = |x: &mut Expr| shift_lines(x, by);
    match &mut e.kind {
        ExprKind::BinOp(a, _, b) => {
            set(a);
            set(b);
        }
        ExprKind::Unary(_, a) | ExprKind::Not(a) | ExprKind::Await(a) | ExprKind::YieldFrom(a) | ExprKind::Starred(a) => set(a),
        ExprKind::Yield(Some(a)) => set(a),
        ExprKind::BoolOp { values, .. } | ExprKind::Tuple(values, _) | ExprKind::List(values) | ExprKind::Set(values) => {
            values.iter_mut().for_each(set)
        }
        ExprKind::Compare(a, rest) => {
            set(a);
            rest.iter_mut().for_each(|(_, x)| set(x));
        }
        ExprKind::IfExp { test, body, orelse } => {
            set(test);
            set(body);
            set(orelse);
        }
        ExprKind::NamedExpr { target, value, .. } => {
            set(target);
            set(value);
        }
        ExprKind::AtomExpr(base, trailers) => {
            set(base);
            for t in trailers {
                match t {
                    Trailer::Call(args, l) => {
                        shift(l);
                        for a in args {
                            match a {
                                Arg::Positional(x) | Arg::Star(x) | Arg::Keyword(_, x) | Arg::DoubleStar(x) => set(x),
                            }
                        }
                    }
                    Trailer::Subscript(x, l) => {
                        shift(l);
                        set(x);
                    }
                    Trailer::Attr(_, l) => shift(l),
                }
            }
        }
        ExprKind::Dict(items) => items.iter_mut().for_each(|(k, v)| {
            set(k);
            set(v);
        }),
        ExprKind::Slice(a, b, c) => {
            for x in [a, b, c].into_iter().flatten() {
                set(x);
            }
        }
        ExprKind::Comp(c) => {
            shift(&mut c.line);
            set(&mut c.elt);
            if let Some(k) = &mut c.key {
                set(k);
            }
            for g in &mut c.generators {
                set(&mut g.target);
                set(&mut g.iter);
                g.ifs.iter_mut().for_each(set);
            }
        }
        ExprKind::Lambda(f) => {
            shift(&mut f.line);
            shift(&mut f.pos.0);
            let p = &mut f.params;
            let params = p.positional.iter_mut().chain(p.star.iter_mut().flatten()).chain(p.kwonly.iter_mut()).chain(p.dbl_star.iter_mut());
            for param in params {
                shift(&mut param.pos.0);
                if let Some(d) = &mut param.default {
                    set(d);
                }
            }
            if let Some(b) = &mut f.lambda_body {
                set(b);
            }
        }
        _ => {}
    }
}
