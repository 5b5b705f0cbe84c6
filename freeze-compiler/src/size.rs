//! Size report of `.mpy` files: where each module's bytes go (bytecode, line tables, qstrs,
//! constants), per module and in total, the numbers `mpy-freeze size` prints and `freeze!` can
//! emit as a Rust const.
//!
//! The file is read with the disassembler's reader ([`crate::dis`]), so what it accepts and
//! rejects is the same (`.mpy` v6, bytecode and native; anything malformed is an error, never a
//! panic).
//!
//! # What is counted
//!
//! - `mpy_bytes`: the whole file.
//! - `bytecode_bytes`: the function data of every raw code: prelude (signature, sizes, simple
//!   name and argument names, line table, cell list) and instructions. This is what
//!   `mpy-tool.py`'s frozen output places in `fun_data_*` arrays and its "byte sizes" trailer
//!   counts as `bc content`. Native functions are not in it.
//! - `native_bytes`: the function data of every native raw code (native Python, viper,
//!   inline assembler): machine code, with the prelude after it for native Python. MicroPython
//!   loads it into executable memory; `mpy-tool.py`'s trailer has no line for it (its frozen
//!   output places it in `fun_data_*` arrays too, but adds nothing to `bc content`), so this
//!   category is ours.
//! - `opcode_bytes`, `line_table_bytes`: the instructions, and the encoded line-number tables
//!   (empty with `-X no-source-lines`), both part of `bytecode_bytes`.
//! - `raw_codes`: functions, classes, lambdas, comprehensions and the module itself (the
//!   trailer's `raw code content: N * 4`).
//! - `qstrs`, `qstr_bytes`, `static_qstrs`: entries of the module's qstr table, the bytes the
//!   table takes in the file, and how many entries are references to the interpreter's static
//!   qstrs (a var-int each; the others are new strings, interned in RAM at import unless frozen).
//! - `constants`, `constant_bytes`: entries of the constant table (the trailer's `const table
//!   ptr content: N entries`) and the bytes they take in the file.
//!
//! What is left (`other_bytes`) is the 4-byte header (and the architecture flags), the table
//! counts and the raw codes' own headers and child counts, and what native records hold after
//! their function data (prelude offset, scope flags, a viper function's rodata and
//! relocations).
//!
//! [`SizeTotals::unique_qstrs`] is the number of distinct new strings over all modules (qstr
//! table entries and str constants of fewer than 25 characters, which MicroPython interns, less
//! the static qstrs): the trailer's `qstr content: N unique` when freezing without a firmware
//! qstr header.

use std::collections::BTreeSet;
use std::fmt;

/// Where one module's `.mpy` bytes go. Plain numbers, so that it can be a Rust `const`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ModuleSize {
    /// Length of the `.mpy` file.
    pub mpy_bytes: usize,
    /// Function data of all raw codes (preludes, line tables and instructions).
    pub bytecode_bytes: usize,
    /// Instructions alone (part of `bytecode_bytes`).
    pub opcode_bytes: usize,
    /// Encoded line-number tables (part of `bytecode_bytes`).
    pub line_table_bytes: usize,
    /// Function data of native raw codes (machine code and native preludes).
    pub native_bytes: usize,
    /// Number of raw codes (the module, functions, classes, lambdas, comprehensions).
    pub raw_codes: usize,
    /// Entries of the qstr table.
    pub qstrs: usize,
    /// Of those, references to the interpreter's static qstrs.
    pub static_qstrs: usize,
    /// Bytes the qstr table takes in the file.
    pub qstr_bytes: usize,
    /// Entries of the constant table.
    pub constants: usize,
    /// Bytes the constant table takes in the file.
    pub constant_bytes: usize,
}

impl ModuleSize {
    /// All zero.
    pub const ZERO: ModuleSize = ModuleSize {
        mpy_bytes: 0,
        bytecode_bytes: 0,
        opcode_bytes: 0,
        line_table_bytes: 0,
        native_bytes: 0,
        raw_codes: 0,
        qstrs: 0,
        static_qstrs: 0,
        qstr_bytes: 0,
        constants: 0,
        constant_bytes: 0,
    };

