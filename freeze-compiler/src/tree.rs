//! The program as MicroPython's parser leaves it for the compiler: constants folded, `const()`
//! names substituted, f-strings lowered to `str.format`, constant tuples built, lonely constant
//! statements dropped. Its shape follows MicroPython's parse nodes where the bytecode depends
//! on that shape (leaf versus struct nodes and their source lines, flat trailer chains).

use crate::constant::Const;

/// Source line; 0 means "no line" (leaves, and constants made by folding).
pub type Line = u32;

#[derive(Clone, Debug)]
pub struct Expr {
    /// Line of a struct node; 0 for leaves (which never set the line).
    pub line: Line,
    /// Position (line, column) used for error messages.
    pub pos: (u32, u32),
    pub kind: ExprKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Or,
    Xor,
    And,
    LShift,
    RShift,
    Add,
    Sub,
    Mul,
    MatMul,
    FloorDiv,
    TrueDiv,
    Mod,
    Pow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Positive,
    Negative,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Gt,
    Eq,
    LtE,
    GtE,
    NotEq,
    In,
    NotIn,
    Is,
    IsNot,
}

#[derive(Clone, Debug)]
pub enum Trailer {
    /// `(args)`, with the line of its `(`.
    Call(Vec<Arg>, Line),
    /// `[index]`.
    Subscript(Box<Expr>, Line),
    /// `.name`.
    Attr(String, Line),
}

