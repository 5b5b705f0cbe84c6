//! Prebuilt `.mpy` files frozen next to sources (vendor libraries): passed through unchanged
//! after a check that the firmware the build is for can load them, so that a mismatch is a
//! build error naming the file instead of an `ImportError` on the device.
//!
//! The header (MicroPython's `persistentcode.c`): `'M'`, the major version (6), a flags byte
//! (bits 5..2 the native architecture, bits 1..0 the sub-version, which only a file with native
//! code carries: a bytecode-only file has 0 there, whatever `-march` it was compiled with), and
//! the small-int bits it was compiled for.
//! MicroPython refuses a file whose small ints are wider than its own; this build compiles for
//! `small_int_bits`, so a prebuilt file must not need more. The whole file is then read with the
//! compiler's `.mpy` reader, so a truncated or damaged file is refused here too.

use freeze_compiler::Options;

/// The sub-version MicroPython 1.23 and later write (and the only one they load) with native code.
const SUB_VERSION: u8 = 3;

/// Checks `mpy` (the file `shown`) against the build's options; the error names the file and
/// both values.
pub fn check(mpy: &[u8], options: &Options, shown: &str) -> Result<(), String> {
    let bad = |what: String| Err(format!("freeze!: prebuilt `{shown}`: {what}"));
    if mpy.len() < 4 || mpy[0] != b'M' {
        return bad("not a .mpy file (it must start with `M` and a 4-byte header)".into());
    }
    if mpy[1] != 6 {
        return bad(format!(".mpy version {}, this build makes and loads version 6 (MicroPython 1.22 and later)", mpy[1]));
    }
    let (flags, bits) = (mpy[2], mpy[3]);
    let arch = (flags >> 2) & 0x0f;
    let sub_version = flags & 3;
    if flags & 0xc0 != 0 {
        return bad(format!("flags byte 0x{flags:02x} has bits set this build does not know (architecture flags or reserved)"));
    }
    // bytecode runs on every architecture; native code only on its own
    let build_arch = options.arch as u8;
    if arch != 0 && arch != build_arch {
        return bad(format!(
            "compiled for architecture `{}`, this build's is `{}`{}",
            arch_name(arch),
            arch_name(build_arch),
            if build_arch == 0 { " (bytecode only; native code needs the firmware's architecture)" } else { "" }
        ));
    }
    if arch != 0 && sub_version != SUB_VERSION {
        return bad(format!("native .mpy sub-version {sub_version}, this build's is {SUB_VERSION} (MicroPython 1.23 and later)"));
    }
    if arch == 0 && sub_version != 0 {
        return bad(format!("bytecode-only .mpy with sub-version {sub_version} in its header, mpy-cross writes 0"));
    }
    if bits > options.small_int_bits {
        return bad(format!(
            "compiled for {bits}-bit small ints, this build's `small_int_bits` is {}; recompile it with `mpy-cross -msmall-int-bits={}`",
            options.small_int_bits, options.small_int_bits
        ));
    }
    freeze_compiler::dis::disassemble(mpy).map(|_| ()).or_else(|e| bad(format!("damaged .mpy: {e}")))
}

/// `mpy-cross -march=` names.
fn arch_name(arch: u8) -> &'static str {
    const NAMES: [&str; 13] = [
        "none", "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp", "armv7emdp", "xtensa", "xtensawin",
        "rv32imc", "rv64imc",
    ];
    NAMES.get(usize::from(arch)).copied().unwrap_or("unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_mismatches_name_both_values() {
        let o = Options::default();
        let good = freeze_compiler::compile("x = 1\n", "m.py", &o).unwrap();
        assert!(check(&good, &o, "m.mpy").is_ok());
        let with = |i: usize, v: u8| {
            let mut m = good.clone();
            m[i] = v;
            check(&m, &o, "lib/m.mpy").unwrap_err()
        };
        for (e, want) in [
            (with(0, b'C'), "prebuilt `lib/m.mpy`: not a .mpy file"),
            (with(1, 5), ".mpy version 5, this build makes and loads version 6"),
            (with(2, 9 << 2 | 3), "compiled for architecture `xtensa`, this build's is `none` (bytecode only"),
            (with(2, 1), "sub-version 1"),
            (with(3, 63), "compiled for 63-bit small ints, this build's `small_int_bits` is 31"),
            (check(&good[..good.len() - 2], &o, "t.mpy").unwrap_err(), "damaged .mpy"),
            (check(b"M", &o, "s.mpy").unwrap_err(), "not a .mpy file"),
        ] {
            assert!(e.contains(want), "{e:?} should contain {want:?}");
        }
        // native code for the build's architecture passes the header check
        let xtensa = Options { arch: freeze_compiler::native::Arch::Xtensa, ..Options::default() };
        let mut native = good.clone();
        native[2] = 9 << 2 | 3;
        let e = check(&native, &xtensa, "n.mpy").err().unwrap_or_default();
        assert!(!e.contains("architecture") && !e.contains("sub-version"), "{e}");
        // fewer small-int bits than the firmware's load fine
        let mut narrow = good.clone();
        narrow[3] = 15;
        assert!(check(&narrow, &o, "n.mpy").is_ok());
    }
}
