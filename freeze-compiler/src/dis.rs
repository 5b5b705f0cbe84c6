//! Reads `.mpy` v6 files back for humans: [`disassemble`] prints the header, the qstr and
//! constant tables and every raw code (prelude, line table, instructions; for native code the
//! machine code in hex, the prelude of a native Python function, a viper function's data
//! sizes and relocations, an inline-assembler function's signature); [`first_difference`]
//! names the first place where two files differ.
//!
//! The text is deterministic, one fact per line, so that `diff` of two disassemblies reads well.
//! Instruction offsets count from the start of each raw code's bytecode (after the prelude),
//! as MicroPython's own `showbc.c` counts them; jump targets are shown as such offsets.
//!
//! Malformed input (truncated, unknown opcode, overlong var-int, prelude larger than its
//! function data, ...) is an `Err` naming the byte offset in the file; nothing here panics.
//! References that are well-formed but point nowhere (a qstr or constant index past the end of
//! its table, a jump outside the bytecode) are shown with a `<bad ...>` marker instead, so a
//! broken writer can still be debugged from the listing.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

use crate::opcode::{self, Format};

type Res<T> = Result<T, String>;

/// Deepest nesting of tuple constants accepted (read recursively).
const MAX_DEPTH: usize = 2000;

/// Deepest raw-code nesting accepted (read with a stack of its own): what the compiler makes,
/// nesting bounded by `fold::MAX_DEPTH`.
const MAX_RAW_CODE_DEPTH: usize = 2 * crate::fold::MAX_DEPTH;

/// A raw code's path (`f.g.<lambda>`) keeps at most this many bytes of its parent's, so that
/// deep nesting costs linear memory.
const MAX_PATH_PREFIX: usize = 200;

/// Longest constant repr shown inside an instruction line (the constant table shows all).
const INLINE_REPR_MAX: usize = 60;

// ---------------------------------------------------------------------------------------------
// Static qstrs: index -> text.

fn static_qstrs() -> &'static [String] {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/static_qstrs.txt")
            .lines()
            .filter(|l| !l.starts_with("# "))
            .map(unescape)
            .collect()
    })
}

/// The text of static qstr `index` (1-based; 0 is the null qstr).
fn static_qstr(index: usize) -> Option<&'static str> {
    index.checked_sub(1).and_then(|i| static_qstrs().get(i)).map(|s| s.as_str())
}

fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                match u8::from_str_radix(&hex, 16) {
                    Ok(b) => out.push(char::from(b)),
                    Err(_) => {
                        out.push_str("\\x");
                        out.push_str(&hex);
                    }
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Byte reader with absolute offsets.

struct Reader<'a> {
    /// The file, cut at the end of the region being read.
    data: &'a [u8],
    pos: usize,
}

fn err_at<T>(at: usize, msg: impl AsRef<str>) -> Res<T> {
    Err(format!("byte offset {}: {}", at, msg.as_ref()))
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8], range: Range<usize>) -> Self {
        Reader { data: &data[..range.end.min(data.len())], pos: range.start }
    }

    fn left(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn byte(&mut self, what: &str) -> Res<u8> {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => err_at(self.pos, format!("truncated: {} missing", what)),
        }
    }

    fn bytes(&mut self, n: usize, what: &str) -> Res<&'a [u8]> {
        if n > self.left() {
            return err_at(self.pos, format!("truncated: {} needs {} bytes, {} left", what, n, self.left()));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// MicroPython's unsigned var-int: 7 bits a byte, most significant group first.
    fn vuint(&mut self, what: &str) -> Res<u64> {
        let start = self.pos;
        let mut v: u64 = 0;
        loop {
            let b = self.byte(what)?;
            if v > (u64::MAX >> 7) {
                return err_at(start, format!("{}: var-int too large", what));
            }
            v = (v << 7) | u64::from(b & 0x7f);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
    }

    fn vusize(&mut self, what: &str) -> Res<usize> {
        let start = self.pos;
        let v = self.vuint(what)?;
        usize::try_from(v).or_else(|_| err_at(start, format!("{}: {} is too large", what, v)))
    }

    /// Signed var-int (LOAD_CONST_SMALL_INT): bit 6 of the first byte is the sign.
    fn vsint(&mut self, what: &str) -> Res<i64> {
        let start = self.pos;
        let first = *self.data.get(self.pos).ok_or_else(|| format!("byte offset {}: truncated: {} missing", start, what))?;
        let mut v: i64 = if first & 0x40 != 0 { -1 } else { 0 };
        let mut n = 0;
        loop {
            let b = self.byte(what)?;
            n += 1;
            if n > 9 {
                return err_at(start, format!("{}: var-int too large", what));
            }
            v = v.wrapping_shl(7) | i64::from(b & 0x7f);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The parsed file.

// (the parsed file is shared with `size`, which measures what this reads)

pub(crate) struct Qstr {
    pub(crate) text: String,
    pub(crate) static_index: Option<usize>,
    /// The whole table entry (var-int, and text with its NUL for an inline qstr).
    pub(crate) raw: Range<usize>,
}

pub(crate) struct Constant {
    repr: String,
    /// The whole table entry.
    pub(crate) raw: Range<usize>,
    /// The text of every str object in it (tuples included), without the NUL.
    pub(crate) strs: Vec<Range<usize>>,
}

pub(crate) struct Prelude {
    n_state: u64,
    n_exc_stack: u64,
    scope_flags: u64,
    n_pos_args: u64,
    n_kwonly_args: u64,
    n_def_pos_args: u64,
    n_info: usize,
    n_cell: usize,
    /// Bytes of the signature and size fields.
    header: Range<usize>,
    simple_name: usize,
    arg_names: Vec<usize>,
    /// The encoded line-number table.
    pub(crate) line_info: Range<usize>,
    /// (bytecode offset, source line) after each line-table entry.
    lines: Vec<(u64, u64)>,
    cells: Vec<u8>,
    /// Absolute start of the bytecode proper.
    pub(crate) code: Range<usize>,
}

pub(crate) struct RawCode {
    path: String,
    kind: u64,
    pub(crate) fun_data: Range<usize>,
    children: Vec<usize>,
    /// The bytecode prelude: at the start of a bytecode function's data, after the machine code
    /// of a native Python function; viper and assembler functions have none.
    pub(crate) prelude: Option<Prelude>,
    /// What a native record holds besides its function data.
    pub(crate) native: Option<Native>,
}

/// Raw-code kinds as the record header stores them (`MP_CODE_*` less `MP_CODE_BYTECODE`).
const KIND_BYTECODE: u64 = 0;
const KIND_NATIVE_PY: u64 = 1;
const KIND_NATIVE_VIPER: u64 = 2;
const KIND_NATIVE_ASM: u64 = 3;

fn kind_name(kind: u64) -> &'static str {
    match kind {
        KIND_BYTECODE => "bytecode",
        KIND_NATIVE_PY => "native Python",
        KIND_NATIVE_VIPER => "native viper",
        _ => "inline assembler",
    }
}

/// Scope flags that only a viper record in a `.mpy` carries (natmods linked by `mpy_ld`): the
/// loader must patch the code, and allocate read-only data and zeroed data for it.
const SCOPE_VIPERRELOC: u64 = 0x10;
const SCOPE_VIPERRODATA: u64 = 0x20;
const SCOPE_VIPERBSS: u64 = 0x40;

/// A native raw code's fields beyond the function data.
pub(crate) struct Native {
    /// The machine code: the function data before the prelude (native Python), or all of it.
    pub(crate) machine_code: Range<usize>,
    /// Where the prelude starts within the function data (native Python only).
    prelude_offset: Option<usize>,
    /// Viper and assembler records store their scope flags; a native Python function's are in
    /// its prelude.
    stored_scope_flags: Option<u64>,
    /// Assembler functions: argument count and type signature.
    asm_signature: Option<(u64, u64)>,
    /// Viper: read-only data loaded beside the code.
    rodata: Option<Range<usize>>,
    /// Viper: size of the zeroed data allocated for the code.
    bss_size: Option<u64>,
    /// Patches the loader applies to the code (only with `SCOPE_VIPERRELOC`).
    relocations: Vec<Relocation>,
    /// Bytes of the record after the function data (prelude offset, flags, sizes, rodata,
    /// relocations; the child count excluded).
    pub(crate) record_bytes: usize,
}

/// Where a relocation adds its value: a word of the machine code or of the rodata.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RelocRegion {
    Text,
    Rodata,
}

/// What a relocation adds to the words it patches.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RelocTarget {
    Text,
    Rodata,
    Bss,
    QstrTable,
    ConstTable,
    FunTable,
    /// An entry of the native function table (`mp_fun_table`), by index.
    FunTableEntry(u8),
}

#[derive(Clone, PartialEq, Eq, Debug)]
struct Relocation {
    /// The entry's bytes in the file.
    raw: Range<usize>,
    /// The first word patched; `None` when no entry before set a location (the loader would
    /// write through a null pointer).
    location: Option<(RelocRegion, u64)>,
    target: RelocTarget,
    /// Number of consecutive words patched.
    count: u64,
}

struct Insn {
    /// Offset from the start of the bytecode.
    offset: usize,
    /// Absolute byte range in the file.
    raw: Range<usize>,
    /// Text for the listing (with table indexes).
    text: String,
    /// Text that does not depend on table order (indexes resolved to values).
    meaning: String,
    /// `meaning` without jump targets, which move whenever code after them changes size.
    shape: String,
}

pub(crate) struct Mpy<'a> {
    pub(crate) bytes: &'a [u8],
    version: u8,
    flags: u8,
    /// `MP_NATIVE_ARCH_*` from the flags byte (0: bytecode only).
    arch: u8,
    /// The var-int after the header when flag 0x40 is set (rv32 extensions).
    arch_flags: Option<u64>,
    small_int_bits: u8,
    pub(crate) qstrs: Vec<Qstr>,
    pub(crate) consts: Vec<Constant>,
    /// Raw codes in file order (pre-order); index 0 is the module.
    pub(crate) codes: Vec<RawCode>,
}