    /// Measures one `.mpy` file.
    pub fn of(mpy: &[u8]) -> Result<ModuleSize, SizeError> {
        measure(mpy).map(|(size, _)| size)
    }

    /// Field-wise sum (saturating).
    pub const fn plus(self, o: ModuleSize) -> ModuleSize {
        ModuleSize {
            mpy_bytes: self.mpy_bytes.saturating_add(o.mpy_bytes),
            bytecode_bytes: self.bytecode_bytes.saturating_add(o.bytecode_bytes),
            opcode_bytes: self.opcode_bytes.saturating_add(o.opcode_bytes),
            line_table_bytes: self.line_table_bytes.saturating_add(o.line_table_bytes),
            native_bytes: self.native_bytes.saturating_add(o.native_bytes),
            raw_codes: self.raw_codes.saturating_add(o.raw_codes),
            qstrs: self.qstrs.saturating_add(o.qstrs),
            static_qstrs: self.static_qstrs.saturating_add(o.static_qstrs),
            qstr_bytes: self.qstr_bytes.saturating_add(o.qstr_bytes),
            constants: self.constants.saturating_add(o.constants),
            constant_bytes: self.constant_bytes.saturating_add(o.constant_bytes),
        }
    }

    /// Prelude bytes: signature, sizes, names and cell list, without the line table.
    pub const fn prelude_bytes(&self) -> usize {
        self.bytecode_bytes.saturating_sub(self.opcode_bytes).saturating_sub(self.line_table_bytes)
    }

    /// New strings of the qstr table (those not static).
    pub const fn new_qstrs(&self) -> usize {
        self.qstrs.saturating_sub(self.static_qstrs)
    }

    /// Header, table counts, raw-code headers and child counts, native record fields.
    pub const fn other_bytes(&self) -> usize {
        self.mpy_bytes
            .saturating_sub(self.bytecode_bytes)
            .saturating_sub(self.native_bytes)
            .saturating_sub(self.qstr_bytes)
            .saturating_sub(self.constant_bytes)
    }
}

impl std::ops::Add for ModuleSize {
    type Output = ModuleSize;
    fn add(self, o: ModuleSize) -> ModuleSize {
        self.plus(o)
    }
}

impl std::ops::AddAssign for ModuleSize {
    fn add_assign(&mut self, o: ModuleSize) {
        *self = self.plus(o);
    }
}

/// Sums over a set of modules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SizeTotals {
    /// Number of modules.
    pub modules: usize,
    /// Field-wise sums of the modules' sizes.
    pub sum: ModuleSize,
    /// Distinct new strings over all modules: qstr table entries and str constants shorter
    /// than 25 characters, less the static qstrs (`mpy-tool.py`'s "N unique").
    pub unique_qstrs: usize,
}

/// A `.mpy` that could not be measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SizeError {
    /// The module's name as given to [`report`] (empty from [`ModuleSize::of`]).
    pub module: String,
    /// What is wrong, with the byte offset.
    pub message: String,
}

impl fmt::Display for SizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.module.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.module, self.message)
        }
    }
}

impl std::error::Error for SizeError {}

/// Per-module sizes and their totals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SizeReport {
    /// (name, size) in the order given.
    pub modules: Vec<(String, ModuleSize)>,
    pub totals: SizeTotals,
}

/// MicroPython interns str constants shorter than this (in characters) when loading a `.mpy`
/// (`PERSISTENT_STR_INTERN_THRESHOLD` in mpy-tool.py, `MP_PERSISTENT_STR_INTERN_THRESHOLD`).
const STR_INTERN_THRESHOLD: usize = 25;

