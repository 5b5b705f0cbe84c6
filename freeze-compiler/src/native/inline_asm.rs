//! Inline assembler functions (`@micropython.asm_xtensa`, `asm_thumb`, ...: mpy-cross hands
//! any `asm_*` decorator to the assembler of the `-march` architecture): a function whose body
//! is a list of instructions, compiled as `compile_scope_inline_asm` in `py/compile.c` does,
//! into a raw code of kind `MP_CODE_NATIVE_ASM`. The instruction sets are
//! [`super::inline_xtensa`], [`super::inline_thumb`] and [`super::inline_rv32`], behind [`InlineAssembler`].
//!
//! A statement is an instruction when it is a bare call of a name (`add(a2, a2, a3)`);
//! `label(name)`, `align(n)` and `data(size, v, ...)` are directives, `pass` is skipped, the
//! parameters must be the registers `a2`, `a3`, ... in order and the return annotation, if
//! any, one of `object`, `bool`, `int`, `uint`.
//!
//! The passes are mpy-cross's: a scope pass (statement shapes and the number of labels, with
//! every other scope's scope pass), then one compute pass (two for Xtensa: the second knows how
//! many constants `movi` put in the table) and the emit pass. Where an error is reported
//! follows from that: an error of the scope pass is at its statement; one found in a compute
//! pass is at its statement too when there is one compute pass, but at the `def` when there
//! are two (the second compute pass runs anyway, and stops at once on the error left by the
//! first, setting the line to the function's); one of the emit pass (an undefined label, a
//! branch out of range) at its instruction.

use std::collections::HashMap;

use crate::constant::Const;
use crate::native::viper::{Annotation, FnAnnotations};
use crate::tree::{Arg, BinOp, Expr, ExprKind, FuncDef, Params, Stmt, StmtKind, Trailer, UnaryOp};

/// An instruction's operand, as much as an assembler looks at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    /// A bare name: a register or a label.
    Name(String),
    /// An integer constant, as its low 64 bits (two's complement).
    Int(u64),
    /// A set display `{a, b}` (a Thumb register list), its elements; empty for anything else
    /// in braces (`{}`, a dict, a comprehension), which no assembler takes.
    Braces(Vec<Operand>),
    /// A list display `[a, b]` (a Thumb address), its elements; a list comprehension
    /// `[x for ...]` reads as its element and the loop (`Other`), two nodes to MicroPython.
    Brackets(Vec<Operand>),
    /// An atom with one trailer, `offset(base)` (also `offset[base]`, `offset.base`), maybe
    /// under a unary `+` or `-`: an RV32 address. `base` is `Other` when the trailer holds
    /// anything but one plain operand, or when more trailers follow.
    Address {
        sign: AddressSign,
        offset: Box<Operand>,
        base: Box<Operand>,
    },
    /// `a - b` (an RV32 Zcmp register range `s0-s3`).
    Difference(Box<Operand>, Box<Operand>),
    /// Anything else (a float, a string, an expression, a keyword argument, ...).
    Other,
}

/// The unary operator in front of an [`Operand::Address`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressSign {
    None,
    Plus,
    Minus,
}

/// What went wrong in an instruction or a pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsmError {
    /// A `SyntaxError` of the statement (mpy-cross's error slot: the last one set wins).
    Syntax(String),
    /// A `RuntimeError` the assembler raises in the emit pass (mpy-cross prints it alone).
    Runtime(String),
}