/// Reads a whole `.mpy` file (header, tables, every raw code and its prelude; instructions are
/// decoded later, by [`disassemble`] and [`first_difference`]).
pub(crate) fn parse(bytes: &[u8]) -> Res<Mpy<'_>> {
    let mut r = Reader::new(bytes, 0..bytes.len());
    let magic = r.byte("header byte 'M'")?;
    if magic != b'M' {
        return err_at(0, format!("not an .mpy file: first byte is 0x{:02x}, expected 'M'", magic));
    }
    let version = r.byte("header version")?;
    if version != 6 {
        return err_at(1, format!("unsupported .mpy version {} (this reads version 6)", version));
    }
    let flags = r.byte("header flags")?;
    // Bits 2..7 less bit 6, which says an architecture-flags var-int follows the header.
    let arch = (flags >> 2) & 0x2f;
    let small_int_bits = r.byte("header small-int bits")?;
    let arch_flags = if flags & 0x40 != 0 { Some(r.vuint("architecture flags")?) } else { None };

    let n_qstr = r.vusize("qstr count")?;
    let n_obj = r.vusize("constant count")?;
    let mut qstrs = Vec::new();
    for i in 0..n_qstr {
        let start = r.pos;
        let what = format!("qstr table entry {}", i);
        let v = r.vusize(&what)?;
        if v & 1 == 1 {
            let index = v >> 1;
            match static_qstr(index) {
                Some(text) => qstrs.push(Qstr { text: text.to_string(), static_index: Some(index), raw: start..r.pos }),
                None => return err_at(start, format!("{}: no static qstr {}", what, index)),
            }
        } else {
            let len = v >> 1;
            let text = r.bytes(len, &what)?;
            let nul_at = r.pos;
            if r.byte(&format!("{} NUL terminator", what))? != 0 {
                return err_at(nul_at, format!("{}: missing NUL terminator", what));
            }
            qstrs.push(Qstr { text: decode_text(text), static_index: None, raw: start..r.pos });
        }
    }
    let mut consts = Vec::new();
    for i in 0..n_obj {
        let start = r.pos;
        let mut strs = Vec::new();
        let repr = parse_obj(&mut r, &format!("constant {}", i), 0, &mut strs)?;
        consts.push(Constant { repr, raw: start..r.pos, strs });
    }

    let mut m = Mpy { bytes, version, flags, arch, arch_flags, small_int_bits, qstrs, consts, codes: Vec::new() };
    parse_raw_codes(&mut m, &mut r)?;
    if !r.at_end() {
        return err_at(r.pos, format!("{} trailing bytes after the module's raw code", r.left()));
    }
    Ok(m)
}

/// Decodes bytes as UTF-8, showing invalid bytes as `\xNN`.
fn decode_text(b: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = b;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                let bad = e.error_len().unwrap_or(rest.len() - good).max(1);
                for byte in &rest[good..good + bad] {
                    let _ = write!(out, "\\x{:02x}", byte);
                }
                rest = &rest[good + bad..];
            }
        }
    }
}

use crate::mpy::{
    OBJ_BYTES, OBJ_COMPLEX, OBJ_ELLIPSIS, OBJ_FALSE, OBJ_FLOAT, OBJ_FUN_TABLE, OBJ_INT, OBJ_NONE, OBJ_STR, OBJ_TRUE,
    OBJ_TUPLE,
};

fn parse_obj(r: &mut Reader, what: &str, depth: usize, strs: &mut Vec<Range<usize>>) -> Res<String> {
    let start = r.pos;
    if depth > MAX_DEPTH {
        return err_at(start, format!("{}: tuples nested too deeply", what));
    }
    let ty = r.byte(what)?;
    match ty {
        // The loader puts the address of its native function table here: native code reaches
        // the runtime through it.
        OBJ_FUN_TABLE => Ok("mp_fun_table".to_string()),
        OBJ_NONE => Ok("None".to_string()),
        OBJ_FALSE => Ok("False".to_string()),
        OBJ_TRUE => Ok("True".to_string()),
        OBJ_ELLIPSIS => Ok("Ellipsis".to_string()),
        OBJ_STR | OBJ_BYTES => {
            let len = r.vusize(what)?;
            let data = r.bytes(len, what)?;
            let nul_at = r.pos;
            if r.byte(&format!("{} NUL terminator", what))? != 0 {
                return err_at(nul_at, format!("{}: missing NUL terminator", what));
            }
            if ty == OBJ_STR {
                strs.push(nul_at - len..nul_at);
            }
            Ok(if ty == OBJ_STR { str_repr(&decode_text(data)) } else { bytes_repr(data) })
        }
        OBJ_INT | OBJ_FLOAT | OBJ_COMPLEX => {
            let len = r.vusize(what)?;
            let text_at = r.pos;
            let data = r.bytes(len, what)?;
            let ok = match ty {
                OBJ_INT => is_int_text(data),
                _ => !data.is_empty() && data.iter().all(|b| b.is_ascii_graphic()),
            };
            if !ok {
                return err_at(text_at, format!("{}: malformed number text {}", what, bytes_repr(data)));
            }
            let text = String::from_utf8_lossy(data).into_owned();
            Ok(match ty {
                OBJ_INT => text,
                OBJ_FLOAT => format!("float {}", text),
                _ => format!("complex {}", text),
            })
        }
        OBJ_TUPLE => {
            let n = r.vusize(what)?;
            let mut items = Vec::new();
            for i in 0..n {
                items.push(parse_obj(r, &format!("{} item {}", what, i), depth + 1, strs)?);
            }
            Ok(match items.len() {
                1 => format!("({},)", items[0]),
                _ => format!("({})", items.join(", ")),
            })
        }
        other => err_at(start, format!("{}: unknown object type {}", what, other)),
    }
}

fn is_int_text(t: &[u8]) -> bool {
    let digits = t.strip_prefix(b"-").unwrap_or(t);
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// Python-style repr of a str.
fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python-style repr of bytes.
fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{:02x}", c);
            }
        }
    }
    out.push(quote as char);
    out
}

