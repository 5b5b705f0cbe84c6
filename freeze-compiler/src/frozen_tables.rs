//! True frozen modules: MicroPython's frozen-module tables (what `tools/mpy-tool.py -f` writes as
//! C) written as Rust statics for one exact interpreter build, so that qstrs, constant objects,
//! raw-code structures and bytecode all stay in flash and `import` allocates only the module's
//! own objects.
//!
//! Input: the `.mpy` files (as [`crate::compile`] writes them) and the interpreter's ABI file
//! (`abi.txt` of freeze-micropython's build: its qstr numbering, configuration values, and the
//! sizes and field offsets of its C structs, probed with the target's compiler). Output: Rust
//! source defining `mp_qstr_frozen_const_pool`, `mp_frozen_names` and `mp_frozen_mpy_content`
//! (the symbols `MICROPY_MODULE_FROZEN_MPY` and `MICROPY_QSTR_EXTRA_POOL` link against), with
//! a compile-time assertion of every layout it relies on: a firmware whose structs differ from
//! the ABI file fails to build, saying which field.
//!
//! The facts followed (MicroPython 1.23+, `py/emitglue.h`, `py/qstr.h`, `py/obj.h`, and the
//! frozen output of `tools/mpy-tool.py`):
//! - bytecode refers to qstrs and constants through the module's tables, so it is frozen as is;
//!   each module's qstr table holds global qstr numbers (the firmware's, or new ones in the
//!   frozen pool, which is sorted by value and chained after the firmware's pool);
//! - a bytecode function without children needs no `mp_raw_code_t`: its bytecode is its
//!   proto-fun (the first byte of a prelude is never the raw-code indicator);
//! - a str constant shorter than 25 characters, or equal to a known qstr, is a qstr; other
//!   str/bytes constants are static `mp_obj_str_t`; small ints, `None`/`True`/`False` and qstrs
//!   are immediate words, encoded as object representations A and C encode them; floats are
//!   boxed (A) or folded into the word (C); big ints are
//!   static mpz objects.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

use crate::constant::Const;

/// The interpreter build the tables are for (freeze-micropython's `abi.txt`).
pub struct Abi {
    values: BTreeMap<String, i64>,
    /// The firmware's qstrs by number (0 is the null qstr).
    qstrs: Vec<Vec<u8>>,
    version: String,
    /// The build's identity (`id` line): port.c defines a symbol named after it.
    id: String,
}

impl Abi {
    pub fn parse(text: &str) -> Result<Abi, String> {
        let mut values = BTreeMap::new();
        let mut qstrs = Vec::new();
        let mut version = String::new();
        let mut id = String::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let (key, value) = line.split_once(' ').ok_or_else(|| format!("ABI file line {}: `{line}`", n + 1))?;
            match key {
                "version" => version = value.to_string(),
                "id" => id = value.to_string(),
                "qstr" => qstrs.push(unhex(value).ok_or_else(|| format!("ABI file line {}: bad qstr", n + 1))?),
                _ => {
                    let v = value.parse().map_err(|_| format!("ABI file line {}: `{value}` is not a number", n + 1))?;
                    values.insert(key.to_string(), v);
                }
            }
        }
        if version.is_empty() || qstrs.is_empty() || id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("not a freeze-micropython ABI file (no version, qstrs or id)".into());
        }
        let abi = Abi { values, qstrs, version, id };
        if abi.get("config.MICROPY_MODULE_FROZEN_MPY")? != 1 {
            return Err("the interpreter is built without MICROPY_MODULE_FROZEN_MPY: it cannot import frozen tables".into());
        }
        if abi.get("config.MICROPY_EMIT_BYTECODE_USES_QSTR_TABLE")? != 1 {
            return Err("the interpreter's bytecode does not use per-module qstr tables (MicroPython before 1.19?)".into());
        }
        if abi.get("config.MP_QSTRnumber_of")? as usize != abi.qstrs.len() {
            return Err(format!(
                "the ABI file lists {} qstrs but says MP_QSTRnumber_of is {}: a file from another build?",
                abi.qstrs.len(),
                abi.get("config.MP_QSTRnumber_of")?
            ));
        }
        Ok(abi)
    }

    fn get(&self, key: &str) -> Result<i64, String> {
        self.values.get(key).copied().ok_or_else(|| format!("the ABI file has no `{key}`"))
    }

    fn usize(&self, key: &str) -> Result<usize, String> {
        Ok(self.get(key)? as usize)
    }
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

// ---- reading back a .mpy ----------------------------------------------------------------------

/// What a raw code holds (`mp_raw_code_kind_t`), with what its `.mpy` record adds for that kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CodeKind {
    /// Bytecode, its prelude first.
    Bytecode,
    /// `@micropython.native`: machine code, then the prelude (read by the interpreter on every
    /// call) at this offset of the function's data.
    NativePy { prelude_offset: usize },
    /// `@micropython.viper`: machine code only; the scope flags come with the record.
    Viper { scope_flags: usize },
}

/// One raw code of a module: its data (bytecode with its prelude, or machine code) and children.
struct RawCode {
    kind: CodeKind,
    fun_data: Vec<u8>,
    children: Vec<RawCode>,
}

impl RawCode {
    fn is_generator(&self) -> bool {
        match self.kind {
            CodeKind::Bytecode => scope_flags(&self.fun_data) & 1 != 0,
            CodeKind::NativePy { prelude_offset } => scope_flags(&self.fun_data[prelude_offset..]) & 1 != 0,
            CodeKind::Viper { scope_flags } => scope_flags & 1 != 0,
        }
    }

    fn has_native(&self) -> bool {
        self.kind != CodeKind::Bytecode || self.children.iter().any(RawCode::has_native)
    }
}

/// `MP_SCOPE_FLAG_VIPERRELOC | VIPERRODATA | VIPERBSS`: viper code that must be relocated or
/// given data when loaded (native modules linked by mpy_ld), which tables cannot hold.
const VIPER_LOAD_TIME_FLAGS: usize = 0x10 | 0x20 | 0x40;