/// An architecture's inline assembler (`emit_inline_asm_method_table_t` and the
/// `mp_asm_base_t` calls compile.c makes on it), one per module, reused by each function.
pub trait InlineAssembler {
    /// How many compute passes run before the emit pass.
    const COMPUTE_PASSES: usize;
    /// Starts a pass over one function (and writes the prologue).
    fn start_pass(&mut self, emit: bool);
    /// Writes the epilogue and ends the pass.
    fn end_pass(&mut self);
    /// The code of the emit pass just ended.
    fn code(&self) -> &[u8];
    /// Where the next byte goes.
    fn offset(&self) -> u32;
    /// Whether the label keeps the offset the compute pass gave it (mpy-cross asserts it).
    fn label_in_place(&self, label: usize) -> bool;
    /// The number of positional arguments, from the parameters' names (`None` for a
    /// parameter that is not a bare name).
    fn count_params(&self, params: &[Option<&str>]) -> Result<usize, String>;
    /// Defines label number `label`; false when the name is already a label of this function.
    fn label(&mut self, label: usize, name: &str) -> bool;
    /// `align(n)` for `n` >= 1; `Err` with the offset it would reach past [`MAX_CODE_BYTES`].
    fn align(&mut self, n: u32) -> Result<(), u64>;
    /// `data(size, value)`; `Err` with the offset it would reach past [`MAX_CODE_BYTES`].
    fn data(&mut self, size: u32, value: u64) -> Result<(), u64>;
    /// Assembles one instruction; then [`take_error`](Self::take_error) tells whether it failed.
    fn op(&mut self, name: &str, args: &[Operand]);
    /// The error of the statement just assembled, if any.
    fn take_error(&mut self) -> Option<AsmError>;
    /// Whether a brace display ending in a comma (`{ra,}`) is no register list (RV32's
    /// parse-tree walk does not take that shape; Thumb's does).
    const TRAILING_COMMA_SET_IS_OTHER: bool = false;
    /// Told before [`op`](Self::op) which operands are integers beyond the 64-bit signed
    /// range (where mpy-cross's `mp_obj_get_int` would raise rather than truncate).
    fn wide_integers(&mut self, _wide: &[bool]) {}
}

/// The highest code offset mpy-freeze lets an inline function reach (mpy-cross allocates
/// whatever `data` and `align` ask for, and fails with a MemoryError past its heap).
pub const MAX_CODE_BYTES: u64 = 16 << 20;

/// The names of a module's inline assembler labels by number (`label_lookup`), shared by the
/// architectures: forgotten at each compute pass, kept for the emit pass (which so knows the
/// forward labels the compute pass met).
pub struct LabelNames {
    names: Vec<Option<String>>,
    emit_pass: bool,
}

impl LabelNames {
    pub fn new(slots: usize) -> Self {
        LabelNames {
            names: vec![None; slots],
            emit_pass: false,
        }
    }

    pub fn start_pass(&mut self, emit: bool) {
        self.emit_pass = emit;
        if !emit {
            self.names.iter_mut().for_each(|n| *n = None);
        }
    }

    pub fn emit_pass(&self) -> bool {
        self.emit_pass
    }

    /// Names label number `label`; false when the name is already a label of this function
    /// (checked in the compute passes only).
    pub fn define(&mut self, label: usize, name: &str) -> bool {
        if !self.emit_pass && self.names.iter().any(|n| n.as_deref() == Some(name)) {
            return false;
        }
        if let Some(slot) = self.names.get_mut(label) {
            *slot = Some(name.to_string());
        }
        true
    }

    /// The number of the label called `name`, if this pass has met it (or, in the emit
    /// pass, the compute pass did).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|l| l.as_deref() == Some(name))
    }

    /// The label an instruction's operand names, and the error it gives: a label not (yet)
    /// known reads as label 0, an error only in the emit pass.
    pub fn lookup(&self, op: &str, arg: &Operand) -> (usize, Option<String>) {
        let Operand::Name(n) = arg else {
            return (0, Some(format!("'{op}' expects a label")));
        };
        if let Some(i) = self
            .names
            .iter()
            .position(|l| l.as_deref() == Some(n.as_str()))
        {
            return (i, None);
        }
        (
            0,
            self.emit_pass.then(|| format!("label '{n}' not defined")),
        )
    }
}

/// An error with the line mpy-cross reports it at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineAsmError {
    /// `SyntaxError`, or `RuntimeError` for the assembler's own range and alignment errors.
    pub kind: &'static str,
    pub message: String,
    pub line: u32,
}

fn syntax(message: impl Into<String>, line: u32) -> InlineAsmError {
    InlineAsmError {
        kind: "SyntaxError",
        message: message.into(),
        line,
    }
}