/// Reads the raw-code tree in file order without recursion.
fn parse_raw_codes(m: &mut Mpy, r: &mut Reader) -> Res<()> {
    // Stack of (raw code index, children still to read).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut parent: Option<usize> = None;
    let mut siblings_named: crate::fx_hash::FxHashMap<(usize, String), usize> = Default::default();
    loop {
        let offset = r.pos;
        let kind_len = r.vuint("raw code header")?;
        let kind = kind_len & 3;
        let has_children = kind_len & 4 != 0;
        let len = usize::try_from(kind_len >> 3).unwrap_or(usize::MAX);
        if kind != KIND_BYTECODE && m.arch == 0 {
            return err_at(
                offset,
                format!("raw code of kind {} ({}) in a module whose header names no architecture", kind, kind_name(kind)),
            );
        }
        let data_start = r.pos;
        r.bytes(len, "raw code function data")?;
        let fun_data = data_start..r.pos;
        let (prelude, native) = match kind {
            KIND_BYTECODE => (Some(parse_prelude(m, fun_data.clone())?), None),
            _ => parse_native_record(m, r, kind, fun_data.clone())?,
        };
        // Viper and assembler functions do not store their name.
        let name = match (&prelude, kind) {
            (Some(p), _) => m.qstr_text(p.simple_name),
            (None, KIND_NATIVE_VIPER) => "<viper>".to_string(),
            (None, _) => "<asm>".to_string(),
        };
        let path = match parent {
            None => name,
            Some(p) => {
                let parent_path = &m.codes[p].path;
                let base = if parent_path.len() <= MAX_PATH_PREFIX {
                    format!("{}.{}", parent_path, name)
                } else {
                    let mut cut = parent_path.len() - MAX_PATH_PREFIX;
                    while !parent_path.is_char_boundary(cut) {
                        cut += 1;
                    }
                    format!("...{}.{}", &parent_path[cut..], name)
                };
                // Siblings of the same name (two lambdas, a redefined function) get #2, #3, ...
                // (counted by name, not by walking the siblings: a module may have 100,000)
                let same = siblings_named.entry((p, name.clone())).or_insert(0);
                *same += 1;
                let same = *same - 1;
                if same == 0 {
                    base
                } else {
                    format!("{}#{}", base, same + 1)
                }
            }
        };
        let index = m.codes.len();
        m.codes.push(RawCode { path, kind, fun_data, children: Vec::new(), prelude, native });
        if let Some(p) = parent {
            m.codes[p].children.push(index);
        }
        if has_children {
            let n = r.vusize("raw code child count")?;
            if n > 0 {
                if stack.len() >= MAX_RAW_CODE_DEPTH {
                    return err_at(offset, "raw codes nested too deeply");
                }
                stack.push((index, n));
                parent = Some(index);
                continue;
            }
        }
        finish_raw_code(m, r, index)?;
        // This raw code is complete: find the next one to read, if any.
        loop {
            match stack.last_mut() {
                None => return Ok(()),
                Some((idx, left)) => {
                    if m.codes[*idx].children.len() < *left {
                        parent = Some(*idx);
                        break;
                    }
                    let done = *idx;
                    stack.pop();
                    finish_raw_code(m, r, done)?;
                }
            }
        }
    }
}

/// Reads what follows a native record's function data, up to its children: the prelude
/// offset (native Python), or the scope flags, then the signature (assembler) or the data
/// sizes and read-only data (viper).
fn parse_native_record(m: &Mpy, r: &mut Reader, kind: u64, fun_data: Range<usize>) -> Res<(Option<Prelude>, Option<Native>)> {
    let record_start = r.pos;
    let mut native = Native {
        machine_code: fun_data.clone(),
        prelude_offset: None,
        stored_scope_flags: None,
        asm_signature: None,
        rodata: None,
        bss_size: None,
        relocations: Vec::new(),
        record_bytes: 0,
    };
    let mut prelude = None;
    if kind == KIND_NATIVE_PY {
        let at = r.pos;
        let offset = r.vusize("native prelude offset")?;
        if offset > fun_data.len() {
            return err_at(at, format!("native prelude offset {} is past the {}-byte function data", offset, fun_data.len()));
        }
        let split = fun_data.start + offset;
        native.machine_code = fun_data.start..split;
        native.prelude_offset = Some(offset);
        prelude = Some(parse_prelude(m, split..fun_data.end)?);
    } else {
        let flags = r.vuint("native scope flags")?;
        native.stored_scope_flags = Some(flags);
        if kind == KIND_NATIVE_ASM {
            let n_pos_args = r.vuint("assembler argument count")?;
            let type_sig = r.vuint("assembler type signature")?;
            native.asm_signature = Some((n_pos_args, type_sig));
        } else {
            let rodata_size = if flags & SCOPE_VIPERRODATA != 0 { Some(r.vusize("viper rodata size")?) } else { None };
            if flags & SCOPE_VIPERBSS != 0 {
                native.bss_size = Some(r.vuint("viper bss size")?);
            }
            if let Some(n) = rodata_size {
                let start = r.pos;
                r.bytes(n, "viper rodata")?;
                native.rodata = Some(start..r.pos);
            }
        }
    }
    native.record_bytes = r.pos - record_start;
    Ok((prelude, Some(native)))
}

/// Called once a raw code and all its children are read: the loader reads a native function's
/// relocations then (after the children; mpy-tool reads them before, which is the same for
/// what mpy_ld writes: viper functions without children).
fn finish_raw_code(m: &mut Mpy, r: &mut Reader, index: usize) -> Res<()> {
    let rc = &m.codes[index];
    let Some(native) = &rc.native else { return Ok(()) };
    let flags = native.stored_scope_flags.unwrap_or(0);
    if flags & SCOPE_VIPERRELOC == 0 {
        return Ok(());
    }
    let start = r.pos;
    let relocations = parse_relocations(r)?;
    if let Some(native) = &mut m.codes[index].native {
        native.relocations = relocations;
        native.record_bytes += r.pos - start;
    }
    Ok(())
}

/// Reads relocation entries up to the 0xff that ends them. An entry's opcode: bit 0 says a
/// var-int location follows (word index times two, plus one for rodata), the rest names what is
/// added: 0..5 text/rodata/bss base (odd: a var-int count of words follows), 6 the qstr table,
/// 7 the constant table, 8 the function table, 9 and up an entry of the function table.
fn parse_relocations(r: &mut Reader) -> Res<Vec<Relocation>> {
    let mut out = Vec::new();
    let mut location: Option<(RelocRegion, u64)> = None;
    loop {
        let at = r.pos;
        let op = r.byte("relocation opcode (the list ends with 0xff)")?;
        if op == 0xff {
            return Ok(out);
        }
        if op & 1 != 0 {
            let addr = r.vuint("relocation location")?;
            let region = if addr & 1 == 0 { RelocRegion::Text } else { RelocRegion::Rodata };
            location = Some((region, addr >> 1));
        }
        let what = op >> 1;
        let (target, count) = if what <= 5 {
            let count = if what & 1 != 0 { r.vuint("relocation word count")? } else { 1 };
            let target = match what >> 1 {
                0 => RelocTarget::Text,
                1 => RelocTarget::Rodata,
                _ => RelocTarget::Bss,
            };
            (target, count)
        } else {
            let target = match what {
                6 => RelocTarget::QstrTable,
                7 => RelocTarget::ConstTable,
                8 => RelocTarget::FunTable,
                n => RelocTarget::FunTableEntry(n - 9),
            };
            (target, 1)
        };
        out.push(Relocation { raw: at..r.pos, location, target, count });
        // The loader moves on past the words it patched.
        location = location.map(|(region, word)| (region, word.saturating_add(count)));
    }
}

impl Mpy<'_> {
    fn qstr_text(&self, index: usize) -> String {
        match self.qstrs.get(index) {
            Some(q) => q.text.clone(),
            None => format!("<bad qstr index {}>", index),
        }
    }

    /// A qstr as an identifier when it looks like one, else as a quoted string.
    fn qstr_name(&self, index: usize) -> String {
        match self.qstrs.get(index) {
            Some(q) if is_plain_name(&q.text) => q.text.clone(),
            Some(q) => str_repr(&q.text),
            None => format!("<bad qstr index {}>", index),
        }
    }

    fn const_repr(&self, index: usize) -> String {
        match self.consts.get(index) {
            Some(c) => c.repr.clone(),
            None => format!("<bad constant index {}>", index),
        }
    }
}

fn is_plain_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '<' || c == '>' || c == '.')
}

fn parse_prelude(m: &Mpy, fun_data: Range<usize>) -> Res<Prelude> {
    let mut r = Reader::new(m.bytes, fun_data.clone());
    let start = r.pos;
    // Signature: xSSSSEAA, then xFSSKAED while the top bit is set.
    let mut z = r.byte("prelude signature")?;
    let mut s = u64::from((z >> 3) & 0xf);
    let mut e = u64::from((z >> 2) & 1);
    let mut a = u64::from(z & 3);
    let (mut f, mut k, mut d) = (0u64, 0u64, 0u64);
    let mut n = 0u32;
    while z & 0x80 != 0 {
        if n >= 24 {
            return err_at(r.pos, "prelude signature too long");
        }
        z = r.byte("prelude signature")?;
        s |= u64::from((z >> 4) & 3) << (4 + 2 * n);
        e |= u64::from((z >> 1) & 1) << (1 + n);
        f |= u64::from((z >> 6) & 1) << n;
        a |= u64::from((z >> 2) & 1) << (2 + n);
        k |= u64::from((z >> 3) & 1) << n;
        d |= u64::from(z & 1) << n;
        n += 1;
    }
    s += 1;
    // Sizes: xIIIIIIC while the top bit is set.
    let (mut info, mut cell) = (0u64, 0u64);
    let mut n = 0u32;
    loop {
        if n >= 10 {
            return err_at(r.pos, "prelude size field too long");
        }
        let z = r.byte("prelude size")?;
        cell |= u64::from(z & 1) << n;
        info |= u64::from((z >> 1) & 0x3f) << (6 * n);
        n += 1;
        if z & 0x80 == 0 {
            break;
        }
    }
    let header = start..r.pos;
    let n_info = usize::try_from(info).unwrap_or(usize::MAX);
    let n_cell = usize::try_from(cell).unwrap_or(usize::MAX);
    if n_info > r.left() || n_cell > r.left() - n_info {
        return err_at(
            header.start,
            format!("prelude claims n_info {} + n_cell {} bytes, only {} left in the function data", n_info, n_cell, r.left()),
        );
    }
    let info_end = r.pos + n_info;
    let mut ri = Reader::new(m.bytes, r.pos..info_end);
    let simple_name = ri.vusize("prelude simple name (within n_info)")?;
    let mut arg_names = Vec::new();
    for i in 0..a.saturating_add(k) {
        arg_names.push(ri.vusize(&format!("prelude argument name {} (within n_info)", i))?);
    }
    let line_info = ri.pos..info_end;
    let mut lines = Vec::new();
    let (mut bc, mut line) = (0u64, 1u64);
    while !ri.at_end() {
        let c = ri.byte("line table entry")?;
        let (bc_inc, line_inc) = if c & 0x80 == 0 {
            (u64::from(c & 0x1f), u64::from(c >> 5))
        } else {
            let c2 = ri.byte("second byte of a line table entry (within n_info)")?;
            (u64::from(c & 0xf), (u64::from(c) << 4 & 0x700) | u64::from(c2))
        };
        bc += bc_inc;
        line += line_inc;
        lines.push((bc, line));
    }
    r.pos = info_end;
    let cells = r.bytes(n_cell, "prelude cell locals")?.to_vec();
    Ok(Prelude {
        n_state: s,
        n_exc_stack: e,
        scope_flags: f,
        n_pos_args: a,
        n_kwonly_args: k,
        n_def_pos_args: d,
        n_info,
        n_cell,
        header,
        simple_name,
        arg_names,
        line_info,
        lines,
        cells,
        code: r.pos..fun_data.end,
    })
}

