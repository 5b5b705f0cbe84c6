//! Python source to MicroPython `.mpy` v6 bytecode, byte-identical to `mpy-cross` 1.29.
//!
//! Pipeline (one module per stage): `parse` (rustpython-parser) -> `fold` (MicroPython's
//! parse-time rewrites) -> `scope` (name kinds) -> `codegen` driving an `Emitter` -> `mpy` writer.

pub mod romfs;

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

/// Compiles one module's source text to the bytes of a `.mpy` file.
pub fn compile(source: &str, source_name: &str, options: &Options) -> Result<Vec<u8>, CompileError> {
    let _ = (source, source_name, options);
    unimplemented!("compiler pipeline in progress")
}
