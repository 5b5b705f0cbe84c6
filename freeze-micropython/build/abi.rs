//! The interpreter's ABI for frozen tables (`freeze!(..., tables)`): everything the macro must
//! know to emit MicroPython's frozen-module tables as Rust statics for *this* build, learnt from
//! the build itself and never guessed:
//!
//! - the qstr numbering (`qstrdefs.generated.h`, index = position);
//! - configuration values that change what the tables contain (object representation, qstr
//!   hash and length widths, MPZ digit size, whether raw codes carry their lengths);
//! - sizes and field offsets of the C structs the tables are made of, from a probe compiled with
//!   the target's C compiler (`-S`: the values are read from the assembler output, so nothing
//!   built for the target has to run on the build machine).
//!
//! Written to `$OUT_DIR/abi.txt` and announced as `cargo:abi` (`DEP_MICROPYTHON_ABI` in the
//! firmware's build script, which hands it to `freeze!` with `cargo:rustc-env`).

use std::fmt::Write as _;
use std::path::Path;

use crate::compiler::Compiler;

/// `(name, C expression)`: each becomes a line `<name> <value>` of the ABI file.
const PROBES: &[(&str, &str)] = &[
    ("config.MICROPY_OBJ_REPR", "MICROPY_OBJ_REPR"),
    ("config.MICROPY_QSTR_BYTES_IN_HASH", "MICROPY_QSTR_BYTES_IN_HASH"),
    ("config.MICROPY_QSTR_BYTES_IN_LEN", "MICROPY_QSTR_BYTES_IN_LEN"),
    ("config.MICROPY_LONGINT_IMPL", "MICROPY_LONGINT_IMPL"),
    ("config.MICROPY_FLOAT_IMPL", "MICROPY_FLOAT_IMPL"),
    ("config.MPZ_DIG_SIZE", "MPZ_DIG_SIZE"),
    ("config.MICROPY_PERSISTENT_CODE_SAVE", "MICROPY_PERSISTENT_CODE_SAVE"),
    ("config.MICROPY_MODULE_FROZEN_MPY", "MICROPY_MODULE_FROZEN_MPY"),
    ("config.MICROPY_MODULE_FROZEN_STR", "MICROPY_MODULE_FROZEN_STR"),
    ("config.MICROPY_EMIT_BYTECODE_USES_QSTR_TABLE", "MICROPY_EMIT_BYTECODE_USES_QSTR_TABLE"),
    ("config.MICROPY_PY_SYS_SETTRACE", "MICROPY_PY_SYS_SETTRACE"),
    ("config.MICROPY_EMIT_MACHINE_CODE", "MICROPY_EMIT_MACHINE_CODE"),
    ("config.MP_QSTRnumber_of", "MP_QSTRnumber_of"),
    ("const.MP_CODE_BYTECODE", "MP_CODE_BYTECODE"),
    // native code (freeze-micropython's `native` feature): which architecture the interpreter
    // runs, the raw-code kinds, and whether a native prelude must live apart from the code
    ("config.MPY_FEATURE_ARCH", "MPY_FEATURE_ARCH"),
    ("config.MICROPY_EMIT_INLINE_ASM", "MICROPY_EMIT_INLINE_ASM"),
    ("config.MICROPY_EMIT_NATIVE_PRELUDE_SEPARATE_FROM_MACHINE_CODE", "MICROPY_EMIT_NATIVE_PRELUDE_SEPARATE_FROM_MACHINE_CODE"),
    ("const.MP_CODE_NATIVE_PY", "MP_CODE_NATIVE_PY"),
    ("const.MP_CODE_NATIVE_VIPER", "MP_CODE_NATIVE_VIPER"),
    ("const.MP_PROTO_FUN_INDICATOR_RAW_CODE_0", "MP_PROTO_FUN_INDICATOR_RAW_CODE_0"),
    ("const.MP_PROTO_FUN_INDICATOR_RAW_CODE_1", "MP_PROTO_FUN_INDICATOR_RAW_CODE_1"),
    ("size.void_p", "sizeof(void *)"),
    ("size.mp_float_t", "sizeof(mp_float_t)"),
    ("size.qstr_short_t", "sizeof(qstr_short_t)"),
    ("size.qstr_hash_t", "sizeof(qstr_hash_t)"),
    ("size.qstr_len_t", "sizeof(qstr_len_t)"),
    ("size.mpz_dig_t", "sizeof(mpz_dig_t)"),
    ("size.qstr_pool_t", "sizeof(qstr_pool_t)"),
    ("offset.qstr_pool_t.prev", "offsetof(qstr_pool_t, prev)"),
    ("offset.qstr_pool_t.alloc", "offsetof(qstr_pool_t, alloc)"),
    ("offset.qstr_pool_t.len", "offsetof(qstr_pool_t, len)"),
    ("offset.qstr_pool_t.lengths", "offsetof(qstr_pool_t, lengths)"),
    ("offset.qstr_pool_t.qstrs", "offsetof(qstr_pool_t, qstrs)"),
    ("size.mp_raw_code_truncated_t", "sizeof(mp_raw_code_truncated_t)"),
    ("offset.mp_raw_code_truncated_t.kind", "offsetof(mp_raw_code_truncated_t, kind)"),
    ("offset.mp_raw_code_truncated_t.is_generator", "offsetof(mp_raw_code_truncated_t, is_generator)"),
    ("offset.mp_raw_code_truncated_t.fun_data", "offsetof(mp_raw_code_truncated_t, fun_data)"),
    ("offset.mp_raw_code_truncated_t.children", "offsetof(mp_raw_code_truncated_t, children)"),
    ("size.mp_frozen_module_t", "sizeof(mp_frozen_module_t)"),
    ("offset.mp_frozen_module_t.qstr_table", "offsetof(mp_frozen_module_t, constants.qstr_table)"),
    ("offset.mp_frozen_module_t.obj_table", "offsetof(mp_frozen_module_t, constants.obj_table)"),
    ("offset.mp_frozen_module_t.proto_fun", "offsetof(mp_frozen_module_t, proto_fun)"),
    ("size.mp_obj_str_t", "sizeof(mp_obj_str_t)"),
    ("offset.mp_obj_str_t.hash", "offsetof(mp_obj_str_t, hash)"),
    ("offset.mp_obj_str_t.len", "offsetof(mp_obj_str_t, len)"),
    ("offset.mp_obj_str_t.data", "offsetof(mp_obj_str_t, data)"),
    ("size.mp_obj_tuple_t", "sizeof(mp_obj_tuple_t)"),
    ("offset.mp_obj_tuple_t.len", "offsetof(mp_obj_tuple_t, len)"),
    ("offset.mp_obj_tuple_t.items", "offsetof(mp_obj_tuple_t, items)"),
    ("size.mp_obj_float_t", "sizeof(freeze_float_t)"),
    ("offset.mp_obj_float_t.value", "offsetof(freeze_float_t, value)"),
    ("size.mp_obj_complex_t", "sizeof(freeze_complex_t)"),
    ("offset.mp_obj_complex_t.real", "offsetof(freeze_complex_t, real)"),
    ("offset.mp_obj_complex_t.imag", "offsetof(freeze_complex_t, imag)"),
    ("size.mp_obj_int_t", "sizeof(mp_obj_int_t)"),
    ("offset.mp_obj_int_t.mpz", "offsetof(mp_obj_int_t, mpz)"),
    ("offset.mpz_t.len", "offsetof(mpz_t, len)"),
    ("offset.mpz_t.dig", "offsetof(mpz_t, dig)"),
    ("config.MICROPY_OBJ_IMMEDIATE_OBJS", "MICROPY_OBJ_IMMEDIATE_OBJS"),
];