// ---------------------------------------------------------------------------------------------
// Instructions.

const UNARY_OP_NAMES: [&str; 4] = ["+", "-", "~", "not"];

fn decode_code(m: &Mpy, rc: &RawCode) -> Res<Vec<Insn>> {
    let code = match (&rc.prelude, rc.kind) {
        (Some(p), KIND_BYTECODE) => p.code.clone(),
        _ => return Ok(Vec::new()),
    };
    let mut r = Reader::new(m.bytes, code.clone());
    let mut out = Vec::new();
    while !r.at_end() {
        out.push(decode_insn(m, rc, &mut r, code.start, code.len())?);
    }
    Ok(out)
}

fn decode_insn(m: &Mpy, rc: &RawCode, r: &mut Reader, base: usize, code_len: usize) -> Res<Insn> {
    let at = r.pos;
    let op = r.byte("opcode")?;
    let simple = |name: &str, arg: String| (format!("{} {}", name, arg), format!("{} {}", name, arg));
    let (text, meaning) = match op {
        0x70..=0xaf => simple("LOAD_CONST_SMALL_INT", (i64::from(op) - 0x70 - 16).to_string()),
        0xb0..=0xbf => simple("LOAD_FAST", (op - 0xb0).to_string()),
        0xc0..=0xcf => simple("STORE_FAST", (op - 0xc0).to_string()),
        0xd0..=0xd3 => {
            let n = op - 0xd0;
            simple("UNARY_OP", format!("{} {}", n, UNARY_OP_NAMES[usize::from(n)]))
        }
        0xd7..=0xff if usize::from(op - 0xd7) < opcode::BINARY_OP_NAMES.len() => {
            let n = op - 0xd7;
            simple("BINARY_OP", format!("{} {}", n, opcode::BINARY_OP_NAMES[usize::from(n)]))
        }
        _ => {
            let (name, format) = match opcode::info(op) {
                Some(i) => i,
                None => return err_at(at, format!("unknown opcode 0x{:02x}", op)),
            };
            let what = format!("argument of {}", name);
            match format {
                Format::Byte => (name.to_string(), name.to_string()),
                Format::Qstr => {
                    let q = r.vusize(&what)?;
                    let value = if op == opcode::LOAD_CONST_STRING || op == opcode::IMPORT_NAME || op == opcode::IMPORT_FROM {
                        match m.qstrs.get(q) {
                            Some(s) => str_repr(&s.text),
                            None => m.qstr_name(q),
                        }
                    } else {
                        m.qstr_name(q)
                    };
                    simple(name, value)
                }
                Format::VarUint => match op {
                    opcode::LOAD_CONST_SMALL_INT => simple(name, r.vsint(&what)?.to_string()),
                    opcode::LOAD_CONST_OBJ => {
                        let i = r.vusize(&what)?;
                        let repr = m.const_repr(i);
                        (format!("{} #{} {}", name, i, shorten(&repr)), format!("{} {}", name, repr))
                    }
                    opcode::MAKE_FUNCTION | opcode::MAKE_FUNCTION_DEFARGS | opcode::MAKE_CLOSURE | opcode::MAKE_CLOSURE_DEFARGS => {
                        let i = r.vusize(&what)?;
                        let child = match rc.children.get(i) {
                            Some(&c) => m.codes[c].path.clone(),
                            None => format!("<bad child index {}>", i),
                        };
                        let mut arg = format!("child {} {}", i, child);
                        if op == opcode::MAKE_CLOSURE || op == opcode::MAKE_CLOSURE_DEFARGS {
                            let n = r.byte(&format!("closed-over count of {}", name))?;
                            let _ = write!(arg, " n_closed {}", n);
                        }
                        simple(name, arg)
                    }
                    opcode::CALL_FUNCTION | opcode::CALL_FUNCTION_VAR_KW | opcode::CALL_METHOD | opcode::CALL_METHOD_VAR_KW => {
                        let v = r.vuint(&what)?;
                        let mut arg = format!("n_pos {} n_kw {}", v & 0xff, (v >> 8) & 0xff);
                        if v >> 16 != 0 {
                            let _ = write!(arg, " <extra bits 0x{:x}>", v >> 16);
                        }
                        simple(name, arg)
                    }
                    _ => simple(name, r.vuint(&what)?.to_string()),
                },
                Format::Offset => {
                    let signed = matches!(
                        op,
                        opcode::UNWIND_JUMP | opcode::JUMP | opcode::POP_JUMP_IF_TRUE | opcode::POP_JUMP_IF_FALSE
                    );
                    let b0 = r.byte(&what)?;
                    let (raw, bias) = if b0 & 0x80 != 0 {
                        let b1 = r.byte(&what)?;
                        (i64::from(b0 & 0x7f) | i64::from(b1) << 7, 0x4000)
                    } else {
                        (i64::from(b0), 0x40)
                    };
                    let delta = if signed { raw - bias } else { raw };
                    let target = (r.pos - base) as i64 + delta;
                    let mut arg = if target < 0 || target >= code_len as i64 {
                        format!("-> {} <bad jump target>", target)
                    } else {
                        format!("-> {}", target)
                    };
                    let mut shape = name.to_string();
                    if op == opcode::UNWIND_JUMP {
                        let n = r.byte("unwind count of UNWIND_JUMP")?;
                        let _ = write!(arg, " unwind {}", n);
                        let _ = write!(shape, " unwind {}", n);
                    }
                    let (text, meaning) = simple(name, arg);
                    return Ok(Insn { offset: at - base, raw: at..r.pos, text, meaning, shape });
                }
            }
        }
    };
    Ok(Insn { offset: at - base, raw: at..r.pos, text, shape: meaning.clone(), meaning })
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= INLINE_REPR_MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(INLINE_REPR_MAX).collect();
        format!("{}...", cut)
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect::<Vec<_>>().join(" ")
}

fn scope_flag_names(f: u64) -> String {
    let names = [(1, "GENERATOR"), (2, "VARKEYWORDS"), (4, "VARARGS"), (8, "DEFKWARGS")];
    let mut v: Vec<String> = names.iter().filter(|(b, _)| f & b != 0).map(|(_, n)| n.to_string()).collect();
    if f & !0xf != 0 {
        v.push(format!("0x{:x}", f & !0xf));
    }
    if v.is_empty() {
        "none".to_string()
    } else {
        v.join("|")
    }
}

// ---------------------------------------------------------------------------------------------
// Public API.