/// A module as its `.mpy` holds it.
struct Module {
    /// The native architecture in the header (`MP_NATIVE_ARCH_*`; 0 for bytecode only).
    arch: u8,
    /// The qstr table's strings (entry 0 is the source file name).
    qstrs: Vec<Vec<u8>>,
    /// The constant table: `None` is the native function table (`mp_fun_table`), which a
    /// module with native code has first.
    consts: Vec<Option<Const>>,
    code: RawCode,
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.b.get(self.at).ok_or("truncated .mpy")?;
        self.at += 1;
        Ok(b)
    }

    fn uint(&mut self) -> Result<usize, String> {
        let mut v: usize = 0;
        loop {
            let b = self.byte()?;
            v = v.checked_mul(128).ok_or("varuint overflow in .mpy")? | usize::from(b & 0x7f);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
    }

    fn bytes(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len()).ok_or("truncated .mpy")?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn text(&mut self) -> Result<String, String> {
        let n = self.uint()?;
        String::from_utf8(self.bytes(n)?.to_vec()).map_err(|_| "non-UTF-8 number text in .mpy".to_string())
    }
}

fn read_module(mpy: &[u8]) -> Result<Module, String> {
    let mut r = Reader { b: mpy, at: 0 };
    let header = r.bytes(4)?;
    if header[0] != b'M' || header[1] != crate::mpy::MPY_VERSION {
        return Err("not a .mpy v6 file".into());
    }
    let arch = (header[2] >> 2) & 0x0f;
    if header[2] & crate::native::MPY_FEATURE_ARCH_FLAGS != 0 {
        r.uint()?; // architecture flags (rv32 extensions): nothing the tables hold
    }
    let n_qstr = r.uint()?;
    let n_obj = r.uint()?;
    // every qstr and constant takes at least one byte: counts from a damaged file reserve no more
    let mut qstrs = Vec::with_capacity(n_qstr.min(mpy.len()));
    for _ in 0..n_qstr {
        let v = r.uint()?;
        if v & 1 == 1 {
            qstrs.push(StaticRef(v >> 1).resolve()?);
        } else {
            let s = r.bytes(v >> 1)?.to_vec();
            r.byte()?; // NUL
            qstrs.push(s);
        }
    }
    // qstr 0 is the source file name (mp_frozen_names lists it)
    if qstrs.is_empty() {
        return Err("no qstrs: a .mpy file's first qstr is its source file name".into());
    }
    let mut consts = Vec::with_capacity(n_obj.min(mpy.len()));
    for _ in 0..n_obj {
        consts.push(if r.b.get(r.at) == Some(&crate::mpy::OBJ_FUN_TABLE) {
            r.byte()?;
            None
        } else {
            Some(read_obj(&mut r, 0)?)
        });
    }
    let code = read_raw_code(&mut r, 0)?;
    if arch == 0 && code.has_native() {
        return Err("native code in a .mpy whose header names no architecture".into());
    }
    Ok(Module { arch, qstrs, consts, code })
}

/// A static qstr referenced by its index in the `.mpy` format's fixed list.
struct StaticRef(usize);

impl StaticRef {
    fn resolve(&self) -> Result<Vec<u8>, String> {
        crate::qstr::static_str(self.0).map(|s| s.as_bytes().to_vec()).ok_or_else(|| format!("unknown static qstr {}", self.0))
    }
}

fn read_obj(r: &mut Reader, depth: usize) -> Result<Const, String> {
    use crate::mpy::*;
    if depth > 64 {
        return Err("constant tuples nested too deeply".into());
    }
    Ok(match r.byte()? {
        OBJ_NONE => Const::None,
        OBJ_FALSE => Const::False,
        OBJ_TRUE => Const::True,
        OBJ_ELLIPSIS => Const::Ellipsis,
        OBJ_STR | OBJ_BYTES => {
            let kind = r.b[r.at - 1];
            let n = r.uint()?;
            let s = r.bytes(n)?.to_vec();
            r.byte()?; // NUL
            if kind == OBJ_STR {
                Const::Str(s)
            } else {
                Const::Bytes(s)
            }
        }
        OBJ_INT => {
            let t = r.text()?;
            Const::Int(t.parse().map_err(|_| format!("bad int constant `{t}`"))?)
        }
        OBJ_FLOAT => Const::Float(parse_float(&r.text()?)?),
        OBJ_COMPLEX => {
            let t = r.text()?;
            let (re, im) = parse_complex(&t).ok_or_else(|| format!("bad complex constant `{t}`"))?;
            Const::Complex(re, im)
        }
        OBJ_TUPLE => {
            let n = r.uint()?;
            let mut items = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                items.push(read_obj(r, depth + 1)?);
            }
            Const::Tuple(items)
        }
        other => return Err(format!("unknown constant kind {other} in .mpy")),
    })
}

fn parse_float(t: &str) -> Result<f64, String> {
    t.parse().map_err(|_| format!("bad float constant `{t}`"))
}

/// MicroPython's complex repr: `2j`, `(1+2j)`, `(-1-2e-05j)`, `(nan+infj)`.
fn parse_complex(t: &str) -> Option<(f64, f64)> {
    let t = t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(t);
    let body = t.strip_suffix('j')?;
    let split = body.char_indices().skip(1).filter(|&(i, c)| (c == '+' || c == '-') && !body[..i].ends_with('e')).last();
    match split {
        Some((i, _)) => Some((body[..i].parse().ok()?, body[i..].trim_start_matches('+').parse().ok()?)),
        None => Some((0.0, body.parse().ok()?)),
    }
}