/// Measures one file, and collects its new strings (qstrs and short str constants not static).
fn measure(mpy: &[u8]) -> Result<(ModuleSize, Vec<&[u8]>), SizeError> {
    let m = crate::dis::parse(mpy).map_err(|message| SizeError { module: String::new(), message })?;
    let mut s = ModuleSize { mpy_bytes: mpy.len(), qstrs: m.qstrs.len(), constants: m.consts.len(), ..ModuleSize::ZERO };
    let mut strings: Vec<&[u8]> = Vec::new();
    for q in &m.qstrs {
        s.qstr_bytes += q.raw.len();
        if q.static_index.is_some() {
            s.static_qstrs += 1;
        } else {
            // var-int, text, NUL: the text is what lies between the var-int and the NUL
            let entry = &mpy[q.raw.clone()];
            let varint = entry.iter().position(|b| b & 0x80 == 0).map_or(entry.len(), |i| i + 1);
            strings.push(&entry[varint.min(entry.len().saturating_sub(1))..entry.len().saturating_sub(1)]);
        }
    }
    for c in &m.consts {
        s.constant_bytes += c.raw.len();
        for r in &c.strs {
            let text = &mpy[r.clone()];
            if String::from_utf8_lossy(text).chars().count() < STR_INTERN_THRESHOLD && !is_static(text) {
                strings.push(text);
            }
        }
    }
    for rc in &m.codes {
        s.raw_codes += 1;
        match (&rc.native, &rc.prelude) {
            // The whole function data of a native function (its prelude included) is loaded
            // into executable memory as one block.
            (Some(_), _) => s.native_bytes += rc.fun_data.len(),
            (None, Some(p)) => {
                s.bytecode_bytes += rc.fun_data.len();
                s.opcode_bytes += p.code.len();
                s.line_table_bytes += p.line_info.len();
            }
            (None, None) => {}
        }
    }
    Ok((s, strings))
}

fn is_static(text: &[u8]) -> bool {
    std::str::from_utf8(text).is_ok_and(|t| crate::qstr::static_index(t).is_some())
}

