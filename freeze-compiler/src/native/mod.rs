//! Native code targets: the architectures `mpy-cross -march=` names, the default emitter
//! (`-X emit=`), and how a `.mpy` header records them (`py/persistentcode.h`).
//!
//! A module is native when any of its scopes is compiled by a native emitter (a
//! `@micropython.native` or `@micropython.viper` function, or every scope with
//! `-X emit=native|viper`); only then does the header carry the architecture. Architecture
//! flags (`-march-flags=`, rv32imc only) are written whenever given.

pub mod asm;
pub mod asm_base;
pub mod inline_asm;
pub mod inline_thumb;
pub mod inline_rv32;
pub mod inline_xtensa;
pub mod viper;

/// A target architecture, numbered as `MP_NATIVE_ARCH_*` (the number is what the `.mpy`
/// header stores in bits 2..7 of its third byte).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Arch {
    /// No `-march`: bytecode only; native decorators are refused ("invalid arch").
    #[default]
    None = 0,
    X86 = 1,
    X64 = 2,
    Armv6 = 3,
    Armv6m = 4,
    Armv7m = 5,
    Armv7em = 6,
    Armv7emsp = 7,
    Armv7emdp = 8,
    Xtensa = 9,
    Xtensawin = 10,
    Rv32imc = 11,
    Rv64imc = 12,
    Debug = 13,
}

impl Arch {
    /// The architecture `-march=<name>` selects, as mpy-cross 1.29 reads it (`host` is the
    /// machine the compiler runs on, `None` where mpy-cross cannot tell).
    pub fn from_name(name: &str) -> Option<Arch> {
        Some(match name {
            "x86" => Arch::X86,
            "x64" => Arch::X64,
            "armv6" => Arch::Armv6,
            "armv6m" => Arch::Armv6m,
            "armv7m" => Arch::Armv7m,
            "armv7em" => Arch::Armv7em,
            "armv7emsp" => Arch::Armv7emsp,
            "armv7emdp" => Arch::Armv7emdp,
            "xtensa" => Arch::Xtensa,
            "xtensawin" => Arch::Xtensawin,
            "rv32imc" => Arch::Rv32imc,
            "rv64imc" => Arch::Rv64imc,
            "debug" => Arch::Debug,
            "host" => return Arch::host(),
            _ => return None,
        })
    }

    /// `-march=host`: the architecture of this machine (mpy-cross's compile-time choice).
    pub fn host() -> Option<Arch> {
        if cfg!(target_arch = "x86_64") {
            Some(Arch::X64)
        } else if cfg!(target_arch = "x86") {
            Some(Arch::X86)
        } else if cfg!(all(target_arch = "arm", not(target_feature = "thumb2"))) {
            Some(Arch::Armv6)
        } else if cfg!(target_arch = "riscv64") {
            Some(Arch::Rv64imc)
        } else {
            None
        }
    }

    /// mpy-cross 1.29 has a native emitter (`@micropython.native`, `viper`) for this
    /// architecture; without one those decorators are "invalid arch".
    pub fn has_native_emitter(self) -> bool {
        !matches!(self, Arch::None | Arch::Rv64imc)
    }

    /// mpy-cross 1.29 has an inline assembler (`@micropython.asm_*`) for this architecture.
    pub fn has_inline_asm(self) -> bool {
        // (armv6 has the Thumb one: an ARM core runs Thumb code too)
        !matches!(self, Arch::None | Arch::X86 | Arch::X64 | Arch::Rv64imc)
    }

    /// The name `-march=` takes.
    pub fn name(self) -> &'static str {
        match self {
            Arch::None => "none",
            Arch::X86 => "x86",
            Arch::X64 => "x64",
            Arch::Armv6 => "armv6",
            Arch::Armv6m => "armv6m",
            Arch::Armv7m => "armv7m",
            Arch::Armv7em => "armv7em",
            Arch::Armv7emsp => "armv7emsp",
            Arch::Armv7emdp => "armv7emdp",
            Arch::Xtensa => "xtensa",
            Arch::Xtensawin => "xtensawin",
            Arch::Rv32imc => "rv32imc",
            Arch::Rv64imc => "rv64imc",
            Arch::Debug => "debug",
        }
    }

    /// Architecture flags as mpy-cross 1.29 accepts them for this architecture
    /// (`-march-flags=`): rv32imc's extensions as a number (decimal, `0x`, `0o`, `0b`) or a
    /// comma-separated list of `zba`, `zcmp`. `Err` is mpy-cross's message.
    pub fn parse_flags(self, text: &str) -> Result<u32, String> {
        const RV32_EXT_ZBA: u64 = 1;
        const RV32_EXT_ZCMP: u64 = 2;
        let refused = || "unrecognised arch flags".to_string();
        if self != Arch::Rv32imc {
            return Err(refused());
        }
        let flags = parse_flag_number(text).or_else(|| {
            let mut flags = 0;
            // (mpy-cross's loop ends at a single trailing comma)
            for part in text.strip_suffix(',').unwrap_or(text).split(',') {
                flags |= match part {
                    "zba" => RV32_EXT_ZBA,
                    "zcmp" => RV32_EXT_ZCMP,
                    _ => return None,
                };
            }
            (flags != 0).then_some(flags)
        });
        match flags {
            Some(f) if f & !(RV32_EXT_ZBA | RV32_EXT_ZCMP) == 0 => Ok(f as u32),
            _ => Err(refused()),
        }
    }
}

/// A number as mpy-cross's `parse_integer` reads `-march-flags=` (MicroPython's base prefixes,
/// then `strtoul`: no sign, nothing after the digits).
fn parse_flag_number(text: &str) -> Option<u64> {
    let lower = text.trim_start().to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d, 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d, 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d, 2)
    } else {
        (lower.as_str(), 10)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// The emitter a scope is compiled with by default (`-X emit=`), before decorators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EmitOpt {
    #[default]
    Bytecode,
    Native,
    Viper,
}

/// Bit in the header's third byte: architecture flags follow the header.
pub const MPY_FEATURE_ARCH_FLAGS: u8 = 0x40;
/// The `.mpy` sub-version a native module carries in the header's low two bits.
pub const MPY_SUB_VERSION: u8 = 3;

/// The header's third byte.
pub fn header_feature_byte(arch: Arch, arch_flags: u32, has_native: bool) -> u8 {
    let mut b = if arch_flags != 0 { MPY_FEATURE_ARCH_FLAGS } else { 0 };
    if has_native {
        b |= (arch as u8) << 2 | MPY_SUB_VERSION;
    }
    b
}