fn read_raw_code(r: &mut Reader, depth: usize) -> Result<RawCode, String> {
    if depth > 4096 {
        return Err("raw codes nested too deeply".into());
    }
    let kind_len = r.uint()?;
    let fun_data = r.bytes(kind_len >> 3)?.to_vec();
    let kind = match kind_len & 3 {
        0 => CodeKind::Bytecode,
        1 => {
            let prelude_offset = r.uint()?;
            if prelude_offset >= fun_data.len() {
                return Err("a native function's prelude offset lies outside its code".into());
            }
            CodeKind::NativePy { prelude_offset }
        }
        2 => {
            let scope_flags = r.uint()?;
            if scope_flags & VIPER_LOAD_TIME_FLAGS != 0 {
                return Err("viper code with relocations, rodata or bss (a native module linked by mpy_ld) \
                            cannot be frozen as tables, as mpy-tool cannot freeze it either"
                    .into());
            }
            CodeKind::Viper { scope_flags }
        }
        _ => return Err("inline assembler functions (@micropython.asm_*) cannot be frozen as tables yet".into()),
    };
    let mut children = Vec::new();
    if kind_len & 4 != 0 {
        let n = r.uint()?;
        for _ in 0..n {
            children.push(read_raw_code(r, depth + 1)?);
        }
    }
    Ok(RawCode { kind, fun_data, children })
}

/// The scope flags of a prelude (`MP_BC_PRELUDE_SIG_DECODE` in `py/bc.h`): the first byte is
/// `xSSSSEAA` and holds none; each following byte (`xFSSKAED`) holds one bit of them.
fn scope_flags(prelude: &[u8]) -> u32 {
    let mut it = prelude.iter().copied();
    let mut z = it.next().unwrap_or(0);
    let mut f = 0;
    let mut n = 0;
    while z & 0x80 != 0 {
        z = it.next().unwrap_or(0);
        f |= u32::from((z & 0x40) >> 6) << n;
        n += 1;
    }
    f
}

// ---- emitting ---------------------------------------------------------------------------------

/// A module frozen as source text (MicroPython's `freeze_as_str`): compiled by the interpreter
/// when imported.
pub struct SourceModule<'a> {
    /// The path MicroPython finds it by (`tools/calc.py`).
    pub path: &'a str,
    /// The text.
    pub text: &'a [u8],
}

/// Rust source for the frozen tables of `modules` (each a `.mpy`) and of `sources` (modules
/// frozen as text), for the interpreter described by `abi`. `rt` is the path of freeze-runtime's
/// table support in the expansion (`::freeze::runtime::micropython::tables`: `StaticPtr` and the
/// interpreter's symbols); `link_section` the section of every static (`.irom0.text` on the
/// ESP8266).
pub fn emit(
    modules: &[&[u8]],
    sources: &[SourceModule],
    abi: &Abi,
    rt: &str,
    link_section: Option<&str>,
) -> Result<String, String> {
    let word = abi.usize("size.void_p")?;
    let repr = abi.get("config.MICROPY_OBJ_REPR")?;
    if repr != 0 && repr != 2 {
        return Err(format!("object representation {repr} is not supported by frozen tables (A and C are)"));
    }
    if !sources.is_empty() && abi.get("config.MICROPY_MODULE_FROZEN_STR")? == 0 {
        return Err("modules frozen as source need an interpreter built with MICROPY_MODULE_FROZEN_STR".into());
    }
    if abi.get("config.MICROPY_PERSISTENT_CODE_SAVE")? != 0 || abi.get("config.MICROPY_PY_SYS_SETTRACE")? != 0 {
        return Err("interpreters built with MICROPY_PERSISTENT_CODE_SAVE or sys.settrace are not supported by frozen tables yet".into());
    }
    let parsed: Vec<Module> = modules.iter().map(|m| read_module(m)).collect::<Result<_, _>>()?;
    for m in parsed.iter().filter(|m| m.code.has_native()) {
        check_native_arch(abi, m)?;
    }

    // Global qstr numbers: the firmware's, then new ones sorted by value (the frozen pool).
    let mut known: BTreeMap<&[u8], usize> = BTreeMap::new();
    for (i, q) in abi.qstrs.iter().enumerate().skip(1) {
        known.entry(q.as_slice()).or_insert(i);
    }
    // Short str constants become qstrs too, as mpy-tool interns them (fewer than 25 characters).
    let mut interned: Vec<&[u8]> = Vec::new();
    for m in &parsed {
        for c in m.consts.iter().flatten() {
            short_strs(c, &mut interned);
        }
    }
    let new: BTreeSet<&[u8]> = parsed
        .iter()
        .flat_map(|m| m.qstrs.iter().map(Vec::as_slice))
        .chain(interned)
        .filter(|q| !known.contains_key(q))
        .collect();
    let first_new = abi.qstrs.len();
    for (i, q) in new.iter().enumerate() {
        known.insert(q, first_new + i);
    }
    if first_new + new.len() > 0xffff {
        return Err(format!("{} qstrs in all: more than qstr_short_t (16 bits) can number", first_new + new.len()));
    }

    // every integer width the tables use must be one Rust has, before anything is emitted
    for key in ["size.qstr_hash_t", "size.qstr_len_t", "size.mpz_dig_t"] {
        uint_ty(abi.usize(key)?)?;
    }
    let float_ty = match abi.usize("size.mp_float_t")? {
        4 => "f32",
        8 => "f64",
        n => return Err(format!("mp_float_t of {n} bytes")),
    };
    let mut e =
        Emitter { out: String::new(), rt: rt.to_string(), section: link_section.map(str::to_string), word, float_ty, n: 0 };
    e.prologue(abi)?;
    e.abi_check(abi);
    e.qstr_pool(abi, &new)?;
    let mut module_refs = Vec::new();
    for (mi, m) in parsed.iter().enumerate() {
        module_refs.push(e.module(abi, mi, m, &known)?);
    }
    // mp_frozen_names: each module's source name, NUL-terminated, then an empty name; the
    // source modules first (MicroPython counts them by mp_frozen_str_sizes)
    let mut names = Vec::new();
    for s in sources {
        names.extend_from_slice(s.path.as_bytes());
        names.push(0);
    }
    for m in &parsed {
        names.extend_from_slice(&m.qstrs[0]);
        names.push(0);
    }
    names.push(0);
    e.static_item("mp_frozen_names", &format!("[u8; {}]", names.len()), &byte_array(&names), true);
    if abi.get("config.MICROPY_MODULE_FROZEN_STR")? != 0 {
        // mp_frozen_str_sizes ends at the first 0, so an empty text is stored as one newline
        // (the same module to Python); mp_frozen_str_content: each text, NUL-terminated
        let texts: Vec<&[u8]> = sources.iter().map(|s| if s.text.is_empty() { &b"\n"[..] } else { s.text }).collect();
        let mut sizes = Vec::new();
        for (s, t) in sources.iter().zip(&texts) {
            let n = u32::try_from(t.len()).map_err(|_| format!("{}: too large for the frozen tables", s.path))?;
            sizes.push(n.to_string());
        }
        sizes.push("0".into());
        e.static_item("mp_frozen_str_sizes", &format!("[u32; {}]", sizes.len()), &format!("[{}]", sizes.join(", ")), true);
        let mut content = Vec::new();
        for t in &texts {
            content.extend_from_slice(t);
            content.push(0);
        }
        content.push(0);
        e.static_item("mp_frozen_str_content", &format!("[u8; {}]", content.len()), &byte_array(&content), true);
    }
    let content: Vec<String> = module_refs.iter().map(|r| e.ptr(r)).collect();
    e.static_item(
        "mp_frozen_mpy_content",
        &format!("[{}::StaticPtr; {}]", e.rt, content.len() + 1),
        &format!("[{}, {}::StaticPtr::NULL]", content.join(", "), e.rt),
        true,
    );
    Ok(e.out)
}