#[derive(Clone, Debug)]
pub enum Arg {
    Positional(Expr),
    Star(Expr),
    Keyword(String, Expr),
    DoubleStar(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Dict,
    Set,
    Generator,
}

#[derive(Clone, Debug)]
pub struct CompFor {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Clone, Debug)]
pub struct Comprehension {
    pub kind: CompKind,
    /// The element (for dicts: the value).
    pub elt: Expr,
    /// For dicts: the key.
    pub key: Option<Expr>,
    pub generators: Vec<CompFor>,
    pub line: Line,
    /// An unparenthesised generator argument of a call (`f(x for x in y)`, also
    /// `f(a, x for x in y)`): an `argument` node to MicroPython, not an expression (so
    /// `range(x for x in y)` is not the counted loop).
    pub bare_argument: bool,
    /// Index of this comprehension's scope, assigned by the compiler.
    pub id: usize,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    // Leaves.
    Name(String),
    SmallInt(i64),
    /// An interned string (a qstr), as bytes.
    Str(Vec<u8>),
    NoneTok,
    TrueTok,
    FalseTok,
    EllipsisTok,
    // Struct nodes.
    Const(Const),
    BinOp(Box<Expr>, BinOp, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Not(Box<Expr>),
    BoolOp { is_or: bool, values: Vec<Expr> },
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    Lambda(Box<FuncDef>),
    /// `target := value`; `bare_argument`: a call's argument without parentheses of its own
    /// (`f(x := 1)`), an `argument` node to MicroPython (so `range(x := 5)` is not the
    /// counted loop, `range((x := 5))` is).
    NamedExpr { target: Box<Expr>, value: Box<Expr>, bare_argument: bool },
    /// An atom with trailers (calls, subscripts, attributes) as one flat chain.
    AtomExpr(Box<Expr>, Vec<Trailer>),
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `()`: kept as a struct, compiles to BUILD_TUPLE 0.
    EmptyTuple,
    /// Items, and whether the tuple was written in parentheses.
    Tuple(Vec<Expr>, bool),
    List(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    /// Something MicroPython's parser takes and its compiler refuses (a `{...}` display whose
    /// items mix `key: value` and plain values, a keyword argument whose left side is not a
    /// name): it compiles `before` (the display's items before the first wrong one, in its
    /// order), then fails with `message` here.
    Refused { message: &'static str, before: Vec<Expr> },
    Set(Vec<Expr>),
    Comp(Box<Comprehension>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Starred(Box<Expr>),
}

impl Expr {
    pub fn is_name(&self) -> bool {
        matches!(self.kind, ExprKind::Name(_))
    }

    /// Whether MicroPython's `mp_parse_node_is_const` holds.
    pub fn is_const_node(&self) -> bool {
        matches!(
            self.kind,
            ExprKind::SmallInt(_)
                | ExprKind::Str(_)
                | ExprKind::NoneTok
                | ExprKind::TrueTok
                | ExprKind::FalseTok
                | ExprKind::EllipsisTok
                | ExprKind::Const(_)
                | ExprKind::EmptyTuple
        )
    }

    /// The constant this node denotes, when [`Expr::is_const_node`].
    pub fn to_const(&self) -> Option<Const> {
        Some(match &self.kind {
            ExprKind::SmallInt(i) => Const::Int((*i).into()),
            ExprKind::Str(s) => Const::Str(s.clone()),
            ExprKind::NoneTok => Const::None,
            ExprKind::TrueTok => Const::True,
            ExprKind::FalseTok => Const::False,
            ExprKind::EllipsisTok => Const::Ellipsis,
            ExprKind::Const(c) => c.clone(),
            ExprKind::EmptyTuple => Const::Tuple(Vec::new()),
            _ => return None,
        })
    }

    /// [`to_const`](Self::to_const) without copying: a constant tuple is built from its items'
    /// constants, and copying them made nested tuples quadratic in their depth.
    pub fn into_const(self) -> Option<Const> {
        match self.kind {
            ExprKind::Const(c) => Some(c),
            ExprKind::Str(s) => Some(Const::Str(s)),
            _ => self.to_const(),
        }
    }

    /// `mp_parse_node_is_const_true` / `_false`.
    pub fn const_truth(&self) -> Option<bool> {
        self.to_const().map(|c| c.is_true())
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    pub pos: (u32, u32),
}

/// Parameters in source order, as MicroPython's `typedargslist` lists them.
#[derive(Clone, Debug, Default)]
pub struct Params {
    pub positional: Vec<Param>,
    /// `Some(None)` is a bare `*`, `Some(Some(name))` is `*name`.
    pub star: Option<Option<Param>>,
    pub kwonly: Vec<Param>,
    pub dbl_star: Option<Param>,
}

#[derive(Clone, Debug)]
pub enum Decorator {
    /// `@a.b.c` or `@a.b.c(args)`.
    Dotted { names: Vec<String>, call: Option<(Vec<Arg>, Line)>, pos: (u32, u32) },
}

#[derive(Clone, Debug)]
pub struct FuncDef {
    pub name: String,
    pub params: Params,
    /// Function body; for a lambda, a single `Return` of its expression is not used: see `lambda_body`.
    pub body: Vec<Stmt>,
    pub lambda_body: Option<Expr>,
    pub is_async: bool,
    pub line: Line,
    pub pos: (u32, u32),
    /// Index of this function's scope, assigned by the compiler.
    pub id: usize,
}

#[derive(Clone, Debug)]
pub struct ClassDef {
    pub name: String,
    pub bases: Vec<Arg>,
    pub body: Vec<Stmt>,
    pub line: Line,
    pub id: usize,
}

#[derive(Clone, Debug)]
pub struct Handler {
    pub typ: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
    pub line: Line,
    pub pos: (u32, u32),
}

#[derive(Clone, Debug)]
pub enum ImportFromNames {
    Star,
    Names(Vec<(String, Option<String>)>),
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub line: Line,
    pub pos: (u32, u32),
    pub kind: StmtKind,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Expr(Expr),
    Pass,
    /// `t1 = t2 = ... = value`.
    Assign(Vec<Expr>, Expr),
    AugAssign(Expr, BinOp, Expr),
    /// `target: annotation [= value]`.
    AnnAssign(Expr, Option<Expr>),
    Delete(Vec<Expr>),
    Break,
    Continue,
    Return(Option<Expr>),
    Raise(Option<Expr>, Option<Expr>),
    Import(Vec<(Vec<String>, Option<String>)>),
    ImportFrom { level: u32, module: Option<Vec<String>>, names: ImportFromNames },
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    Assert(Expr, Option<Expr>),
    If { test: Expr, body: Vec<Stmt>, elifs: Vec<(Expr, Vec<Stmt>)>, orelse: Vec<Stmt> },
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    For { target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>, is_async: bool },
    Try { body: Vec<Stmt>, handlers: Vec<Handler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
    With { items: Vec<(Expr, Option<Expr>)>, body: Vec<Stmt>, is_async: bool },
    FuncDef(Box<FuncDef>, Vec<Decorator>),
    ClassDef(Box<ClassDef>, Vec<Decorator>),
}