/// Probe source: one `const` per value, so that `cc -S` writes each as a number after its label.
fn probe_source() -> String {
    let mut c = String::from(
        "// Generated by freeze-micropython: values the frozen-table emitter needs, read from `cc -S`.\n\
         #include <stddef.h>\n#include \"py/obj.h\"\n#include \"py/objstr.h\"\n#include \"py/objtuple.h\"\n\
         #include \"py/objint.h\"\n#include \"py/mpz.h\"\n#include \"py/emitglue.h\"\n#include \"py/bc.h\"\n\
         #include \"py/frozenmod.h\"\n#include \"py/qstr.h\"\n#include \"py/persistentcode.h\"\n\
         // objfloat.c's and objcomplex.c's private structs, as those files define them\n\
         typedef struct { mp_obj_base_t base; mp_float_t value; } freeze_float_t;\n\
         typedef struct { mp_obj_base_t base; mp_float_t real, imag; } freeze_complex_t;\n",
    );
    for (i, (_, expr)) in PROBES.iter().enumerate() {
        writeln!(c, "const unsigned long long freeze_probe_{i} = (unsigned long long)({expr});").unwrap();
    }
    c
}

/// Reads `freeze_probe_<i>:` labels and the number after each from assembler output (`.quad`,
/// `.long`/`.word` pairs on 32-bit targets, little-endian).
fn parse_probe_asm(asm: &str) -> Result<Vec<u64>, String> {
    let mut values = vec![None; PROBES.len()];
    let lines: Vec<&str> = asm.lines().map(str::trim).collect();
    for (n, line) in lines.iter().enumerate() {
        let Some(i) = line.strip_prefix("freeze_probe_").and_then(|l| l.strip_suffix(':')).and_then(|l| l.parse::<usize>().ok())
        else {
            continue;
        };
        let mut words = Vec::new();
        for l in &lines[n + 1..] {
            let mut parts = l.split_whitespace();
            match (parts.next(), parts.next()) {
                (Some(".quad" | ".8byte"), Some(v)) => words.push((parse_num(v)?, 64)),
                (Some(".long" | ".word" | ".4byte" | ".int"), Some(v)) => words.push((parse_num(v)?, 32)),
                (Some(".zero" | ".space"), Some(v)) => {
                    let bytes = parse_num(v)?;
                    for _ in 0..bytes / 4 {
                        words.push((0, 32));
                    }
                }
                _ => {}
            }
            if words.iter().map(|w| w.1).sum::<u32>() >= 64 {
                break;
            }
        }
        let value = match words.as_slice() {
            [(v, 64), ..] => *v,
            [(lo, 32), (hi, 32), ..] => (*lo & 0xffff_ffff) | (*hi << 32),
            _ => return Err(format!("probe {i} ({}): no value in the assembler output", PROBES[i].0)),
        };
        values[i] = Some(value);
    }
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| v.ok_or_else(|| format!("probe {} missing from the assembler output", PROBES[i].0)))
        .collect()
}