/// Disassembles a whole `.mpy` file into deterministic text.
pub fn disassemble(bytes: &[u8]) -> Result<String, String> {
    let m = parse(bytes)?;
    let mut codes = Vec::new();
    for rc in &m.codes {
        codes.push(decode_code(&m, rc)?);
    }
    let mut o = String::new();
    let arch_flags = match m.arch_flags {
        Some(f) => format!(", arch flags 0x{:x}", f),
        None => String::new(),
    };
    let _ = writeln!(
        o,
        "mpy version {}, flags 0x{:02x} (sub-version {}, arch {}{}), small-int bits {}, {} bytes",
        m.version,
        m.flags,
        m.flags & 3,
        arch_name(m.arch),
        arch_flags,
        m.small_int_bits,
        bytes.len()
    );
    let _ = writeln!(o, "qstr table ({} entries):", m.qstrs.len());
    for (i, q) in m.qstrs.iter().enumerate() {
        match q.static_index {
            Some(s) => {
                let _ = writeln!(o, "  {:>4}: {} (static {})", i, str_repr(&q.text), s);
            }
            None => {
                let _ = writeln!(o, "  {:>4}: {}", i, str_repr(&q.text));
            }
        }
    }
    let _ = writeln!(o, "constants ({} entries):", m.consts.len());
    for (i, c) in m.consts.iter().enumerate() {
        let _ = writeln!(o, "  {:>4}: {}", i, c.repr);
    }
    for (rc, insns) in m.codes.iter().zip(&codes) {
        write_raw_code(&mut o, &m, rc, insns);
    }
    Ok(o)
}

/// `-march=` names by `MP_NATIVE_ARCH_*` number.
fn arch_name(arch: u8) -> String {
    const NAMES: [&str; 13] = [
        "none", "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp", "armv7emdp", "xtensa", "xtensawin",
        "rv32imc", "rv64imc",
    ];
    match NAMES.get(usize::from(arch)) {
        Some(n) => n.to_string(),
        None => format!("unknown {}", arch),
    }
}

/// Bytes in a machine word of `arch`: relocations patch whole words.
fn word_bytes(arch: u8) -> u64 {
    match arch {
        2 | 12 => 8,
        _ => 4,
    }
}

/// Machine code bytes per row of the hex listing.
const HEX_ROW: usize = 16;

fn write_raw_code(o: &mut String, m: &Mpy, rc: &RawCode, insns: &[Insn]) {
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "raw code {} (kind {}, function data {} bytes at byte offset {}, {} children)",
        rc.path,
        kind_name(rc.kind),
        rc.fun_data.len(),
        rc.fun_data.start,
        rc.children.len()
    );
    if let Some(native) = &rc.native {
        write_native(o, m, native);
    }
    if let Some(p) = &rc.prelude {
        if let Some(offset) = rc.native.as_ref().and_then(|n| n.prelude_offset) {
            let _ = writeln!(o, "  prelude at offset {} of the function data", offset);
        }
        write_prelude(o, m, p);
    }
    if rc.kind == KIND_BYTECODE {
        if let Some(p) = &rc.prelude {
            write_bytecode(o, m, p, insns);
        }
    } else if let Some(p) = &rc.prelude {
        if !p.code.is_empty() {
            let _ = writeln!(o, "  after the prelude ({} bytes): {}", p.code.len(), hex(&m.bytes[p.code.clone()]));
        }
    }
}

fn write_native(o: &mut String, m: &Mpy, n: &Native) {
    if let Some(flags) = n.stored_scope_flags {
        let _ = writeln!(o, "  scope flags 0x{:02x} ({})", flags, native_scope_flag_names(flags));
    }
    if let Some((n_pos_args, type_sig)) = n.asm_signature {
        let _ = writeln!(o, "  n_pos_args {}, type signature 0x{:x}", n_pos_args, type_sig);
    }
    if let Some(rodata) = &n.rodata {
        let _ = writeln!(o, "  rodata ({} bytes):", rodata.len());
        write_hex_rows(o, &m.bytes[rodata.clone()]);
    }
    if let Some(bss) = n.bss_size {
        let _ = writeln!(o, "  bss {} bytes", bss);
    }
    let code = &m.bytes[n.machine_code.clone()];
    let _ = writeln!(o, "  machine code ({} bytes at byte offset {}):", code.len(), n.machine_code.start);
    write_hex_rows(o, code);
    if n.stored_scope_flags.is_some_and(|f| f & SCOPE_VIPERRELOC != 0) {
        let _ = writeln!(o, "  relocations ({} entries):", n.relocations.len());
        let word = word_bytes(m.arch);
        for rel in &n.relocations {
            let _ = writeln!(o, "    {:<15} {}", hex(&m.bytes[rel.raw.clone()]), relocation_text(rel, word));
        }
    }
}

fn relocation_text(rel: &Relocation, word: u64) -> String {
    let place = match rel.location {
        Some((region, index)) => {
            let region = match region {
                RelocRegion::Text => "text",
                RelocRegion::Rodata => "rodata",
            };
            format!("{} word {} (byte {})", region, index, index.saturating_mul(word))
        }
        None => "<no location set>".to_string(),
    };
    let target = match rel.target {
        RelocTarget::Text => "text address".to_string(),
        RelocTarget::Rodata => "rodata address".to_string(),
        RelocTarget::Bss => "bss address".to_string(),
        RelocTarget::QstrTable => "qstr table address".to_string(),
        RelocTarget::ConstTable => "constant table address".to_string(),
        RelocTarget::FunTable => "mp_fun_table address".to_string(),
        RelocTarget::FunTableEntry(i) => format!("mp_fun_table[{}]", i),
    };
    if rel.count == 1 {
        format!("{} += {}", place, target)
    } else {
        format!("{} and the {} words after += {}", place, rel.count - 1, target)
    }
}

fn write_hex_rows(o: &mut String, data: &[u8]) {
    for (i, row) in data.chunks(HEX_ROW).enumerate() {
        let _ = writeln!(o, "  {:>5}  {}", i * HEX_ROW, hex(row));
    }
}

fn native_scope_flag_names(f: u64) -> String {
    let names = [
        (1, "GENERATOR"),
        (2, "VARKEYWORDS"),
        (4, "VARARGS"),
        (8, "DEFKWARGS"),
        (SCOPE_VIPERRELOC, "VIPERRELOC"),
        (SCOPE_VIPERRODATA, "VIPERRODATA"),
        (SCOPE_VIPERBSS, "VIPERBSS"),
    ];
    let mut v: Vec<String> = names.iter().filter(|(b, _)| f & b != 0).map(|(_, n)| n.to_string()).collect();
    if f & !0x7f != 0 {
        v.push(format!("0x{:x}", f & !0x7f));
    }
    if v.is_empty() {
        "none".to_string()
    } else {
        v.join("|")
    }
}

fn write_prelude(o: &mut String, m: &Mpy, p: &Prelude) {
    let _ = writeln!(o, "  prelude: {}", hex(&m.bytes[p.header.clone()]));
    let _ = writeln!(o, "  n_state {}, n_exc_stack {}", p.n_state, p.n_exc_stack);
    let _ = writeln!(o, "  scope flags 0x{:02x} ({})", p.scope_flags, scope_flag_names(p.scope_flags));
    let _ = writeln!(
        o,
        "  n_pos_args {}, n_kwonly_args {}, n_def_pos_args {}",
        p.n_pos_args, p.n_kwonly_args, p.n_def_pos_args
    );
    let _ = writeln!(o, "  n_info {}, n_cell {}", p.n_info, p.n_cell);
    let _ = writeln!(o, "  simple name: {}", m.qstr_name(p.simple_name));
    let args: Vec<String> = p.arg_names.iter().map(|&q| m.qstr_name(q)).collect();
    let _ = writeln!(o, "  arg names: {}", if args.is_empty() { "(none)".to_string() } else { args.join(", ") });
    let cells: Vec<String> = p.cells.iter().map(|c| c.to_string()).collect();
    let _ = writeln!(o, "  cell locals: {}", if cells.is_empty() { "(none)".to_string() } else { cells.join(", ") });
    if p.line_info.is_empty() {
        let _ = writeln!(o, "  line table (0 bytes)");
    } else {
        let _ = writeln!(o, "  line table ({} bytes): {}", p.line_info.len(), hex(&m.bytes[p.line_info.clone()]));
    }
    for (bc, line) in &p.lines {
        let _ = writeln!(o, "    bc {} -> line {}", bc, line);
    }
}

fn write_bytecode(o: &mut String, m: &Mpy, p: &Prelude, insns: &[Insn]) {
    let _ = writeln!(o, "  bytecode ({} bytes):", p.code.len());
    let mut last_line = 0;
    for insn in insns {
        let line = line_of(&p.lines, insn.offset as u64);
        if line != last_line {
            let _ = writeln!(o, "        ; line {}", line);
            last_line = line;
        }
        let _ = writeln!(o, "  {:>5}  {:<15} {}", insn.offset, hex(&m.bytes[insn.raw.clone()]), insn.text);
    }
}

/// The source line of a bytecode offset, as MicroPython computes it from the line table.
fn line_of(lines: &[(u64, u64)], offset: u64) -> u64 {
    let mut line = 1;
    for &(bc, l) in lines {
        if offset >= bc {
            line = l;
        } else {
            break;
        }
    }
    line
}

