//! Python source to MicroPython `.mpy` v6 bytecode, byte-identical to `mpy-cross` 1.29.
//!
//! Pipeline, one module per stage: [`source`] (text, lines) -> [`lexer`] (MicroPython's
//! tokenizer rules) -> rustpython's parser fed those tokens -> [`fold`]
//! (MicroPython's parse-time rewrites, producing a [`tree`]) -> [`codegen`] (scope analysis
//! in [`scope`], driving the [`emit`] back end) -> [`mpy`] writer. [`romfs`] builds images of
//! many modules; [`dis`] reads `.mpy` files back for humans.

pub mod asm_rv32;
pub mod asm_thumb;
pub mod asm_x64;
pub mod asm_xtensa;
pub mod codegen;
pub mod constant;
pub mod dis;
pub mod emit;
pub mod emit_native;
pub mod float_literal;
pub mod fold;
pub mod frozen_tables;
pub mod fx_hash;
pub mod imports;
pub mod lexer;
pub mod mpy;
pub mod native;
pub mod opcode;
pub mod qstr;
pub mod romfs;
pub mod romfs_build;
pub mod scope;
pub mod size;
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
    /// Target architecture for native code (`-march=`); [`native::Arch::None`] for bytecode only.
    pub arch: native::Arch,
    /// Architecture flags (`-march-flags=`, see [`native::Arch::parse_flags`]); 0 for none.
    pub arch_flags: u32,
    /// Default emitter of every scope (`-X emit=`), before `@micropython.*` decorators.
    pub emit: native::EmitOpt,
    /// Build constants: names every module sees as if it began with `NAME = const(value)`,
    /// folded wherever they are used (dead `if` branches vanish); no global is stored. For
    /// `freeze!(..., consts = { ... })`.
    pub constants: Vec<(String, constant::Const)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            opt_level: 0,
            small_int_bits: 31,
            source_lines: true,
            arch: native::Arch::None,
            arch_flags: 0,
            emit: native::EmitOpt::Bytecode,
            constants: Vec::new(),
        }
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
    /// The scope the compiler was compiling when it found the error, as MicroPython names it in
    /// the traceback (`<module>`, a function's or class's name, `<lambda>`, `<listcomp>`,
    /// `<genexpr>`...); `None` for errors of the lexer and parser, which have no scope.
    pub scope: Option<String>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.column, self.kind, self.message)
    }
}

impl std::error::Error for CompileError {}

/// Deepest bracket nesting the lexer hands to the parser (`SyntaxError: too deeply nested` at
/// the bracket past it); deep nesting of every kind is bounded again by [`fold::MAX_DEPTH`].
/// `mpy-cross` 1.29 with its default heap compiles 8,112 nested parentheses, 7,620 lists.
pub const MAX_NESTING: usize = 10_000;

/// Most stack slots and locals one function (or the module, a class, a comprehension) may need:
/// MicroPython keeps a running function's state size (`n_state`: locals plus value stack) in 16
/// bits (`mp_code_state_t` in `py/bc.h`; mpy-cross even writes it truncated). Past it the frame
/// is allocated too small and the code runs wrongly, so we refuse it.
pub const MAX_STATE_SLOTS: usize = 65_535;

/// Most distinct qstrs (names, attributes, short strings) one module may add to the
/// interpreter's pool, not counting the 165 static qstrs every `.mpy` refers to by number.
/// MicroPython keeps qstr numbers in 16 bits (`qstr_short_t` in a module's qstr table), shared
/// with the firmware's own qstrs (about 1,000 in the unix port 1.29) and those of the modules
/// loaded before: past them a module silently gets the wrong names (measured in the unix port
/// 1.29: a module of 64,497 new names runs right, one of 64,498 wrongly; mpy-cross writes a
/// broken qstr table from about 64,950). 4,096 numbers are left for the firmware and the other
/// modules.
pub const MAX_MODULE_QSTRS: usize = 65_536 - 4_096;

/// Largest source a module may have (64 MiB): [`compile`] refuses a longer text and
/// [`read_source_file`] stops reading past it, so a huge or endless file (a 1 GB file of NUL
/// bytes, `/dev/zero` behind a link) is a clear error instead of gigabytes of memory. (The
/// compiler needs about 80 bytes of memory per byte of source.)
pub const MAX_SOURCE_BYTES: usize = 64 << 20;

/// Most characters of a source line a diagnostic quotes (see [`line_excerpt`]).
pub const EXCERPT_CHARS: usize = 120;