/// What the inline assembler needs to know of the whole module beyond the tree, found once:
/// the annotations (the tree drops them) and where the `;` of statement lists are (a
/// statement of a `a(); b()` list is not an instruction to mpy-cross).
pub struct ModuleFacts {
    annotations: HashMap<(u32, u32), FnAnnotations>,
    semicolons: Vec<(u32, u32)>,
    /// Where the `}` of a display ending in a comma (`{ra,}`) are.
    trailing_comma_braces: Vec<(u32, u32)>,
}

impl ModuleFacts {
    pub fn new(map: &crate::source::SourceMap) -> Self {
        let annotations = crate::native::viper::module_annotations(map).unwrap_or_default();
        let mut semicolons = Vec::new();
        let mut trailing_comma_braces = Vec::new();
        let mut after_comma = false;
        for (tok, range) in crate::lexer::Lexer::new(map.text).flatten() {
            use rustpython_parser::Tok;
            match tok {
                Tok::Semi => semicolons.push(map.pos(range.start().to_u32())),
                Tok::Rbrace if after_comma => trailing_comma_braces.push(map.pos(range.start().to_u32())),
                _ => {}
            }
            after_comma = tok == Tok::Comma;
        }
        ModuleFacts {
            annotations,
            semicolons,
            trailing_comma_braces,
        }
    }

    /// Whether a `{...,}` display ends in `from..to`.
    fn trailing_comma_brace_in(&self, from: (u32, u32), to: (u32, u32)) -> bool {
        self.trailing_comma_braces
            .iter()
            .any(|&p| p >= from && p < to)
    }

    fn in_statement_list(&self, s: &Stmt) -> bool {
        self.semicolons
            .iter()
            .any(|&(line, col)| line == s.pos.0 && col > s.pos.1)
    }
}

/// An inline assembler function, as its `.mpy` record needs it.
#[derive(Clone, Debug)]
pub struct AsmFunction {
    pub code: Vec<u8>,
    pub n_pos_args: usize,
    /// The return type (`MP_NATIVE_TYPE_*`): how the caller converts the value in a2.
    pub type_sig: u8,
}

/// A statement of the body, as the passes see it.
enum Statement<'a> {
    Skip,
    /// Not an instruction ("expecting an assembler instruction").
    Other,
    /// `name(args)`, with the line of its `(`.
    Instruction {
        name: &'a str,
        args: &'a [Arg],
        paren_line: u32,
    },
}

fn classify<'a>(s: &'a Stmt, facts: &ModuleFacts) -> Statement<'a> {
    if facts.in_statement_list(s) {
        return Statement::Other;
    }
    match &s.kind {
        StmtKind::Pass => Statement::Skip,
        StmtKind::Expr(Expr {
            kind: ExprKind::AtomExpr(atom, trailers),
            ..
        }) => match (&atom.kind, trailers.as_slice()) {
            (ExprKind::Name(name), [Trailer::Call(args, paren_line)]) => Statement::Instruction {
                name,
                args,
                paren_line: *paren_line,
            },
            _ => Statement::Other,
        },
        _ => Statement::Other,
    }
}

fn stmt_line(s: &Stmt) -> u32 {
    if s.line > 0 {
        s.line
    } else {
        s.pos.0
    }
}

fn small_int(a: &Arg) -> Option<i64> {
    match a {
        Arg::Positional(Expr {
            kind: ExprKind::SmallInt(i),
            ..
        }) => Some(*i),
        _ => None,
    }
}

/// Whether the argument is an integer constant outside `i64`.
fn wide_integer(a: &Arg) -> bool {
    match a {
        Arg::Positional(Expr {
            kind: ExprKind::Const(Const::Int(big)),
            ..
        }) => num_traits::ToPrimitive::to_i64(big).is_none(),
        _ => false,
    }
}

fn operand(a: &Arg) -> Operand {
    match a {
        Arg::Positional(e) => expr_operand(e),
        _ => Operand::Other,
    }
}