/// Names the first section where two `.mpy` files differ, in file order: `header`,
/// `qstr table entry N`, `constant N`, `raw code <path> prelude|line table|bytecode at offset N`
/// (each followed by `: <a> vs <b>`), or `None` when the bytes are identical. When a table
/// differs, the first raw code whose meaning differs (indexes resolved) is named too.
pub fn first_difference(a: &[u8], b: &[u8]) -> Option<String> {
    if a == b {
        return None;
    }
    let (ma, mb) = match (parse(a), parse(b)) {
        (Ok(ma), Ok(mb)) => (ma, mb),
        (ea, eb) => {
            let i = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
            let mut s = format!("byte offset {}", i);
            if let Err(e) = ea {
                let _ = write!(s, " (first file unreadable: {})", e);
            }
            if let Err(e) = eb {
                let _ = write!(s, " (second file unreadable: {})", e);
            }
            return Some(s);
        }
    };
    if a.get(..4) != b.get(..4) {
        return Some(format!("header: {} vs {}", hex(&a[..4]), hex(&b[..4])));
    }
    if ma.arch_flags != mb.arch_flags {
        let show = |f: Option<u64>| f.map(|f| format!("0x{:x}", f)).unwrap_or_else(|| "(absent)".to_string());
        return Some(format!("architecture flags: {} vs {}", show(ma.arch_flags), show(mb.arch_flags)));
    }
    let table = table_difference(&ma, &mb);
    let code = code_difference(&ma, &mb);
    Some(match (table, code) {
        (Some(t), Some(c)) => format!("{}; first differing raw code: {}", t, c),
        (Some(t), None) => format!("{}; raw codes otherwise identical", t),
        (None, Some(c)) => c,
        (None, None) => {
            let i = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
            format!("byte offset {}", i)
        }
    })
}

fn table_difference(ma: &Mpy, mb: &Mpy) -> Option<String> {
    let n = ma.qstrs.len().max(mb.qstrs.len());
    for i in 0..n {
        let qa = ma.qstrs.get(i).map(|q| &ma.bytes[q.raw.clone()]);
        let qb = mb.qstrs.get(i).map(|q| &mb.bytes[q.raw.clone()]);
        if qa != qb {
            let show = |m: &Mpy, i: usize| m.qstrs.get(i).map(|q| shorten(&str_repr(&q.text))).unwrap_or_else(|| "(absent)".to_string());
            return Some(format!("qstr table entry {}: {} vs {}", i, show(ma, i), show(mb, i)));
        }
    }
    let n = ma.consts.len().max(mb.consts.len());
    for i in 0..n {
        let ca = ma.consts.get(i).map(|c| &ma.bytes[c.raw.clone()]);
        let cb = mb.consts.get(i).map(|c| &mb.bytes[c.raw.clone()]);
        if ca != cb {
            let show = |m: &Mpy, i: usize| m.consts.get(i).map(|c| shorten(&c.repr)).unwrap_or_else(|| "(absent)".to_string());
            return Some(format!("constant {}: {} vs {}", i, show(ma, i), show(mb, i)));
        }
    }
    None
}

/// The first raw code (in file order) whose meaning differs: its kind and interface (flags,
/// argument counts and names, cells, children, a native record's fields), then what it does
/// (bytecode instructions with qstr and constant indexes resolved, so table order alone does
/// not count; machine code, rodata and relocations), then the stack sizes, the line table and
/// the prelude's encoding.
fn code_difference(ma: &Mpy, mb: &Mpy) -> Option<String> {
    let n = ma.codes.len().max(mb.codes.len());
    for i in 0..n {
        let (ra, rb) = match (ma.codes.get(i), mb.codes.get(i)) {
            (Some(ra), Some(rb)) => (ra, rb),
            (Some(ra), None) => return Some(format!("raw code {}: only in the first file", ra.path)),
            (None, Some(rb)) => return Some(format!("raw code {}: only in the second file", rb.path)),
            (None, None) => return None,
        };
        if ra.path != rb.path {
            return Some(format!("raw code {}: name differs: {} vs {}", ra.path, ra.path, rb.path));
        }
        if let Some(d) = raw_code_difference(ma, ra, mb, rb) {
            return Some(format!("raw code {} {}", ra.path, d));
        }
    }
    None
}

/// How two raw codes of the same path differ (text after the path), or `None`.
fn raw_code_difference(ma: &Mpy, ra: &RawCode, mb: &Mpy, rb: &RawCode) -> Option<String> {
    // What the function is (its interface and cells), then what it does, then the stack
    // sizes and line numbers that follow from the code, then the encoding.
    // (section of the record, field, value)
    let shape = |m: &Mpy, rc: &RawCode| -> Vec<(&'static str, &'static str, String)> {
        let mut v = vec![("record", "kind", kind_name(rc.kind).to_string())];
        if let Some(n) = &rc.native {
            let flags = n.stored_scope_flags.map(|f| format!("0x{:02x}", f)).unwrap_or_default();
            let sig = n.asm_signature.map(|(a, t)| format!("n_pos_args {} type signature 0x{:x}", a, t)).unwrap_or_default();
            v.extend([
                ("record", "scope flags", flags),
                ("record", "assembler signature", sig),
                ("record", "bss size", n.bss_size.map(|b| b.to_string()).unwrap_or_default()),
            ]);
        }
        if let Some(p) = &rc.prelude {
            v.extend([
                ("prelude", "scope flags", format!("0x{:02x}", p.scope_flags)),
                ("prelude", "n_pos_args", p.n_pos_args.to_string()),
                ("prelude", "n_kwonly_args", p.n_kwonly_args.to_string()),
                ("prelude", "n_def_pos_args", p.n_def_pos_args.to_string()),
                ("prelude", "simple name", m.qstr_text(p.simple_name)),
                ("prelude", "arg names", p.arg_names.iter().map(|&q| m.qstr_text(q)).collect::<Vec<_>>().join(", ")),
                ("prelude", "cell locals", format!("{:?}", p.cells)),
            ]);
        }
        v.push(("record", "children", rc.children.len().to_string()));
        v
    };
    for ((section, name, va), (_, _, vb)) in shape(ma, ra).into_iter().zip(shape(mb, rb)) {
        if va != vb {
            return Some(format!("{}: {} {} vs {}", section, name, va, vb));
        }
    }
    if ra.kind == KIND_BYTECODE {
        if let Some(d) = bytecode_difference(ma, ra, mb, rb) {
            return Some(d);
        }
    }
    if let (Some(na), Some(nb)) = (&ra.native, &rb.native) {
        if let Some(d) = native_difference(ma, na, mb, nb) {
            return Some(d);
        }
    }
    let (pa, pb) = match (&ra.prelude, &rb.prelude) {
        (Some(pa), Some(pb)) => (pa, pb),
        _ => return None,
    };
    let stack = |p: &Prelude| -> Vec<(&'static str, String)> {
        vec![("n_state", p.n_state.to_string()), ("n_exc_stack", p.n_exc_stack.to_string())]
    };
    for ((name, va), (_, vb)) in stack(pa).into_iter().zip(stack(pb)) {
        if va != vb {
            return Some(format!("prelude: {} {} vs {}", name, va, vb));
        }
    }
    if pa.lines != pb.lines || ma.bytes[pa.line_info.clone()] != mb.bytes[pb.line_info.clone()] {
        let k = pa.lines.iter().zip(&pb.lines).position(|(x, y)| x != y).unwrap_or(pa.lines.len().min(pb.lines.len()));
        let show = |l: Option<&(u64, u64)>| match l {
            Some((bc, line)) => format!("bc {} -> line {}", bc, line),
            None => "(end)".to_string(),
        };
        return Some(format!("line table entry {}: {} vs {}", k, show(pa.lines.get(k)), show(pb.lines.get(k))));
    }
    if ma.bytes[pa.header.clone()] != mb.bytes[pb.header.clone()] {
        return Some(format!(
            "prelude encoding: {} vs {}",
            hex(&ma.bytes[pa.header.clone()]),
            hex(&mb.bytes[pb.header.clone()])
        ));
    }
    if ma.bytes[pa.code.clone()] != mb.bytes[pb.code.clone()] && ra.kind != KIND_BYTECODE {
        return Some("bytes after the prelude differ".to_string());
    }
    None
}

fn bytecode_difference(ma: &Mpy, ra: &RawCode, mb: &Mpy, rb: &RawCode) -> Option<String> {
    let (ia, ib) = match (decode_code(ma, ra), decode_code(mb, rb)) {
        (Ok(ia), Ok(ib)) => (ia, ib),
        (ea, eb) => {
            let e = ea.err().or(eb.err()).unwrap_or_default();
            return Some(format!("bytecode: {}", e));
        }
    };
    // First the instructions themselves (a jump's target moves when any code after it
    // changes size, so targets wait), then the targets and offsets.
    let shapes_differ = |x: &Insn, y: &Insn| x.shape != y.shape;
    let anything_differs = |x: &Insn, y: &Insn| x.offset != y.offset || x.meaning != y.meaning;
    for differs in [&shapes_differ as &dyn Fn(&Insn, &Insn) -> bool, &anything_differs] {
        for k in 0..ia.len().max(ib.len()) {
            let (xa, xb) = (ia.get(k), ib.get(k));
            let same = match (xa, xb) {
                (Some(x), Some(y)) => !differs(x, y),
                _ => false,
            };
            if !same {
                let offset = xa.or(xb).map(|x| x.offset).unwrap_or(0);
                let show = |x: Option<&Insn>| x.map(|x| shorten(&x.text)).unwrap_or_else(|| "(end)".to_string());
                return Some(format!("bytecode at offset {}: {} vs {}", offset, show(xa), show(xb)));
            }
        }
    }
    None
}

