//! Python source to MicroPython `.mpy` v6 bytecode, byte-identical to `mpy-cross` 1.29.
//!
//! Pipeline, one module per stage: [`source`] (text, lines) -> rustpython parse -> [`fold`]
//! (MicroPython's parse-time rewrites, producing a [`tree`]) -> [`codegen`] (scope analysis
//! in [`scope`], driving the [`emit`] back end) -> [`mpy`] writer. [`romfs`] builds images of
//! many modules; [`dis`] reads `.mpy` files back for humans.

pub mod codegen;
pub mod constant;
pub mod dis;
pub mod emit;
pub mod float_literal;
pub mod fold;
pub mod mpy;
pub mod opcode;
pub mod qstr;
pub mod romfs;
pub mod scope;
pub mod source;
pub mod string_literal;
pub mod tree;

use std::fmt;

/// Compiler options, mirroring `mpy-cross`'s everyday flags.
#[derive(Clone, Debug)]
pub struct Options {
    /// Optimisation level 0..=3 (`mpy-cross -O`).
    pub opt_level: u8,
    /// Number of bits in a small int (`-msmall-int-bits`), default 31.
    pub small_int_bits: u8,
    /// Emit line-number tables (`-X no-source-lines` turns this off).
    pub source_lines: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { opt_level: 0, small_int_bits: 31, source_lines: true }
    }
}

/// A compile error with its location, worded as MicroPython words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The source name given to `compile`.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
    /// Exception kind, e.g. `SyntaxError`.
    pub kind: String,
    /// Message, e.g. `invalid syntax`.
    pub message: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.column, self.kind, self.message)
    }
}

impl std::error::Error for CompileError {}

/// Deepest bracket nesting we hand to the parser: a cheap pre-check that turns absurd input
/// into a located error (deep nesting of every kind is bounded again by [`fold::MAX_DEPTH`]).
pub const MAX_NESTING: usize = 5000;

/// Stack for the compiling thread: rustpython's AST is dropped recursively and our passes recurse
/// up to [`fold::MAX_DEPTH`] levels, so the caller's stack (a proc macro's may be small) is not used.
const COMPILER_STACK: usize = 1 << 30;

/// Compiles one module's source text to the bytes of a `.mpy` file.
pub fn compile(source: &str, source_name: &str, options: &Options) -> Result<Vec<u8>, CompileError> {
    let internal = |what: &str| CompileError {
        file: source_name.to_string(),
        line: 1,
        column: 1,
        kind: "InternalError".to_string(),
        message: what.to_string(),
    };
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("freeze-compiler".to_string())
            .stack_size(COMPILER_STACK)
            .spawn_scoped(s, || compile_here(source, source_name, options));
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|_| Err(internal("the compiler panicked (a bug: please report it)"))),
            Err(_) => Err(internal("could not start the compiler thread")),
        }
    })
}

fn compile_here(source: &str, source_name: &str, options: &Options) -> Result<Vec<u8>, CompileError> {
    if !(2..=63).contains(&options.small_int_bits) {
        return Err(CompileError {
            file: source_name.to_string(),
            line: 1,
            column: 1,
            kind: "ValueError".to_string(),
            message: "small-int bits must be between 2 and 63".to_string(),
        });
    }
    let map = source::SourceMap::new(source, source_name);
    if let Some((offset, kind)) = source::excessive_nesting(source, MAX_NESTING) {
        return Err(map.error(offset, "SyntaxError", kind));
    }
    let module = parse(&map)?;
    let mut folder = fold::Folder::new(&map, options.small_int_bits, options.opt_level);
    let body = folder.module(&module)?;
    let mut compiler = codegen::Compiler::new(&map, options, source_name);
    compiler.compile_module(&body)?;
    Ok(mpy::write(options.small_int_bits, &compiler.emit.common.qstrs, &compiler.emit.common.consts, &compiler.scopes))
}

fn parse(map: &source::SourceMap) -> Result<Vec<rustpython_parser::ast::Stmt>, CompileError> {
    use rustpython_parser::{lexer::LexicalErrorType, Mode, ParseErrorType};
    match rustpython_parser::parse(map.text, Mode::Module, map.name) {
        Ok(rustpython_parser::ast::Mod::Module(m)) => Ok(m.body),
        Ok(_) => unreachable!("module mode"),
        Err(e) => {
            let mut offset = e.offset.to_u32();
            // `\N{...}` before the error: MicroPython's lexer stops there first.
            let before = map.text.get(..offset as usize).unwrap_or(map.text);
            if source::has_name_escape(before)
                || matches!(e.error, ParseErrorType::Lexical(LexicalErrorType::UnicodeError)) && source::has_name_escape(map.text)
            {
                return Err(map.error(offset, "NotImplementedError", "unicode name escapes"));
            }
            if let ParseErrorType::Lexical(lexical) = &e.error {
                if matches!(lexical, LexicalErrorType::StringError | LexicalErrorType::Eof | LexicalErrorType::OtherError(_)) {
                    // An unclosed string: MicroPython reports the line where it starts.
                    if let Some(at) = source::first_unterminated_string(map.text) {
                        offset = at;
                    }
                }
            }
            let (kind, msg) = match &e.error {
                ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
                    ("IndentationError", "unindent doesn't match any outer indent level")
                }
                ParseErrorType::UnrecognizedToken(rustpython_parser::Tok::Indent, _) => {
                    ("IndentationError", "unexpected indent")
                }
                _ => ("SyntaxError", "invalid syntax"),
            };
            Err(map.error(offset, kind, msg))
        }
    }
}