/// A module's native code must be for the architecture the interpreter runs (the Thumb
/// interpreters also run the older Thumb variants, as `MPY_FEATURE_ARCH_TEST` allows).
fn check_native_arch(abi: &Abi, m: &Module) -> Result<(), String> {
    use crate::native::Arch;
    let runs = abi.get("config.MPY_FEATURE_ARCH")? as u8;
    let name = |a: u8| {
        [Arch::X86, Arch::X64, Arch::Armv6, Arch::Armv6m, Arch::Armv7m, Arch::Armv7em, Arch::Armv7emsp, Arch::Armv7emdp]
            .into_iter()
            .chain([Arch::Xtensa, Arch::Xtensawin, Arch::Rv32imc, Arch::Rv64imc])
            .find(|x| *x as u8 == a)
            .map_or("none", Arch::name)
    };
    let thumb = Arch::Armv6m as u8..=Arch::Armv7emdp as u8;
    let ok = if thumb.contains(&runs) { (Arch::Armv6m as u8..=runs).contains(&m.arch) } else { m.arch == runs };
    if ok {
        return Ok(());
    }
    let source = String::from_utf8_lossy(&m.qstrs[0]);
    if runs == 0 {
        Err(format!(
            "{source}: native code (arch `{}`), but the interpreter is built without a native emitter \
             (freeze-micropython's `native` feature)",
            name(m.arch)
        ))
    } else {
        Err(format!("{source}: native code for `{}`, but the interpreter runs native code for `{}`", name(m.arch), name(runs)))
    }
}

struct Emitter {
    out: String,
    rt: String,
    section: Option<String>,
    word: usize,
    /// `mp_float_t` as a Rust type.
    float_ty: &'static str,
    n: usize,
}

fn byte_array(b: &[u8]) -> String {
    let mut s = String::from("[");
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        write!(s, "{x}").unwrap();
    }
    s.push(']');
    s
}

impl Emitter {
    fn fresh(&mut self, what: &str) -> String {
        self.n += 1;
        format!("__FREEZE_{}_{}", what, self.n)
    }

    fn static_item(&mut self, name: &str, ty: &str, value: &str, exported: bool) {
        if let Some(s) = &self.section {
            writeln!(self.out, "#[link_section = {s:?}]").unwrap();
        }
        if exported {
            self.out.push_str("#[no_mangle]\n#[used]\n");
        }
        writeln!(self.out, "static {name}: {ty} = {value};").unwrap();
    }

    /// A `StaticPtr` to the static `name`.
    fn ptr(&self, name: &str) -> String {
        format!("{}::StaticPtr::new(&raw const {name})", self.rt)
    }

    /// A word holding the immediate object value `v`.
    fn word_value(&self, v: u64) -> String {
        format!("{}::StaticPtr::word({v}usize)", self.rt)
    }