/// Machine code first (the first differing byte and what follows it, up to a row), then the
/// rodata and the relocations.
fn native_difference(ma: &Mpy, na: &Native, mb: &Mpy, nb: &Native) -> Option<String> {
    let (ca, cb) = (&ma.bytes[na.machine_code.clone()], &mb.bytes[nb.machine_code.clone()]);
    if ca != cb {
        let k = ca.iter().zip(cb).position(|(x, y)| x != y).unwrap_or(ca.len().min(cb.len()));
        let show = |c: &[u8]| {
            let rest = &c[k.min(c.len())..];
            if rest.is_empty() {
                "(end)".to_string()
            } else {
                hex(&rest[..rest.len().min(HEX_ROW)])
            }
        };
        return Some(format!(
            "machine code ({} vs {} bytes) at offset {}: {} vs {}",
            ca.len(),
            cb.len(),
            k,
            show(ca),
            show(cb)
        ));
    }
    let rodata = |m: &Mpy, n: &Native| n.rodata.clone().map(|r| m.bytes[r].to_vec());
    if rodata(ma, na) != rodata(mb, nb) {
        let show = |r: Option<Vec<u8>>| r.map(|r| shorten(&hex(&r))).unwrap_or_else(|| "(absent)".to_string());
        return Some(format!("rodata: {} vs {}", show(rodata(ma, na)), show(rodata(mb, nb))));
    }
    let (word_a, word_b) = (word_bytes(ma.arch), word_bytes(mb.arch));
    for k in 0..na.relocations.len().max(nb.relocations.len()) {
        let (xa, xb) = (na.relocations.get(k), nb.relocations.get(k));
        let same = match (xa, xb) {
            (Some(x), Some(y)) => (x.location, x.target, x.count) == (y.location, y.target, y.count),
            _ => false,
        };
        if !same {
            let show = |x: Option<&Relocation>, w| x.map(|x| relocation_text(x, w)).unwrap_or_else(|| "(end)".to_string());
            return Some(format!("relocation {}: {} vs {}", k, show(xa, word_a), show(xb, word_b)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    const SAMPLE: &str = "\
import sys
from os import path as p
X = const(3)
def f(a, b=2, *args, c, d=4, **kw):
    x = [i * 2 for i in range(a) if i]
    def g():
        nonlocal x
        return x, a
    try:
        return g() + (1, 'two', b'3', 4.5, 6j, None, ...)
    except ValueError as e:
        raise RuntimeError('bad') from e
    finally:
        print(-1000000, 1 << 40, not a, ~b)
class C(object):
    def m(self):
        yield from self
        lambda: 0
        lambda: 1
while True:
    for k in (1, 2):
        if k:
            break
    else:
        continue
    break
with open('f') as fh:
    del fh
";

    fn sample(opts: &Options) -> Vec<u8> {
        compile(SAMPLE, "sample.py", opts).expect("sample compiles")
    }

    #[test]
    fn static_table_lookup() {
        assert_eq!(static_qstr(1), Some(""));
        assert_eq!(static_qstr(2), Some("__dir__"));
        assert_eq!(static_qstr(3), Some("\n"));
        assert_eq!(static_qstr(0), None);
        for (i, s) in static_qstrs().iter().enumerate() {
            assert_eq!(crate::qstr::static_index(s), Some(i + 1), "{:?}", s);
        }
    }

    #[test]
    fn disassembles_a_real_module() {
        let bytes = sample(&Options::default());
        let text = disassemble(&bytes).unwrap();
        for needle in [
            "mpy version 6",
            "'sample.py'",
            "raw code <module> ",
            "raw code <module>.f ",
            "raw code <module>.f.<listcomp> ",
            "raw code <module>.f.g ",
            "raw code <module>.C.m ",
            "raw code <module>.C.m.<lambda> ",
            "raw code <module>.C.m.<lambda>#2 ",
            "arg names: a, b, d, c",
            "scope flags 0x0e (VARKEYWORDS|VARARGS|DEFKWARGS)",
            "scope flags 0x01 (GENERATOR)",
            "IMPORT_NAME 'sys'",
            "STORE_NAME sys",
            "MAKE_FUNCTION_DEFARGS child 0 <module>.f",
            "MAKE_CLOSURE child",
            "CALL_FUNCTION n_pos 1 n_kw 0",
            "LOAD_CONST_OBJ #",
            "'bad'",
            "LOAD_CONST_SMALL_INT -1000000",
            "BINARY_OP 27 +",
            "UNARY_OP 3 not",
            "SETUP_FINALLY -> ",
            "SETUP_EXCEPT -> ",
            "FOR_ITER -> ",
            "YIELD_FROM",
            "RETURN_VALUE",
            "bc 0 -> line",
            "; line 4",
        ] {
            assert!(text.contains(needle), "missing {:?} in\n{}", needle, text);
        }
        assert!(!text.contains("<bad"), "{}", text);
        // Deterministic.
        assert_eq!(text, disassemble(&bytes).unwrap());
    }

    #[test]
    fn known_mpy_cross_output() {
        // mpy-cross 1.29 -s ok.py on "x=1\n".
        let bytes = [
            0x4d, 0x06, 0x00, 0x1f, 0x03, 0x00, 0x0a, 0x6f, 0x6b, 0x2e, 0x70, 0x79, 0x00, 0x0f, 0x02, 0x78, 0x00, 0x40,
            0x00, 0x02, 0x01, 0x81, 0x16, 0x02, 0x51, 0x63,
        ];
        let text = disassemble(&bytes).unwrap();
        let expected = "\
mpy version 6, flags 0x00 (sub-version 0, arch none), small-int bits 31, 26 bytes
qstr table (3 entries):
     0: 'ok.py'
     1: '<module>' (static 7)
     2: 'x'
constants (0 entries):

raw code <module> (kind bytecode, function data 8 bytes at byte offset 18, 0 children)
  prelude: 00 02
  n_state 1, n_exc_stack 0
  scope flags 0x00 (none)
  n_pos_args 0, n_kwonly_args 0, n_def_pos_args 0
  n_info 1, n_cell 0
  simple name: <module>
  arg names: (none)
  cell locals: (none)
  line table (0 bytes)
  bytecode (5 bytes):
        ; line 1
      0  81              LOAD_CONST_SMALL_INT 1
      1  16 02           STORE_NAME x
      3  51              LOAD_CONST_NONE
      4  63              RETURN_VALUE
";
        assert_eq!(text, expected);
    }

    #[test]
    fn truncated_prefixes_are_errors_with_offsets() {
        for opts in [Options::default(), Options { opt_level: 3, ..Options::default() }] {
            let bytes = sample(&opts);
            for n in 0..bytes.len() {
                match disassemble(&bytes[..n]) {
                    Ok(_) => panic!("prefix of {} bytes accepted", n),
                    Err(e) => assert!(e.starts_with("byte offset "), "{}", e),
                }
                assert!(first_difference(&bytes[..n], &bytes).is_some());
            }
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let real = sample(&Options::default());
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..20_000 {
            let len = (next() % 200) as usize;
            let mut buf: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if round % 2 == 0 && buf.len() >= 4 {
                buf[..4].copy_from_slice(b"M\x06\x00\x1f");
            }
            if round % 4 == 1 {
                // Mutate a real file in a few places.
                buf = real.clone();
                for _ in 0..1 + next() % 4 {
                    let i = (next() as usize) % buf.len();
                    buf[i] = next() as u8;
                }
            }
            if let Err(e) = disassemble(&buf) {
                assert!(e.starts_with("byte offset "), "{}", e);
            }
            let _ = first_difference(&buf, &real);
        }
    }

    #[test]
    fn first_difference_names_sections() {
        let a = compile("x = 1\ndef f():\n    return 2\n", "m.py", &Options::default()).unwrap();
        assert_eq!(first_difference(&a, &a), None);

        let b = compile("x = 1\ndef f():\n    return 3\n", "m.py", &Options::default()).unwrap();
        let d = first_difference(&a, &b).unwrap();
        assert!(d.starts_with("raw code <module>.f bytecode at offset 0"), "{}", d);

        let c = compile("x = 1\ndef f():\n\n    return 2\n", "m.py", &Options::default()).unwrap();
        let d = first_difference(&a, &c).unwrap();
        assert!(d.starts_with("raw code <module>.f line table"), "{}", d);

        let e = compile("x = 1\ndef f():\n    return 2\n", "n.py", &Options::default()).unwrap();
        let d = first_difference(&a, &e).unwrap();
        assert!(d.starts_with("qstr table entry 0: 'm.py' vs 'n.py'; raw codes otherwise identical"), "{}", d);

        let g = compile("x = 1.5\n", "m.py", &Options::default()).unwrap();
        let h = compile("x = 2.5\n", "m.py", &Options::default()).unwrap();
        let d = first_difference(&g, &h).unwrap();
        assert!(d.starts_with("constant 0: float 1.5 vs float 2.5; first differing raw code: raw code <module> bytecode at offset 0"), "{}", d);

        let i = compile("def f(a):\n    return a\n", "m.py", &Options::default()).unwrap();
        let j = compile("def f(a, b):\n    return a\n", "m.py", &Options::default()).unwrap();
        let d = first_difference(&i, &j).unwrap();
        assert!(d.contains("raw code <module>.f prelude: n_pos_args 1 vs 2"), "{}", d);

        // Same code, deeper stack: the stack size is named.
        let k = compile("def f(a):\n    return a\n", "m.py", &Options::default()).unwrap();
        let mut l = k.clone();
        assert_eq!(l.windows(2).filter(|w| *w == [0x09, 0x06]).count(), 1);
        let at = l.windows(2).position(|w| w == [0x09, 0x06]).expect("f's prelude");
        l[at] = 0x11;
        let d = first_difference(&k, &l).unwrap();
        assert!(d.starts_with("raw code <module>.f prelude: n_state 2 vs 3"), "{}", d);

        let mut k = a.clone();
        k[3] = 15;
        assert_eq!(first_difference(&a, &k).unwrap(), "header: 4d 06 00 1f vs 4d 06 00 0f");
    }

    const NATIVE_SAMPLE: &str = "\
import micropython
@micropython.native
def f(a, b=2, *c):
    def g():
        return a
    return g() + b
@micropython.viper
def v(p: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s += p[i]
    return s
class C:
    @micropython.native
    def m(self):
        yield self
";

    fn native_sample(arch: crate::native::Arch, arch_flags: u32) -> Vec<u8> {
        let opts = Options { arch, arch_flags, ..Options::default() };
        compile(NATIVE_SAMPLE, "nat.py", &opts).expect("native sample compiles")
    }

    #[test]
    fn native_module_listing() {
        use crate::native::Arch;
        let bytes = native_sample(Arch::X64, 0);
        let text = disassemble(&bytes).unwrap();
        for needle in [
            "flags 0x0b (sub-version 3, arch x64)",
            "     0: mp_fun_table",
            "raw code <module>.f (kind native Python, ",
            "raw code <module>.f.g (kind native Python, ",
            "raw code <module>.<viper> (kind native viper, ",
            "raw code <module>.C.m (kind native Python, ",
            "arg names: a, b\n",
            "scope flags 0x04 (VARARGS)",
            "scope flags 0x01 (GENERATOR)",
            "MAKE_FUNCTION child 1 <module>.<viper>",
            "  machine code (",
        ] {
            assert!(text.contains(needle), "missing {:?} in\n{}", needle, text);
        }
        assert!(!text.contains("<bad"), "{}", text);
        let rv = native_sample(Arch::Rv32imc, Arch::Rv32imc.parse_flags("zba").unwrap());
        let text = disassemble(&rv).unwrap();
        assert!(text.contains("arch rv32imc, arch flags 0x1)"), "{}", text);
        // A module that was compiled elsewhere for another architecture differs in its header.
        let d = first_difference(&bytes, &native_sample(Arch::Armv6m, 0)).unwrap();
        assert!(d.starts_with("header: 4d 06 0b 1f vs 4d 06 13 1f"), "{}", d);
    }

    #[test]
    fn native_truncations_and_mutations_are_errors_not_panics() {
        use crate::native::Arch;
        for (arch, flags) in [(Arch::X64, 0), (Arch::Xtensa, 0), (Arch::Armv6m, 0), (Arch::Rv32imc, 3)] {
            let bytes = native_sample(arch, flags);
            for n in 0..bytes.len() {
                match disassemble(&bytes[..n]) {
                    Ok(_) => panic!("{:?}: prefix of {} bytes accepted", arch, n),
                    Err(e) => assert!(e.starts_with("byte offset "), "{}", e),
                }
                assert!(first_difference(&bytes[..n], &bytes).is_some());
            }
            let mut state: u64 = 0x2545_f491_4f6c_dd1d;
            for _ in 0..3000 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let mut buf = bytes.clone();
                let i = (state as usize) % buf.len();
                buf[i] = (state >> 32) as u8;
                if let Err(e) = disassemble(&buf) {
                    assert!(e.starts_with("byte offset "), "{}", e);
                }
                let _ = first_difference(&buf, &bytes);
            }
        }
    }

    /// A viper module as MicroPython's `mpy_ld` links a native module (mpy-cross never writes
    /// rodata, bss or relocations), built field by field.
    fn linked_viper_module(relocations: &[u8]) -> Vec<u8> {
        let mut b = vec![b'M', 6, (2 << 2) | 3, 31];
        b.extend([2, 1]); // 2 qstrs, 1 constant
        b.push(12); // 'mod.py': length 6, inline
        b.extend(b"mod.py\0");
        b.push((7 << 1) | 1); // static '<module>'
        b.push(OBJ_FUN_TABLE);
        b.extend([0x81, 0x02]); // kind viper, no children, 16 bytes of machine code
        b.extend(0..16u8);
        b.push(0x70); // VIPERRELOC | VIPERRODATA | VIPERBSS
        b.extend([4, 8]); // rodata 4 bytes, bss 8 bytes
        b.extend([0xaa, 0xbb, 0xcc, 0xdd]);
        b.extend(relocations);
        b
    }

    #[test]
    fn viper_data_and_relocations() {
        let relocations = [
            5, 2, // text word 1 += rodata
            24, // the next word += mp_fun_table[3]
            3, 1, 3, // rodata word 0 and 2 more += text
            16, // the next rodata word += the function table
            0xff,
        ];
        let bytes = linked_viper_module(&relocations);
        let text = disassemble(&bytes).unwrap();
        for needle in [
            "raw code <viper> (kind native viper, function data 16 bytes",
            "scope flags 0x70 (VIPERRELOC|VIPERRODATA|VIPERBSS)",
            "rodata (4 bytes):\n      0  aa bb cc dd",
            "bss 8 bytes",
            "machine code (16 bytes at byte offset 18):\n      0  00 01 02",
            "relocations (4 entries):",
            "05 02           text word 1 (byte 8) += rodata address",
            "18              text word 2 (byte 16) += mp_fun_table[3]",
            "03 01 03        rodata word 0 (byte 0) and the 2 words after += text address",
            "10              rodata word 3 (byte 24) += mp_fun_table address",
        ] {
            assert!(text.contains(needle), "missing {:?} in\n{}", needle, text);
        }
        let s = crate::size::ModuleSize::of(&bytes).unwrap();
        assert_eq!((s.native_bytes, s.bytecode_bytes, s.raw_codes), (16, 0, 1));
        // A relocation before any location is shown, not followed.
        let text = disassemble(&linked_viper_module(&[4, 0xff])).unwrap();
        assert!(text.contains("<no location set> += rodata address"), "{}", text);
        // Differences: a relocation, the rodata.
        let other = linked_viper_module(&[5, 2, 26, 3, 1, 3, 16, 0xff]);
        let d = first_difference(&bytes, &other).unwrap();
        assert_eq!(d, "raw code <viper> relocation 1: text word 2 (byte 16) += mp_fun_table[3] vs text word 2 (byte 16) += mp_fun_table[4]");
        let mut other = bytes.clone();
        let last = bytes.windows(4).position(|w| w == [0xaa, 0xbb, 0xcc, 0xdd]).expect("rodata") + 3;
        other[last] = 0xee;
        let d = first_difference(&bytes, &other).unwrap();
        assert!(d.starts_with("raw code <viper> rodata: aa bb cc dd vs aa bb cc ee"), "{}", d);
        // Every truncation, the end marker's included, is an error.
        for n in 0..bytes.len() {
            let e = disassemble(&bytes[..n]).unwrap_err();
            assert!(e.starts_with("byte offset "), "{}", e);
        }
        // A native record in a module without an architecture.
        let mut no_arch = bytes.clone();
        no_arch[2] = 0;
        let e = disassemble(&no_arch).unwrap_err();
        assert!(e.contains("header names no architecture"), "{}", e);
    }
}