fn address_operand(sign: AddressSign, atom: &Expr, trailers: &[Trailer]) -> Operand {
    let base = match trailers {
        [Trailer::Call(args, _)] => match args.as_slice() {
            [Arg::Positional(e)] => expr_operand(e),
            _ => Operand::Other,
        },
        [Trailer::Subscript(e, _)] => expr_operand(e),
        [Trailer::Attr(name, _)] => Operand::Name(name.clone()),
        _ => Operand::Other,
    };
    Operand::Address {
        sign,
        offset: Box::new(expr_operand(atom)),
        base: Box::new(base),
    }
}

fn expr_operand(e: &Expr) -> Operand {
    match &e.kind {
        ExprKind::Name(n) => Operand::Name(n.clone()),
        ExprKind::AtomExpr(atom, trailers) => address_operand(AddressSign::None, atom, trailers),
        ExprKind::Unary(op @ (UnaryOp::Positive | UnaryOp::Negative), inner) => match &inner.kind {
            ExprKind::AtomExpr(atom, trailers) => {
                let sign = if *op == UnaryOp::Negative {
                    AddressSign::Minus
                } else {
                    AddressSign::Plus
                };
                address_operand(sign, atom, trailers)
            }
            _ => Operand::Other,
        },
        ExprKind::BinOp(a, BinOp::Sub, b) => {
            Operand::Difference(Box::new(expr_operand(a)), Box::new(expr_operand(b)))
        }
        ExprKind::Set(items) => Operand::Braces(items.iter().map(expr_operand).collect()),
        ExprKind::List(items) => Operand::Brackets(items.iter().map(expr_operand).collect()),
        ExprKind::Comp(c) if c.kind == crate::tree::CompKind::List => {
            Operand::Brackets(vec![expr_operand(&c.elt), Operand::Other])
        }
        ExprKind::SmallInt(i) => Operand::Int(*i as u64),
        ExprKind::Const(Const::Int(big)) => {
            // the low 64 bits, two's complement (`mp_obj_int_get_truncated`)
            let low = big & num_bigint::BigInt::from(u64::MAX);
            Operand::Int(num_traits::ToPrimitive::to_u64(&low).unwrap_or(0))
        }
        _ => Operand::Other,
    }
}

/// A return annotation mpy-cross refuses.
#[derive(Clone, Copy)]
enum BadReturn {
    /// A name that is not a type: "unknown type", which stops the pass at once.
    UnknownType,
    /// Not a name: "return annotation must be an identifier", which stops the pass only when
    /// the next statement is checked.
    NotAName,
}

impl BadReturn {
    fn message(self) -> &'static str {
        match self {
            BadReturn::UnknownType => "unknown type",
            BadReturn::NotAName => "return annotation must be an identifier",
        }
    }
}

/// The return type (`MP_NATIVE_TYPE_*`) an annotation gives; `int` without one.
fn return_type(a: &Annotation) -> Result<u8, BadReturn> {
    match a {
        Annotation::None => Ok(2),
        Annotation::Name(n) => match n.as_str() {
            "object" => Ok(0),
            "bool" => Ok(1),
            "int" => Ok(2),
            "uint" => Ok(3),
            _ => Err(BadReturn::UnknownType),
        },
        Annotation::Other => Err(BadReturn::NotAName),
    }
}

fn annotations_of<'f>(f: &FuncDef, facts: &'f ModuleFacts) -> Option<&'f FnAnnotations> {
    facts.annotations.get(&f.pos)
}

/// The parameters as `count_params` sees them: a bare name, or `None` for anything else (a
/// default, an annotation, `*`, `**`, a keyword-only marker).
fn param_names<'p>(params: &'p Params, ann: Option<&FnAnnotations>) -> Vec<Option<&'p str>> {
    let mut out = Vec::new();
    for (i, p) in params.positional.iter().enumerate() {
        let annotated = ann
            .and_then(|a| a.positional.get(i))
            .is_some_and(|a| *a != Annotation::None);
        out.push((p.default.is_none() && !annotated).then_some(p.name.as_str()));
    }
    if params.star.is_some() {
        out.push(None);
    }
    out.extend(params.kwonly.iter().map(|_| None));
    if params.dbl_star.is_some() {
        out.push(None);
    }
    out
}