fn parse_num(v: &str) -> Result<u64, String> {
    let v = v.trim_end_matches(',');
    let parsed = if let Some(h) = v.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()
    } else if let Some(neg) = v.strip_prefix('-') {
        neg.parse::<u64>().ok().map(|n| n.wrapping_neg())
    } else {
        v.parse::<u64>().ok()
    };
    parsed.ok_or_else(|| format!("not a number in the probe's assembler output: {v}"))
}

/// The qstrs of `qstrdefs.generated.h`, in index order (`QDEF0(MP_QSTRnull, ...)` is index 0).
///
/// The index is not the line's position: `py/qstr.h` numbers every `QDEF0` line first (the
/// static pool), in file order, then every `QDEF1` line (the const pool), and makeqstrdata.py
/// interleaves the two kinds in the file (it sorts by its own order, not by pool).
fn qstrs_of_header(header: &str) -> Result<Vec<Vec<u8>>, String> {
    let mut pools: [Vec<Vec<u8>>; 2] = [Vec::new(), Vec::new()];
    for line in header.lines().filter(|l| l.starts_with("QDEF")) {
        let pool = match line.as_bytes().get(4) {
            Some(b'0') => 0,
            Some(b'1') => 1,
            _ => return Err(format!("unexpected qstrdefs line (neither QDEF0 nor QDEF1): {line}")),
        };
        let open = line.find('"').ok_or_else(|| format!("unexpected qstrdefs line: {line}"))?;
        let body = line[open + 1..].strip_suffix("\")").ok_or_else(|| format!("unexpected qstrdefs line: {line}"))?;
        let mut bytes = Vec::new();
        let b = body.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') && i + 3 < b.len() {
                let hex = std::str::from_utf8(&b[i + 2..i + 4]).map_err(|_| format!("bad escape: {line}"))?;
                bytes.push(u8::from_str_radix(hex, 16).map_err(|_| format!("bad escape: {line}"))?);
                i += 4;
            } else {
                bytes.push(b[i]);
                i += 1;
            }
        }
        pools[pool].push(bytes);
    }
    let [mut out, const_pool] = pools;
    out.extend(const_pool);
    Ok(out)
}

/// Probes the build and writes `abi.txt` into `out`; returns its path.
pub fn write(cc: &Compiler, out: &Path, qstrdefs_header: &str, version: &str) -> Result<std::path::PathBuf, String> {
    let probe = out.join("abi_probe.c");
    std::fs::write(&probe, probe_source()).map_err(|e| format!("cannot write {}: {e}", probe.display()))?;
    let asm = cc.assemble_listing(&probe)?;
    let values = parse_probe_asm(&asm)?;
    let qstrs = qstrs_of_header(qstrdefs_header)?;

    let mut abi = String::from("# freeze-micropython ABI of this interpreter build, for freeze!(..., tables). Generated.\n");
    writeln!(abi, "version {version}").unwrap();
    for ((name, _), v) in PROBES.iter().zip(&values) {
        writeln!(abi, "{name} {}", *v as i64).unwrap();
    }
    for q in &qstrs {
        let hex: String = q.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(abi, "qstr {hex}").unwrap();
    }
    // The build's identity: a hash of everything above. port.c defines a symbol named after it,
    // and frozen tables reference that symbol, so tables made for another build fail to link,
    // naming the mismatch, instead of running with the wrong qstrs.
    let id = abi.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    writeln!(abi, "id {id:08x}").unwrap();
    crate::genhdr::write(
        &out.join("genhdr").join("freeze_abi.h"),
        &format!("// Generated by freeze-micropython: the identity of this build's ABI file (abi.txt).\n#define FREEZE_ABI_SYMBOL {}\n", abi_symbol(id)),
    );
    let path = out.join("abi.txt");
    crate::genhdr::write(&path, &abi);
    Ok(path)
}

/// The symbol port.c defines for the build with ABI id `id` (freeze-compiler's frozen_tables
/// references the same name).
fn abi_symbol(id: u32) -> String {
    format!("freeze_micropython_abi_{id:08x}_tables_are_for_another_interpreter_build")
}