    /// Struct types with the interpreter's layouts, each checked against the ABI file at compile
    /// time.
    fn prologue(&mut self, abi: &Abi) -> Result<(), String> {
        let rt = self.rt.clone();
        let p = format!("{rt}::StaticPtr");
        let float_ty = self.float_ty;
        writeln!(
            self.out,
            "// Frozen tables for MicroPython {} (freeze-micropython ABI).\n\
             #[repr(C)] struct __FreezeStr {{ base: {p}, hash: usize, len: usize, data: {p} }}\n\
             #[repr(C)] struct __FreezeTuple<const N: usize> {{ base: {p}, len: usize, items: [{p}; N] }}\n\
             #[repr(C)] struct __FreezeFloat {{ base: {p}, value: {float_ty} }}\n\
             #[repr(C)] struct __FreezeComplex {{ base: {p}, real: {float_ty}, imag: {float_ty} }}\n\
             #[repr(C)] struct __FreezeInt {{ base: {p}, bits: usize, len: usize, dig: {p} }}\n\
             #[repr(C, align(4))] struct __FreezeCode<const N: usize>([u8; N]);\n\
             #[repr(C)] struct __FreezeRawCode {{ indicator: [u8; 2], kind: u8, is_generator: bool, fun_data: {p}, children: {p} }}\n\
             #[repr(C)] struct __FreezeModule {{ qstr_table: {p}, obj_table: {p}, proto_fun: {p} }}",
            abi.version
        )
        .unwrap();
        let checks: &[(&str, &str, &str)] = &[
            ("__FreezeStr", "", "mp_obj_str_t"),
            ("__FreezeStr", "hash", "mp_obj_str_t.hash"),
            ("__FreezeStr", "len", "mp_obj_str_t.len"),
            ("__FreezeStr", "data", "mp_obj_str_t.data"),
            ("__FreezeTuple<0>", "", "mp_obj_tuple_t"),
            ("__FreezeTuple<0>", "len", "mp_obj_tuple_t.len"),
            ("__FreezeTuple<0>", "items", "mp_obj_tuple_t.items"),
            ("__FreezeFloat", "", "mp_obj_float_t"),
            ("__FreezeFloat", "value", "mp_obj_float_t.value"),
            ("__FreezeComplex", "", "mp_obj_complex_t"),
            ("__FreezeComplex", "real", "mp_obj_complex_t.real"),
            ("__FreezeComplex", "imag", "mp_obj_complex_t.imag"),
            ("__FreezeInt", "", "mp_obj_int_t"),
            ("__FreezeInt", "bits", "mp_obj_int_t.mpz"),
            ("__FreezeRawCode", "", "mp_raw_code_truncated_t"),
            ("__FreezeRawCode", "kind", "mp_raw_code_truncated_t.kind"),
            ("__FreezeRawCode", "is_generator", "mp_raw_code_truncated_t.is_generator"),
            ("__FreezeRawCode", "fun_data", "mp_raw_code_truncated_t.fun_data"),
            ("__FreezeRawCode", "children", "mp_raw_code_truncated_t.children"),
            ("__FreezeModule", "", "mp_frozen_module_t"),
            ("__FreezeModule", "qstr_table", "mp_frozen_module_t.qstr_table"),
            ("__FreezeModule", "obj_table", "mp_frozen_module_t.obj_table"),
            ("__FreezeModule", "proto_fun", "mp_frozen_module_t.proto_fun"),
        ];
        for (ty, field, key) in checks {
            let (what, expected, actual) = if field.is_empty() {
                ("size", abi.usize(&format!("size.{key}"))?, format!("core::mem::size_of::<{ty}>()"))
            } else {
                ("offset", abi.usize(&format!("offset.{key}"))?, format!("core::mem::offset_of!({ty}, {field})"))
            };
            writeln!(
                self.out,
                "const _: () = assert!({actual} == {expected}, {:?});",
                format!("the interpreter's {key} {what} is {expected}, freeze's layout differs: a MicroPython build freeze does not know")
            )
            .unwrap();
        }
        // The mpz of a big int: the bit-field word (neg, fixed_dig, alloc), then len and dig.
        let mpz = abi.usize("offset.mp_obj_int_t.mpz")?;
        if abi.usize("offset.mpz_t.len")? != self.word || abi.usize("offset.mpz_t.dig")? != 2 * self.word || mpz != self.word {
            return Err("mpz_t's layout is not (bit-field word, len, dig)".into());
        }
        Ok(())
    }

    /// A reference to the symbol the interpreter build defines for this ABI file
    /// (freeze-micropython's port.c): tables made for another build fail to link, naming it.
    fn abi_check(&mut self, abi: &Abi) {
        let symbol = format!("freeze_micropython_abi_{}_tables_are_for_another_interpreter_build", abi.id);
        writeln!(self.out, "extern \"C\" {{ #[link_name = {symbol:?}] static __FREEZE_ABI_ID: u8; }}").unwrap();
        let check = format!("[{rt}::StaticPtr; 1]", rt = self.rt);
        let value = format!("[{}::StaticPtr::new(&raw const __FREEZE_ABI_ID)]", self.rt);
        self.out.push_str("#[used]\n");
        self.static_item("__FREEZE_ABI_CHECK", &check, &value, false);
        // MicroPython has one table of frozen modules: a second `tables = true` in the same
        // firmware is a duplicate definition of this symbol, which says so.
        self.static_item("freeze_tables_only_one_set_of_frozen_tables_per_firmware", "[u8; 4]", "[0; 4]", true);
    }

    fn qstr_pool(&mut self, abi: &Abi, new: &BTreeSet<&[u8]>) -> Result<(), String> {
        let rt = self.rt.clone();
        let w = self.word;
        let bytes_hash = abi.usize("config.MICROPY_QSTR_BYTES_IN_HASH")?;
        let bytes_len = abi.usize("config.MICROPY_QSTR_BYTES_IN_LEN")?;
        let n = new.len();
        // Layout: prev, total_prev_len:W-1 | is_sorted:1, alloc, len, [hashes], lengths, qstrs[].
        let expect_qstrs = if bytes_hash > 0 { 6 * w } else { 5 * w };
        if abi.usize("offset.qstr_pool_t.prev")? != 0
            || abi.usize("offset.qstr_pool_t.alloc")? != 2 * w
            || abi.usize("offset.qstr_pool_t.len")? != 3 * w
            || abi.usize("offset.qstr_pool_t.lengths")? != expect_qstrs - w
            || abi.usize("offset.qstr_pool_t.qstrs")? != expect_qstrs
        {
            return Err("qstr_pool_t's layout differs from (prev, total_prev_len|is_sorted, alloc, len, [hashes], lengths, qstrs)".into());
        }
        let mut strings = Vec::new();
        for q in new {
            let name = self.fresh("QSTR");
            let mut data = q.to_vec();
            data.push(0);
            self.static_item(&name, &format!("[u8; {}]", data.len()), &byte_array(&data), false);
            strings.push(self.ptr(&name));
        }
        let uint = |bytes: usize| uint_ty(bytes);
        let lengths_name = self.fresh("QSTR_LENGTHS");
        if new.iter().any(|q| q.len() >= 1usize << (8 * bytes_len)) {
            return Err(format!("a qstr longer than MICROPY_QSTR_BYTES_IN_LEN = {bytes_len} allows"));
        }
        let lengths: Vec<String> = new.iter().map(|q| q.len().to_string()).collect();
        self.static_item(&lengths_name, &format!("[{}; {n}]", uint(bytes_len)?), &format!("[{}]", lengths.join(",")), false);
        let mut header = vec![
            format!("{rt}::StaticPtr::new(&raw const {rt}::mp_qstr_const_pool)"),
            // total_prev_len in the low bits, is_sorted (true) in the top bit (GCC's little-endian
            // bit-field order; the ABI probe's offsets confirm the word layout)
            self.word_value(((abi.qstrs.len() as u64) & ((1u64 << (8 * w - 1)) - 1)) | (1u64 << (8 * w - 1))),
            self.word_value(n.min(10) as u64),
            self.word_value(n as u64),
        ];
        if bytes_hash > 0 {
            let hashes_name = self.fresh("QSTR_HASHES");
            let hashes: Vec<String> = new.iter().map(|q| qstr_hash(q, bytes_hash).to_string()).collect();
            self.static_item(&hashes_name, &format!("[{}; {n}]", uint(bytes_hash)?), &format!("[{}]", hashes.join(",")), false);
            header.push(self.ptr(&hashes_name));
        }
        header.push(self.ptr(&lengths_name));
        header.extend(strings);
        let len = header.len();
        self.static_item(
            "mp_qstr_frozen_const_pool",
            &format!("[{rt}::StaticPtr; {len}]"),
            &format!("[{}]", header.join(",\n    ")),
            true,
        );
        Ok(())
    }