/// Reads a source file, refusing one longer than [`MAX_SOURCE_BYTES`] without reading more
/// than that (an `InvalidData` error that names the limit).
pub fn read_source_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut buf = Vec::new();
    file.take(MAX_SOURCE_BYTES as u64 + 1).read_to_end(&mut buf)?;
    if buf.len() > MAX_SOURCE_BYTES {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, too_large_message()));
    }
    Ok(buf)
}

fn too_large_message() -> String {
    format!(
        "source longer than {} bytes (64 MiB, freeze_compiler::MAX_SOURCE_BYTES), the most a module may have",
        MAX_SOURCE_BYTES
    )
}

/// What a diagnostic quotes of a source `line` around `column` (0-based, in characters; past
/// the end means just after the last character): the text to show, and the blanks to put
/// before a caret so that it stands under the column (tabs kept as tabs). A line of at most
/// [`EXCERPT_CHARS`] characters is shown whole; a longer one as a window of that many around
/// the column, with `...` where it was cut. However long the line, the excerpt is bounded (a
/// 10 MB one-line module gave a 20 MB error when quoted whole).
pub fn line_excerpt(line: &str, column: usize) -> (String, String) {
    const BEFORE: usize = EXCERPT_CHARS * 2 / 3;
    let n = line.chars().count();
    let column = column.min(n);
    let (start, end) = if n <= EXCERPT_CHARS {
        (0, n)
    } else {
        let start = column.saturating_sub(BEFORE).min(n - EXCERPT_CHARS);
        (start, start + EXCERPT_CHARS)
    };
    // byte offsets of the characters start, column and end
    let byte_at = |c: usize| line.char_indices().nth(c).map_or(line.len(), |(b, _)| b);
    let (b_start, b_column, b_end) = (byte_at(start), byte_at(column), byte_at(end));
    let cut_before = if start > 0 { "..." } else { "" };
    let cut_after = if end < n { "..." } else { "" };
    let text = format!("{cut_before}{}{cut_after}", &line[b_start..b_end]);
    let caret: String = " ".repeat(cut_before.len())
        + &line[b_start..b_column].chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect::<String>();
    (text, caret)
}

/// Stack for the compiling thread: rustpython's AST is dropped recursively and our passes recurse
/// up to [`fold::MAX_DEPTH`] levels, so the caller's stack (a proc macro's may be small) is not used.
const COMPILER_STACK: usize = 1 << 30;

thread_local! {
    /// This thread runs on the compiler's stack (see [`on_compiler_stack`]).
    static ON_COMPILER_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Compiles one module's source text to the bytes of a `.mpy` file.
///
/// Runs on a thread of its own with a large stack (the caller's, a proc macro's for instance,
/// may be small), unless called inside [`on_compiler_stack`]. A panic (a bug) becomes an
/// `InternalError` instead of unwinding into the caller.
pub fn compile(source: &str, source_name: &str, options: &Options) -> Result<Vec<u8>, CompileError> {
    if ON_COMPILER_STACK.with(|on| on.get()) {
        let run = std::panic::AssertUnwindSafe(|| compile_here(source, source_name, options));
        return std::panic::catch_unwind(run).unwrap_or_else(|_| {
            Err(internal_error(source_name, "the compiler panicked (a bug: please report it)"))
        });
    }
    on_compiler_stack(|| compile(source, source_name, options))
        .unwrap_or_else(|| Err(internal_error(source_name, "could not start the compiler thread")))
}

/// [`compile`] for source bytes as read from a file: text that is not UTF-8 is a
/// `SyntaxError` at its first bad byte (the CLI and `romfs_build` both read files).
pub fn compile_bytes(source: &[u8], name: &str, options: &Options) -> Result<Vec<u8>, CompileError> {
    match std::str::from_utf8(source) {
        Ok(text) => compile(text, name, options),
        Err(e) => {
            let good = &source[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let column = (good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1)) as u32 + 1;
            Err(CompileError {
                file: name.to_string(),
                line,
                column,
                kind: "SyntaxError".to_string(),
                message: "source is not valid UTF-8".to_string(),
                scope: None,
            })
        }
    }
}

/// Runs `work` on a thread with the compiler's large stack, where [`compile`] runs directly:
/// for callers that compile many modules (one thread for all of them instead of one per
/// module). `None` if the thread could not be started; a panic in `work` is passed on.
pub fn on_compiler_stack<R: Send>(work: impl FnOnce() -> R + Send) -> Option<R> {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("freeze-compiler".to_string())
            .stack_size(COMPILER_STACK)
            .spawn_scoped(s, || {
                ON_COMPILER_STACK.with(|on| on.set(true));
                work()
            })
            .ok()?;
        Some(worker.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
    })
}