/// The error of the scope pass of anything but a function decorated as inline assembler (a
/// class), at its line.
pub fn not_a_function(class_line: u32) -> InlineAsmError {
    syntax("inline assembler must be a function", class_line)
}

/// The scope pass of an inline assembler function: the statements' shapes and the return
/// annotation checked; the number of labels it defines.
pub fn scope_pass(f: &FuncDef, facts: &ModuleFacts) -> Result<usize, InlineAsmError> {
    let def_line = f.line;
    let returns = annotations_of(f, facts).map_or(Annotation::None, |a| a.returns.clone());
    // the error of a return annotation that is not a name, reported at the next statement
    let mut pending = None;
    match return_type(&returns) {
        Ok(_) => {}
        Err(BadReturn::UnknownType) => {
            return Err(syntax(BadReturn::UnknownType.message(), def_line))
        }
        Err(BadReturn::NotAName) => pending = Some(BadReturn::NotAName.message()),
    }
    let mut labels = 0;
    for s in &f.body {
        let (name, args, paren_line) = match classify(s, facts) {
            Statement::Skip => continue,
            Statement::Other => {
                return Err(syntax(
                    pending.unwrap_or("expecting an assembler instruction"),
                    def_line_or(pending, def_line, stmt_line(s)),
                ))
            }
            Statement::Instruction {
                name,
                args,
                paren_line,
            } => (name, args, paren_line),
        };
        let directive_error = check_directive(name, args);
        if let Some(m) = directive_error {
            return Err(syntax(
                pending.unwrap_or(m),
                def_line_or(pending, def_line, stmt_line(s)),
            ));
        }
        if name == "label" {
            labels += 1;
        }
        if let Some(m) = pending {
            return Err(syntax(m, paren_line));
        }
    }
    match pending {
        Some(m) => Err(syntax(m, def_line)),
        None => Ok(labels),
    }
}

/// The line of a statement's own error, or the def's when an earlier error (a bad return
/// annotation) is the one reported.
fn def_line_or(pending: Option<&str>, def_line: u32, line: u32) -> u32 {
    if pending.is_some() {
        def_line
    } else {
        line
    }
}

/// The shape errors of `label`, `align` and `data`, checked in every pass.
fn check_directive(name: &str, args: &[Arg]) -> Option<&'static str> {
    match name {
        "label" if !(args.len() == 1 && matches!(&args[0], Arg::Positional(e) if e.is_name())) => {
            Some("'label' requires 1 argument")
        }
        "align" if !(args.len() == 1 && small_int(&args[0]).is_some()) => {
            Some("'align' requires 1 argument")
        }
        "data" if !(args.len() >= 2 && small_int(&args[0]).is_some()) => {
            Some("'data' requires at least 2 arguments")
        }
        _ => None,
    }
}

/// The compute and emit passes of an inline assembler function whose scope pass passed.
pub fn assemble<A: InlineAssembler>(
    f: &FuncDef,
    facts: &ModuleFacts,
    asm: &mut A,
) -> Result<AsmFunction, InlineAsmError> {
    let def_line = f.line;
    let ann = annotations_of(f, facts);
    let names = param_names(&f.params, ann);
    let n_pos_args = asm.count_params(&names).map_err(|m| syntax(m, def_line))?;
    let type_sig = return_type(&ann.map_or(Annotation::None, |a| a.returns.clone()))
        .map_err(|e| syntax(e.message(), def_line))?;
    let mut ends = Vec::new();
    for _ in 0..A::COMPUTE_PASSES {
        ends.clear();
        pass(f, facts, asm, false, &mut ends).map_err(|mut e| {
            if A::COMPUTE_PASSES > 1 {
                e.line = def_line;
            }
            e
        })?;
    }
    pass(f, facts, asm, true, &mut ends)?;
    Ok(AsmFunction {
        code: asm.code().to_vec(),
        n_pos_args,
        type_sig,
    })
}