    /// Emits one module; returns the name of its `mp_frozen_module_t` static.
    fn module(&mut self, abi: &Abi, mi: usize, m: &Module, known: &BTreeMap<&[u8], usize>) -> Result<String, String> {
        let qnums: Vec<String> = m.qstrs.iter().map(|q| known[q.as_slice()].to_string()).collect();
        let qtable = self.fresh(&format!("M{mi}_QSTRS"));
        self.static_item(&qtable, &format!("[u16; {}]", qnums.len()), &format!("[{}]", qnums.join(",")), false);
        let objs: Vec<String> = m
            .consts
            .iter()
            .map(|c| match c {
                Some(c) => self.obj(abi, c, known),
                None => Ok(format!("{}::StaticPtr::new(&raw const {}::mp_fun_table)", self.rt, self.rt)),
            })
            .collect::<Result<_, _>>()?;
        let otable = self.fresh(&format!("M{mi}_OBJS"));
        let p = format!("{}::StaticPtr", self.rt);
        self.static_item(&otable, &format!("[{p}; {}]", objs.len()), &format!("[{}]", objs.join(", ")), false);
        let proto = self.raw_code(abi, mi, &m.code)?;
        let name = self.fresh(&format!("M{mi}"));
        let qt = if m.qstrs.is_empty() { format!("{p}::NULL") } else { self.ptr(&qtable) };
        let ot = if m.consts.is_empty() { format!("{p}::NULL") } else { self.ptr(&otable) };
        self.static_item(
            &name,
            "__FreezeModule",
            &format!("__FreezeModule {{ qstr_table: {qt}, obj_table: {ot}, proto_fun: {proto} }}"),
            false,
        );
        Ok(name)
    }

    /// Emits a raw code (and its children); returns the proto-fun pointer expression.
    fn raw_code(&mut self, abi: &Abi, mi: usize, rc: &RawCode) -> Result<String, String> {
        let (fun, kind_const) = match rc.kind {
            CodeKind::Bytecode => {
                let fun = self.fresh(&format!("M{mi}_BC"));
                self.static_item(&fun, &format!("[u8; {}]", rc.fun_data.len()), &byte_array(&rc.fun_data), false);
                if rc.children.is_empty() {
                    // The bytecode is its own proto-fun.
                    return Ok(self.ptr(&fun));
                }
                (fun, "const.MP_CODE_BYTECODE")
            }
            CodeKind::NativePy { .. } => (self.machine_code(mi, rc), "const.MP_CODE_NATIVE_PY"),
            CodeKind::Viper { .. } => (self.machine_code(mi, rc), "const.MP_CODE_NATIVE_VIPER"),
        };
        let p = format!("{}::StaticPtr", self.rt);
        // A native function's prelude: after its children in `children` (alone, it is
        // `children` itself), in the code, or in a copy where the CPU cannot read code bytewise.
        let prelude = match rc.kind {
            CodeKind::NativePy { prelude_offset } => {
                if abi.get("config.MICROPY_EMIT_NATIVE_PRELUDE_SEPARATE_FROM_MACHINE_CODE")? != 0 {
                    let name = self.fresh(&format!("M{mi}_PRELUDE"));
                    let bytes = &rc.fun_data[prelude_offset..];
                    self.static_item(&name, &format!("[u8; {}]", bytes.len()), &byte_array(bytes), false);
                    Some(self.ptr(&name))
                } else {
                    Some(format!("{}.offset({prelude_offset})", self.ptr(&fun)))
                }
            }
            _ => None,
        };
        let children = if rc.children.is_empty() {
            prelude.unwrap_or_else(|| format!("{p}::NULL"))
        } else {
            let mut kids: Vec<String> = rc.children.iter().map(|c| self.raw_code(abi, mi, c)).collect::<Result<_, _>>()?;
            kids.extend(prelude);
            let kids_name = self.fresh(&format!("M{mi}_CHILDREN"));
            self.static_item(&kids_name, &format!("[{p}; {}]", kids.len()), &format!("[{}]", kids.join(", ")), false);
            self.ptr(&kids_name)
        };
        let name = self.fresh(&format!("M{mi}_RC"));
        let value = format!(
            "__FreezeRawCode {{ indicator: [{}, {}], kind: {}, is_generator: {}, fun_data: {}, children: {children} }}",
            abi.get("const.MP_PROTO_FUN_INDICATOR_RAW_CODE_0")?,
            abi.get("const.MP_PROTO_FUN_INDICATOR_RAW_CODE_1")?,
            abi.get(kind_const)?,
            rc.is_generator(),
            self.ptr(&fun),
        );
        self.static_item(&name, "__FreezeRawCode", &value, false);
        Ok(self.ptr(&name))
    }