fn internal_error(source_name: &str, what: &str) -> CompileError {
    CompileError {
        file: source_name.to_string(),
        line: 1,
        column: 1,
        kind: "InternalError".to_string(),
        message: what.to_string(),
        scope: None,
    }
}

fn compile_here(source: &str, source_name: &str, options: &Options) -> Result<Vec<u8>, CompileError> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(CompileError {
            file: source_name.to_string(),
            line: 1,
            column: 1,
            kind: "ValueError".to_string(),
            message: too_large_message(),
            scope: None,
        });
    }
    if !(2..=63).contains(&options.small_int_bits) {
        return Err(CompileError {
            file: source_name.to_string(),
            line: 1,
            column: 1,
            kind: "ValueError".to_string(),
            message: "small-int bits must be between 2 and 63".to_string(),
            scope: None,
        });
    }
    if options.emit != native::EmitOpt::Bytecode && options.arch == native::Arch::None {
        return Err(CompileError {
            file: source_name.to_string(),
            line: 1,
            column: 1,
            kind: "ValueError".to_string(),
            message: "arch not specified (a native default emitter needs an architecture)".to_string(),
            scope: None,
        });
    }
    let map = source::SourceMap::new(source, source_name);
    let body = parse_and_fold(&map, options)?;
    let mut compiler = codegen::Compiler::new(&map, options, source_name);
    compiler.compile_module(&body)?;
    let target = compiler.mpy_target();
    Ok(mpy::write_target(
        &target,
        options.small_int_bits,
        &compiler.emit.common.qstrs,
        &compiler.emit.common.consts,
        &compiler.scopes,
    ))
}

/// Source bytes parsed at a time: a long module is parsed and folded one run of top-level
/// statements after another, so rustpython's syntax tree (about 100 bytes of memory per byte
/// of source) never holds more than this much of it.
const PARSE_CHUNK: usize = 256 * 1024;

/// Parses the module and applies MicroPython's parse-time rewrites ([`fold`]).
fn parse_and_fold(map: &source::SourceMap, options: &Options) -> Result<Vec<tree::Stmt>, CompileError> {
    let mut folder = fold::Folder::new(map, options.small_int_bits, options.opt_level);
    folder.define_constants(&options.constants);
    let mut tokens = lexer::Lexer::new(map.text);
    let mut chunk_start = tokens.offset();
    tokens.pause_at(chunk_start + PARSE_CHUNK);
    let mut body = Vec::new();
    loop {
        let result = rustpython_parser::parse_tokens(&mut tokens, rustpython_parser::Mode::Module, map.name);
        for (at, count) in tokens.phantom_lines.drain(..) {
            map.add_phantom_lines(at, count);
        }
        let number_error = tokens.number_error.take();
        let (offset, error) = match (tokens.error.take(), result) {
            // A number MicroPython cannot convert, which its parser took (the first error after
            // it came later): the number's error.
            (Some(e), _) if number_error.as_ref().is_some_and(|n| n.offset < e.offset) => {
                let n = number_error.unwrap_or(e);
                (n.offset, n.into_compile_error(map))
            }
            (None, Ok(_)) if number_error.is_some() => {
                let n = number_error.unwrap();
                (n.offset, n.into_compile_error(map))
            }
            // The lexer stopped the parser: its error is MicroPython's.
            (Some(e), _) => (e.offset, e.into_compile_error(map)),
            (None, Ok(rustpython_parser::ast::Mod::Module(m))) => {
                body.extend(folder.module(&m.body)?);
                if !tokens.is_paused() {
                    return Ok(body);
                }
                chunk_start = tokens.offset();
                // (errors only look back within their own part)
                tokens.statement_starts.clear();
                tokens.resume(chunk_start + PARSE_CHUNK);
                continue;
            }
            (None, Ok(_)) => unreachable!("module mode"),
            (None, Err(e)) => {
                let (at, parse_error) = parse_error(map, e);
                match number_error {
                    // The parser took the bad number and failed later.
                    Some(n) if n.offset < at => (n.offset, n.into_compile_error(map)),
                    _ => (at, parse_error),
                }
            }
        };
        let starts: Vec<lexer::StatementStart> =
            tokens.statement_starts.iter().copied().filter(|s| s.offset as usize > chunk_start).collect();
        return Err(earlier_fold_error(map, &mut folder, chunk_start, &starts, offset).unwrap_or(error));
    }
}