/// One compute or emit pass. `ends` holds the offset after each statement: filled by a compute
/// pass, compared by the emit pass to name the statement that moved the code.
fn pass<A: InlineAssembler>(
    f: &FuncDef,
    facts: &ModuleFacts,
    asm: &mut A,
    emit: bool,
    ends: &mut Vec<u32>,
) -> Result<(), InlineAsmError> {
    asm.start_pass(emit);
    let mut next_label = 0;
    // the first statement whose code ends elsewhere than in the compute pass
    let mut moved_at = None;
    for (i, s) in f.body.iter().enumerate() {
        let line = stmt_line(s);
        let (name, args, paren_line) = match classify(s, facts) {
            Statement::Skip => continue,
            Statement::Other => return Err(syntax("expecting an assembler instruction", line)),
            Statement::Instruction {
                name,
                args,
                paren_line,
            } => (name, args, paren_line),
        };
        if let Some(m) = check_directive(name, args) {
            return Err(syntax(m, line));
        }
        match name {
            "label" => {
                let Arg::Positional(Expr {
                    kind: ExprKind::Name(label_name),
                    ..
                }) = &args[0]
                else {
                    return Err(syntax("'label' requires 1 argument", line));
                };
                let label = next_label;
                next_label += 1;
                if !asm.label_in_place(label) {
                    // Only a forward conditional branch moves code: mpy-cross reads a label
                    // not yet seen as the function's first label, so after that label the
                    // compute pass sizes the branch short, the emit pass long, and the next
                    // label is not where it was (an assertion in mp_asm_base_label_assign).
                    return Err(syntax(
                        "not supported yet by mpy-freeze: a forward conditional branch after the function's first label within a short branch's reach of it (mpy-cross 1.29 sizes it short, emits it long and aborts on an assertion)",
                        moved_at.unwrap_or(line),
                    ));
                }
                if !asm.label(label, label_name) {
                    return Err(syntax("label redefined", line));
                }
            }
            "align" => {
                let n = small_int(&args[0]).unwrap_or(0) as u32;
                if n == 0 || n > i32::MAX as u32 {
                    return Err(syntax(
                        "not supported yet by mpy-freeze: align(0) or a negative align (mpy-cross moves the code back to offset 0 or past 4 GiB)",
                        line,
                    ));
                }
                asm.align(n).map_err(|end| too_large(end, line))?;
            }
            "data" => {
                let size = small_int(&args[0]).unwrap_or(0) as u32;
                for a in &args[1..] {
                    let Operand::Int(v) = operand(a) else {
                        return Err(syntax("'data' requires integer arguments", line));
                    };
                    asm.data(size, v).map_err(|end| too_large(end, line))?;
                }
            }
            _ => {
                let mut operands: Vec<Operand> = args.iter().map(operand).collect();
                if A::TRAILING_COMMA_SET_IS_OTHER {
                    let end = f.body.get(i + 1).map_or((u32::MAX, 0), |n| n.pos);
                    if facts.trailing_comma_brace_in(s.pos, end) {
                        for o in operands.iter_mut().filter(|o| matches!(o, Operand::Braces(_))) {
                            *o = Operand::Other;
                        }
                    }
                }
                asm.wide_integers(&args.iter().map(wide_integer).collect::<Vec<_>>());
                asm.op(name, &operands);
                match asm.take_error() {
                    None => {}
                    Some(AsmError::Syntax(m)) => return Err(syntax(m, paren_line)),
                    Some(AsmError::Runtime(m)) => {
                        return Err(InlineAsmError {
                            kind: "RuntimeError",
                            message: m,
                            line: paren_line,
                        })
                    }
                }
            }
        }
        if emit {
            // (the errors of the statements up to the next label come first, as in mpy-cross)
            if moved_at.is_none() && ends.get(i).is_some_and(|&end| end != asm.offset()) {
                moved_at = Some(line);
            }
        } else {
            ends.resize(i, u32::MAX);
            ends.push(asm.offset());
        }
    }
    asm.end_pass();
    Ok(())
}

fn too_large(end: u64, line: u32) -> InlineAsmError {
    syntax(
        format!(
            "inline assembler function too large: its code would reach byte {end}, past the {} mpy-freeze allows",
            MAX_CODE_BYTES
        ),
        line,
    )
}