    /// A native function's machine code, as is (code from mpy-cross or freeze has no
    /// relocations: it reaches the runtime through the module's tables). It must be executable
    /// where it lies: the firmware's `link_section` (on the ESP8266 `.irom0.text`, which runs
    /// from the flash cache, where MicroPython's own port spends IRAM), `.text` without one; and
    /// word-aligned, as mpy-tool aligns it (Xtensa code begins with the literals `l32r` loads).
    fn machine_code(&mut self, mi: usize, rc: &RawCode) -> String {
        let name = self.fresh(&format!("M{mi}_CODE"));
        let section = self.section.clone().unwrap_or_else(|| ".text".to_string());
        writeln!(self.out, "#[link_section = {section:?}]").unwrap();
        writeln!(self.out, "static {name}: __FreezeCode<{}> = __FreezeCode({});", rc.fun_data.len(), byte_array(&rc.fun_data))
            .unwrap();
        name
    }

    /// The object word of a constant (emitting the static object it points to, if any).
    fn obj(&mut self, abi: &Abi, c: &Const, known: &BTreeMap<&[u8], usize>) -> Result<String, String> {
        let rt = self.rt.clone();
        let p = format!("{rt}::StaticPtr");
        let tables = rt.clone();
        let repr_c = abi.get("config.MICROPY_OBJ_REPR")? == 2;
        // py/obj.h: representation A: qstr (q << 3) | 2, immediate (v << 3) | 6;
        // representation C: qstr (q << 4) | 6, immediate (v << 4) | 0xe. Small ints are
        // (n << 1) | 1 in both.
        let immediate = |v: u64| if repr_c { (v << 4) | 0xe } else { (v << 3) | 6 };
        let qstr_obj = |q: u64| if repr_c { (q << 4) | 6 } else { (q << 3) | 2 };
        Ok(match c {
            Const::None => self.word_value(immediate(0)),
            Const::False => self.word_value(immediate(1)),
            Const::True => self.word_value(immediate(3)),
            Const::Ellipsis => format!("{p}::new(&raw const {tables}::mp_const_ellipsis_obj)"),
            Const::Str(s) => match known.get(s.as_slice()) {
                Some(&q) => self.word_value(qstr_obj(q as u64)),
                None => self.str_obj(abi, "mp_type_str", s)?,
            },
            Const::Bytes(b) if b.is_empty() => format!("{p}::new(&raw const {tables}::mp_const_empty_bytes_obj)"),
            Const::Bytes(b) => self.str_obj(abi, "mp_type_bytes", b)?,
            Const::Int(i) => {
                let bits = 8 * self.word as u32 - 1;
                let small = i.to_i64().filter(|v| {
                    let lim = 1i128 << (bits - 1);
                    (-lim..lim).contains(&(*v as i128))
                });
                match small {
                    Some(v) => self.word_value((((v as i128) << 1) as u64 | 1) & word_mask(self.word)),
                    None => self.big_int(abi, i)?,
                }
            }
            Const::Float(f) => {
                if repr_c {
                    let n = (*f as f32).to_bits();
                    let n = ((n & !3) | 2).wrapping_add(0x8080_0000);
                    self.word_value(u64::from(n))
                } else {
                    let name = self.fresh("FLOAT");
                    let ty = self.float_ty;
                    self.static_item(
                        &name,
                        "__FreezeFloat",
                        &format!(
                            "__FreezeFloat {{ base: {p}::new(&raw const {tables}::mp_type_float), value: f64::from_bits({}) as {ty} }}",
                            f.to_bits()
                        ),
                        false,
                    );
                    self.ptr(&name)
                }
            }
            Const::Complex(re, im) => {
                let name = self.fresh("COMPLEX");
                let ty = self.float_ty;
                self.static_item(
                    &name,
                    "__FreezeComplex",
                    &format!(
                        "__FreezeComplex {{ base: {p}::new(&raw const {tables}::mp_type_complex), real: f64::from_bits({}) as {ty}, imag: f64::from_bits({}) as {ty} }}",
                        re.to_bits(),
                        im.to_bits()
                    ),
                    false,
                );
                self.ptr(&name)
            }
            Const::Tuple(items) if items.is_empty() => format!("{p}::new(&raw const {tables}::mp_const_empty_tuple_obj)"),
            Const::Tuple(items) => {
                let words: Vec<String> = items.iter().map(|c| self.obj(abi, c, known)).collect::<Result<_, _>>()?;
                let name = self.fresh("TUPLE");
                let n = words.len();
                self.static_item(
                    &name,
                    &format!("__FreezeTuple<{n}>"),
                    &format!(
                        "__FreezeTuple {{ base: {p}::new(&raw const {tables}::mp_type_tuple), len: {n}, items: [{}] }}",
                        words.join(", ")
                    ),
                    false,
                );
                self.ptr(&name)
            }
        })
    }

    fn str_obj(&mut self, abi: &Abi, ty: &str, s: &[u8]) -> Result<String, String> {
        let p = format!("{}::StaticPtr", self.rt);
        let data = self.fresh("STR_DATA");
        let mut bytes = s.to_vec();
        bytes.push(0);
        self.static_item(&data, &format!("[u8; {}]", bytes.len()), &byte_array(&bytes), false);
        let name = self.fresh("STR");
        let hash = qstr_hash(s, abi.usize("config.MICROPY_QSTR_BYTES_IN_HASH")?);
        self.static_item(
            &name,
            "__FreezeStr",
            &format!(
                "__FreezeStr {{ base: {p}::new(&raw const {}::{ty}), hash: {hash}, len: {}, data: {} }}",
                self.rt,
                s.len(),
                self.ptr(&data)
            ),
            false,
        );
        Ok(self.ptr(&name))
    }