/// A rustpython parse error as MicroPython words it: the offset and the error.
fn parse_error(map: &source::SourceMap, e: rustpython_parser::ParseError) -> (u32, CompileError) {
    use rustpython_parser::{ParseErrorType, Tok};
    match e.error {
        ParseErrorType::Eof => end_of_file_error(map),
        // rustpython's "expected an indented block", at the newline after the header:
        // MicroPython fails at the token after that newline (or at the end of the file).
        ParseErrorType::Lexical(rustpython_parser::lexer::LexicalErrorType::IndentationError) => {
            match lexer::Lexer::token_after(map.text, e.offset.to_usize()) {
                Some(at) => (at as u32, map.error(at as u32, "SyntaxError", "invalid syntax")),
                None => end_of_file_error(map),
            }
        }
        ParseErrorType::UnrecognizedToken(Tok::Indent, _) => {
            (e.offset.to_u32(), map.error(e.offset.to_u32(), "IndentationError", "unexpected indent"))
        }
        _ => (e.offset.to_u32(), map.error(e.offset.to_u32(), "SyntaxError", "invalid syntax")),
    }
}

/// An error at MicroPython's END token: after the last newline, counting the one its reader adds
/// to a file that does not end with one.
fn end_of_file_error(map: &source::SourceMap) -> (u32, CompileError) {
    let at = map.text.len() as u32;
    let added_newline = !map.text.is_empty() && !map.text.ends_with(['\n', '\r']);
    (at, map.error_pos((map.line(at) + u32::from(added_newline), 1), "SyntaxError", "invalid syntax"))
}

/// rustpython's grammar is wider than MicroPython's: what MicroPython's parser rejects but
/// rustpython's accepts (positional-only parameters, `match`, parenthesised with-items, ...) is
/// rejected by the fold stage, after parsing. So when parsing fails at `offset`, MicroPython's
/// first error may be such a construct earlier in the file: fold the statements from
/// `chunk_start` (all before it are folded already) up to the failing one, and prefer an error
/// found there.
fn earlier_fold_error(
    map: &source::SourceMap,
    folder: &mut fold::Folder,
    chunk_start: usize,
    statement_starts: &[lexer::StatementStart],
    offset: u32,
) -> Option<CompileError> {
    let before = statement_starts.iter().rev().filter(|s| s.offset < offset && s.complete_before);
    let nearest = before.clone().next();
    let top_level = before.clone().find(|s| s.top_level);
    for start in [nearest, top_level].into_iter().flatten() {
        let prefix = &map.text[..start.offset as usize];
        let Ok(rustpython_parser::ast::Mod::Module(m)) = rustpython_parser::parse_tokens(
            lexer::Lexer::starting_at(prefix, chunk_start),
            rustpython_parser::Mode::Module,
            map.name,
        ) else {
            continue;
        };
        return folder.module(&m.body).err();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_quoted_whole() {
        assert_eq!(line_excerpt("x = (1,", 4), ("x = (1,".to_string(), "    ".to_string()));
        assert_eq!(line_excerpt("\tx = )", 5), ("\tx = )".to_string(), "\t    ".to_string()));
        // a caret just past the end (an error at the end of the file)
        assert_eq!(line_excerpt("if x:", 99), ("if x:".to_string(), "     ".to_string()));
        assert_eq!(line_excerpt("", 0), (String::new(), String::new()));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("x = [{}]", "é, ".repeat(3_000_000));
        for column in [0, 5, 1000, 4_500_000, line.chars().count() - 1, line.chars().count() + 7] {
            let (text, caret) = line_excerpt(&line, column);
            assert!(text.chars().count() <= EXCERPT_CHARS + 6, "{column}: {} chars", text.chars().count());
            let at = column.min(line.chars().count());
            // the caret stands under the same character as in the whole line
            let shown: Vec<char> = text.chars().collect();
            let under = shown.get(caret.chars().count()).copied();
            assert_eq!(under, line.chars().nth(at), "{column}");
            assert_eq!(text.starts_with("..."), at > EXCERPT_CHARS * 2 / 3, "{column}");
        }
    }

    #[test]
    fn too_long_sources_are_refused() {
        let big = " ".repeat(MAX_SOURCE_BYTES + 1);
        let e = compile(&big, "big.py", &Options::default()).unwrap_err();
        assert_eq!((e.kind.as_str(), e.line), ("ValueError", 1));
        assert!(e.message.contains("MAX_SOURCE_BYTES"), "{e}");
    }
}