/// Measures a set of modules, given as (name, `.mpy` bytes); an error names the module.
pub fn report<'a, N: AsRef<str> + 'a>(modules: impl IntoIterator<Item = (N, &'a [u8])>) -> Result<SizeReport, SizeError> {
    let mut out = SizeReport::default();
    let mut unique: BTreeSet<&[u8]> = BTreeSet::new();
    for (name, mpy) in modules {
        let name = name.as_ref();
        let (size, strings) = measure(mpy).map_err(|e| SizeError { module: name.to_string(), message: e.message })?;
        unique.extend(strings);
        out.totals.modules += 1;
        out.totals.sum += size;
        out.modules.push((name.to_string(), size));
    }
    out.totals.unique_qstrs = unique.len();
    Ok(out)
}

impl SizeReport {
    /// A table, one module a row, then the totals (what `mpy-freeze size` prints).
    pub fn table(&self) -> String {
        use fmt::Write as _;
        const HEAD: [&str; 10] =
            ["mpy", "bytecode", "opcodes", "lines", "native", "qstrs", "qstr B", "consts", "const B", "codes"];
        let row = |s: &ModuleSize| -> [String; 10] {
            [
                s.mpy_bytes.to_string(),
                s.bytecode_bytes.to_string(),
                s.opcode_bytes.to_string(),
                s.line_table_bytes.to_string(),
                s.native_bytes.to_string(),
                format!("{}/{}", s.new_qstrs(), s.qstrs),
                s.qstr_bytes.to_string(),
                s.constants.to_string(),
                s.constant_bytes.to_string(),
                s.raw_codes.to_string(),
            ]
        };
        let total_name = format!("total ({} modules)", self.totals.modules);
        let mut rows: Vec<(&str, [String; 10])> = self.modules.iter().map(|(n, s)| (n.as_str(), row(s))).collect();
        rows.push((&total_name, row(&self.totals.sum)));
        let name_w = rows.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0).max("module".len());
        let mut widths = HEAD.map(str::len);
        for (_, r) in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.len());
            }
        }
        let mut out = String::new();
        let _ = write!(out, "{:<name_w$}", "module");
        for (h, w) in HEAD.iter().zip(widths) {
            let _ = write!(out, "  {:>w$}", h);
        }
        out.push('\n');
        let n = rows.len();
        for (i, (name, r)) in rows.iter().enumerate() {
            if i + 1 == n {
                let line_len = name_w + widths.iter().map(|w| w + 2).sum::<usize>();
                out.push_str(&"-".repeat(line_len));
                out.push('\n');
            }
            let pad = name_w.saturating_sub(name.chars().count());
            let _ = write!(out, "{}{}", name, " ".repeat(pad));
            for (c, w) in r.iter().zip(widths) {
                let _ = write!(out, "  {:>w$}", c);
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "qstrs: new/all entries; {} distinct new strings over all modules (short str constants included)",
            self.totals.unique_qstrs
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    fn mpy(src: &str, name: &str) -> Vec<u8> {
        compile(src, name, &Options::default()).unwrap()
    }

    #[test]
    fn parts_add_up() {
        let b = mpy("import os\ndef f(a, b=2):\n    return [x * a for x in b]\nclass C:\n    y = 'a string constant longer than 25 chars'\n    z = (1, 'tu', 2.5)\n", "m.py");
        let s = ModuleSize::of(&b).unwrap();
        assert_eq!(s.mpy_bytes, b.len());
        // module, f, <listcomp>, C
        assert_eq!(s.raw_codes, 4);
        assert!(s.opcode_bytes + s.line_table_bytes <= s.bytecode_bytes);
        assert!(s.prelude_bytes() > 0 && s.other_bytes() >= 4 + 2 + 4);
        assert_eq!(s.other_bytes() + s.bytecode_bytes + s.qstr_bytes + s.constant_bytes, s.mpy_bytes);
        // 'a string ...' and the tuple (2.5 is inside the tuple)
        assert_eq!(s.constants, 2);
        assert!(s.static_qstrs > 0 && s.new_qstrs() > 0);
        // without line tables, the same minus the tables
        let nl = compile(
            "import os\ndef f(a, b=2):\n    return [x * a for x in b]\n",
            "m.py",
            &Options { source_lines: false, ..Options::default() },
        )
        .unwrap();
        assert_eq!(ModuleSize::of(&nl).unwrap().line_table_bytes, 0);
    }

    #[test]
    fn totals_and_unique_strings() {
        let a = mpy("x = 'shared'\nyy = 1\n", "a.py");
        let b = mpy("x = 'shared'\nzz = 'print'\n", "b.py");
        let r = report([("a", &a[..]), ("b", &b[..])]).unwrap();
        assert_eq!(r.totals.modules, 2);
        assert_eq!(r.totals.sum, ModuleSize::of(&a).unwrap() + ModuleSize::of(&b).unwrap());
        // a.py, b.py, x, yy, zz, 'shared' ('print' is static; 'shared' is a qstr in both)
        assert_eq!(r.totals.unique_qstrs, 6, "{:?}", r);
        let t = r.table();
        assert!(t.contains("total (2 modules)"), "{t}");
    }

    #[test]
    fn garbage_is_an_error() {
        let good = mpy("def f():\n    return 'x' * 3\n", "g.py");
        assert!(ModuleSize::of(b"").is_err());
        assert!(ModuleSize::of(b"M\x06\x00\x1f").is_err());
        for cut in 0..good.len() {
            assert!(ModuleSize::of(&good[..cut]).is_err(), "{cut}");
            for bit in 0..8 {
                let mut bad = good.clone();
                bad[cut] ^= 1 << bit;
                let _ = ModuleSize::of(&bad);
            }
        }
        let e = report([("bad", &b"xyz"[..])]).unwrap_err();
        assert_eq!(e.module, "bad");
    }
}