    fn big_int(&mut self, abi: &Abi, i: &BigInt) -> Result<String, String> {
        if abi.get("config.MICROPY_LONGINT_IMPL")? != 2 {
            return Err(format!("the constant {i} needs long ints, which the interpreter builds without mpz"));
        }
        let dig_bits = abi.usize("config.MPZ_DIG_SIZE")?;
        let dig_bytes = abi.usize("size.mpz_dig_t")?;
        let (sign, mut mag) = (i.sign(), i.magnitude().clone());
        let mut digs = Vec::new();
        while !mag.is_zero() {
            let d = (&mag & num_bigint::BigUint::from((1u64 << dig_bits) - 1)).to_u64().unwrap_or(0);
            digs.push(d);
            mag >>= dig_bits;
        }
        let p = format!("{}::StaticPtr", self.rt);
        let dname = self.fresh("MPZ_DIGITS");
        let list: Vec<String> = digs.iter().map(u64::to_string).collect();
        self.static_item(&dname, &format!("[{}; {}]", uint_ty(dig_bytes)?, digs.len()), &format!("[{}]", list.join(",")), false);
        let neg = u64::from(sign == Sign::Minus);
        // neg:1, fixed_dig:1 (the digits are read-only), alloc: the rest
        let bits = neg | (1 << 1) | ((digs.len() as u64) << 2);
        let name = self.fresh("INT");
        self.static_item(
            &name,
            "__FreezeInt",
            &format!(
                "__FreezeInt {{ base: {p}::new(&raw const {}::mp_type_int), bits: {bits}, len: {}, dig: {} }}",
                self.rt,
                digs.len(),
                self.ptr(&dname)
            ),
            false,
        );
        Ok(self.ptr(&name))
    }
}

/// mpy-tool's `PERSISTENT_STR_INTERN_THRESHOLD`: str constants shorter than this many
/// characters are interned as qstrs of the frozen pool.
const STR_INTERN_THRESHOLD: usize = 25;

fn short_strs<'a>(c: &'a Const, out: &mut Vec<&'a [u8]>) {
    match c {
        Const::Str(s) if std::str::from_utf8(s).is_ok_and(|t| t.chars().count() < STR_INTERN_THRESHOLD) => out.push(s),
        Const::Tuple(items) => items.iter().for_each(|i| short_strs(i, out)),
        _ => {}
    }
}

fn word_mask(word: usize) -> u64 {
    if word >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * word)) - 1
    }
}

fn uint_ty(bytes: usize) -> Result<&'static str, String> {
    Ok(match bytes {
        1 => "u8",
        2 => "u16",
        4 => "u32",
        8 => "u64",
        n => return Err(format!("no unsigned type of {n} bytes")),
    })
}

/// qstr.c's hash (as makeqstrdata.py computes it), in the configured width.
pub fn qstr_hash(bytes: &[u8], bytes_in_hash: usize) -> u64 {
    let mut hash: u64 = 5381;
    for &b in bytes {
        hash = hash.wrapping_mul(33) ^ u64::from(b);
    }
    let bits = 8 * if bytes_in_hash == 0 { 2 } else { bytes_in_hash };
    match hash & ((1u64 << bits) - 1) {
        0 => 1,
        h => h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abi_text(frozen: i64, qstrs: usize, number_of: usize, id: &str) -> String {
        let mut t = String::from("# test\nversion 1.23.0\n");
        t += &format!("config.MICROPY_MODULE_FROZEN_MPY {frozen}\nconfig.MICROPY_EMIT_BYTECODE_USES_QSTR_TABLE 1\n");
        t += &format!("config.MP_QSTRnumber_of {number_of}\n");
        for i in 0..qstrs {
            t += &format!("qstr {}\n", format!("q{i}").bytes().map(|b| format!("{b:02x}")).collect::<String>());
        }
        t + &format!("id {id}\n")
    }

    #[test]
    fn abi_files_from_elsewhere_are_refused_with_the_reason() {
        assert!(Abi::parse(&abi_text(1, 3, 3, "0123abcd")).is_ok());
        let no_frozen = Abi::parse(&abi_text(0, 3, 3, "0123abcd")).err().unwrap();
        assert!(no_frozen.contains("without MICROPY_MODULE_FROZEN_MPY"), "{no_frozen}");
        let other = Abi::parse(&abi_text(1, 3, 4, "0123abcd")).err().unwrap();
        assert!(other.contains("a file from another build?"), "{other}");
        let no_id = Abi::parse(&abi_text(1, 3, 3, "")).err().unwrap();
        assert!(no_id.contains("not a freeze-micropython ABI file"), "{no_id}");
        assert!(Abi::parse("hello world\n").is_err());
        assert!(Abi::parse("").is_err());
    }

    #[test]
    fn complex_reprs_parse() {
        assert_eq!(parse_complex("2j"), Some((0.0, 2.0)));
        assert_eq!(parse_complex("(1+2j)"), Some((1.0, 2.0)));
        assert_eq!(parse_complex("(-1-2e-05j)"), Some((-1.0, -2e-05)));
        assert_eq!(parse_complex("(1e+30+1j)"), Some((1e30, 1.0)));
    }

    /// Found by the `frozen_tables` fuzz target: a `.mpy` without qstrs made `emit` index the
    /// missing source file name (a panic in the proc macro). Seen while fixing it: a huge qstr or
    /// constant count was reserved before anything was read (a capacity-overflow panic).
    #[test]
    fn damaged_module_headers_are_errors() {
        assert!(read_module(b"M\x06\x00\x1f\x00\x00\x00").err().unwrap().contains("no qstrs"));
        assert!(read_module(b"M\x06\x00\x1f\xff\xff\xff\xff\xff\xff\xff\xff\x7f\x00").is_err());
        assert!(read_module(b"M\x06\x00\x1f\x01\xff\xff\xff\xff\xff\xff\xff\xff\x7f\x03a\x00").is_err());
    }

    #[test]
    fn missing_probe_values_are_named() {
        // a module the compiler wrote, against a minimal ABI of a 32-bit representation-C build
        let mpy = crate::compile("X = 1\n", "m.py", &crate::Options::default()).unwrap();
        let mut t = abi_text(1, 2, 2, "0badcafe");
        for (k, v) in [
            ("size.void_p", 4),
            ("config.MICROPY_OBJ_REPR", 2),
            ("config.MICROPY_PERSISTENT_CODE_SAVE", 0),
            ("config.MICROPY_PY_SYS_SETTRACE", 0),
        ] {
            t += &format!("{k} {v}\n");
        }
        // the layout checks need the probe's values; without them the emitter says which is missing
        let err = emit(&[&mpy], &[], &Abi::parse(&t).unwrap(), "rt", None).err().unwrap();
        assert!(err.contains("has no `size.qstr_hash_t`"), "{err}");
    }
}
