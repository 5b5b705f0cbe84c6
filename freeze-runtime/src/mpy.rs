//! The `.mpy` header, and whether a firmware can load the file.
//!
//! Layout (MicroPython `docs/reference/mpyfiles.rst`, `py/persistentcode.c`):
//!
//! | byte | meaning |
//! |---|---|
//! | 0 | `'M'` |
//! | 1 | major version (6) |
//! | 2 | bit 7 reserved (0); bit 6: an architecture-flags varuint follows the header; bits 5..2: native architecture (0 = bytecode only); bits 1..0: sub-version |
//! | 3 | number of bits in a small int |
//!
//! The sub-version is written only for files with native code: a bytecode-only file has
//! byte 2 = 0 (`mpy-cross` 1.29 writes `4d 06 00 1f`), and loaders ignore the sub-version of such
//! files. The architecture-flags varuint is big-endian base-128, as all `.mpy` varuints.

use crate::RomBytes;

/// The `.mpy` major version this crate reads and `freeze!` writes.
pub const MPY_VERSION: u8 = 6;
/// The sub-version of MicroPython 1.23 and later (only written with native code).
pub const MPY_SUB_VERSION: u8 = 3;

/// Native architecture numbers (bits 5..2 of the flags byte).
pub mod arch {
    /// Bytecode only.
    pub const NONE: u8 = 0;
    /// x86.
    pub const X86: u8 = 1;
    /// x86-64.
    pub const X64: u8 = 2;
    /// ARMv6.
    pub const ARMV6: u8 = 3;
    /// ARMv6-M (Thumb).
    pub const ARMV6M: u8 = 4;
    /// ARMv7-M.
    pub const ARMV7M: u8 = 5;
    /// ARMv7E-M.
    pub const ARMV7EM: u8 = 6;
    /// ARMv7E-M with single-precision FPU.
    pub const ARMV7EMSP: u8 = 7;
    /// ARMv7E-M with double-precision FPU.
    pub const ARMV7EMDP: u8 = 8;
    /// Xtensa (CALL0 ABI, e.g. the ESP8266).
    pub const XTENSA: u8 = 9;
    /// Xtensa with windowed registers (ESP32).
    pub const XTENSAWIN: u8 = 10;
    /// RISC-V 32-bit, IMC.
    pub const RV32IMC: u8 = 11;
    /// RISC-V 64-bit, IMC.
    pub const RV64IMC: u8 = 12;

    /// The name `mpy-cross -march=` uses for an architecture number.
    pub fn name(arch: u8) -> Option<&'static str> {
        const NAMES: [&str; 13] = [
            "none", "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp", "armv7emdp", "xtensa",
            "xtensawin", "rv32imc", "rv64imc",
        ];
        NAMES.get(usize::from(arch)).copied()
    }
}

/// Flags-byte bit: an architecture-flags varuint follows the header.
pub const FLAG_ARCH_FLAGS: u8 = 0x40;
/// Flags-byte bit that must be 0.
pub const FLAG_RESERVED: u8 = 0x80;

/// The facts in a `.mpy` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MpyHeader {
    /// Major version (always [`MPY_VERSION`] once parsed).
    pub version: u8,
    /// The raw flags byte (byte 2).
    pub flags: u8,
    /// Sub-version (flags bits 1..0); meaningful only with native code.
    pub sub_version: u8,
    /// Native architecture (flags bits 5..2), [`arch::NONE`] for bytecode only.
    pub arch: u8,
    /// The architecture-flags varuint, when flags bit 6 says one follows.
    pub arch_flags: Option<usize>,
    /// Number of bits in a small int the file was compiled for.
    pub small_int_bits: u8,
    /// Length of the header in bytes (4, or more with architecture flags).
    pub len: usize,
}

/// Why a `.mpy` file cannot be read or loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MpyError {
    /// The module is frozen as Python source, not as `.mpy`.
    NotMpy,
    /// Fewer bytes than the header needs.
    TooShort,
    /// The first byte is not `'M'`.
    BadMagic(u8),
    /// A major version other than 6.
    BadVersion(u8),
    /// The reserved bit 7 of the flags byte is set.
    ReservedFlag,
    /// The architecture-flags varuint is truncated or too large.
    BadArchFlags,
    /// The file contains native code for `arch` (a bytecode-only loader refuses it).
    NativeCode {
        /// The file's architecture number.
        arch: u8,
    },
    /// The file carries architecture flags (only native RISC-V loaders accept them).
    ArchFlags,
    /// The file was compiled for more small-int bits than the firmware has.
    SmallIntBits {
        /// Bits in the file's header.
        file: u8,
        /// Bits of the firmware.
        firmware: u8,
    },
}

impl core::fmt::Display for MpyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            MpyError::NotMpy => f.write_str("the module is frozen as source, not as .mpy"),
            MpyError::TooShort => f.write_str(".mpy file too short"),
            MpyError::BadMagic(b) => write!(f, "not a .mpy file (first byte 0x{b:02x}, want 'M')"),
            MpyError::BadVersion(v) => write!(f, ".mpy version {v}, want {MPY_VERSION}"),
            MpyError::ReservedFlag => f.write_str(".mpy flags byte has reserved bit 7 set"),
            MpyError::BadArchFlags => f.write_str(".mpy architecture flags truncated or too large"),
            MpyError::NativeCode { arch } => {
                write!(f, ".mpy contains native code for {}", arch::name(*arch).unwrap_or("an unknown architecture"))
            }
            MpyError::ArchFlags => f.write_str(".mpy carries architecture flags"),
            MpyError::SmallIntBits { file, firmware } => {
                write!(f, ".mpy needs {file}-bit small ints, firmware has {firmware}")
            }
        }
    }
}

impl MpyHeader {
    /// Reads the header at the start of `bytes` (through word loads when they are in flash).
    pub fn parse(bytes: RomBytes<'_>) -> Result<MpyHeader, MpyError> {
        let byte = |i: usize| bytes.get(i).ok_or(MpyError::TooShort);
        let magic = byte(0)?;
        if magic != b'M' {
            return Err(MpyError::BadMagic(magic));
        }
        let version = byte(1)?;
        if version != MPY_VERSION {
            return Err(MpyError::BadVersion(version));
        }
        let flags = byte(2)?;
        let small_int_bits = byte(3)?;
        if flags & FLAG_RESERVED != 0 {
            return Err(MpyError::ReservedFlag);
        }
        let mut len = 4;
        let arch_flags = if flags & FLAG_ARCH_FLAGS != 0 {
            let mut value: usize = 0;
            loop {
                let b = bytes.get(len).ok_or(MpyError::BadArchFlags)?;
                len += 1;
                if value > usize::MAX >> 7 {
                    return Err(MpyError::BadArchFlags);
                }
                value = (value << 7) | usize::from(b & 0x7f);
                if b & 0x80 == 0 {
                    break;
                }
            }
            Some(value)
        } else {
            None
        };
        Ok(MpyHeader { version, flags, sub_version: flags & 3, arch: (flags >> 2) & 0x0f, arch_flags, small_int_bits, len })
    }

    /// [`parse`](Self::parse) over ordinary memory.
    pub fn parse_slice(bytes: &[u8]) -> Result<MpyHeader, MpyError> {
        Self::parse(RomBytes::from_ram(bytes))
    }

    /// Whether the file holds bytecode only (no native architecture, no architecture flags).
    pub fn is_bytecode_only(&self) -> bool {
        self.arch == arch::NONE && self.arch_flags.is_none()
    }

    /// Whether a firmware without native-code support, whose small ints have
    /// `firmware_small_int_bits` bits (31 on 32-bit ports with object representation A or C),
    /// loads this file. Mirrors the checks of MicroPython's `.mpy` loader: version 6, no native
    /// code, no architecture flags, and no more small-int bits than the firmware has.
    pub fn check_compatible(&self, firmware_small_int_bits: u8) -> Result<(), MpyError> {
        if self.version != MPY_VERSION {
            return Err(MpyError::BadVersion(self.version));
        }
        if self.arch != arch::NONE {
            return Err(MpyError::NativeCode { arch: self.arch });
        }
        if self.arch_flags.is_some() {
            return Err(MpyError::ArchFlags);
        }
        if self.small_int_bits > firmware_small_int_bits {
            return Err(MpyError::SmallIntBits { file: self.small_int_bits, firmware: firmware_small_int_bits });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Aligned;

    #[test]
    fn bytecode_header() {
        // what mpy-cross 1.29 writes for `x=1`
        static MPY: Aligned<12> = Aligned::padded(b"M\x06\x00\x1f\x03\x00\x12/tm");
        let h = MpyHeader::parse(MPY.bytes().slice(0, 10)).unwrap();
        assert_eq!(
            h,
            MpyHeader { version: 6, flags: 0, sub_version: 0, arch: 0, arch_flags: None, small_int_bits: 31, len: 4 }
        );
        assert!(h.is_bytecode_only());
        assert_eq!(h.check_compatible(31), Ok(()));
        assert_eq!(h.check_compatible(63), Ok(()));
        assert_eq!(h.check_compatible(30), Err(MpyError::SmallIntBits { file: 31, firmware: 30 }));
    }

    #[test]
    fn native_header() {
        // mpy-cross -march=xtensa -X emit=native: flags 0x27 = arch 9, sub-version 3
        let h = MpyHeader::parse_slice(b"M\x06\x27\x1f").unwrap();
        assert_eq!((h.arch, h.sub_version), (arch::XTENSA, 3));
        assert_eq!(arch::name(h.arch), Some("xtensa"));
        assert_eq!(h.check_compatible(31), Err(MpyError::NativeCode { arch: 9 }));
        // RV32 with arch flags 0x81 0x00 = 128
        let h = MpyHeader::parse_slice(b"M\x06\x6f\x1f\x81\x00rest").unwrap();
        assert_eq!((h.arch, h.arch_flags, h.len), (arch::RV32IMC, Some(128), 6));
        let h = MpyHeader::parse_slice(b"M\x06\x40\x1f\x05").unwrap();
        assert_eq!(h.check_compatible(31), Err(MpyError::ArchFlags));
    }

    #[test]
    fn bad_headers() {
        assert_eq!(MpyHeader::parse_slice(b""), Err(MpyError::TooShort));
        assert_eq!(MpyHeader::parse_slice(b"M\x06\x00"), Err(MpyError::TooShort));
        assert_eq!(MpyHeader::parse_slice(b"C\x06\x00\x1f"), Err(MpyError::BadMagic(b'C')));
        assert_eq!(MpyHeader::parse_slice(b"M\x05\x00\x1f"), Err(MpyError::BadVersion(5)));
        assert_eq!(MpyHeader::parse_slice(b"M\x06\x80\x1f"), Err(MpyError::ReservedFlag));
        assert_eq!(MpyHeader::parse_slice(b"M\x06\x40\x1f"), Err(MpyError::BadArchFlags));
        assert_eq!(MpyHeader::parse_slice(b"M\x06\x40\x1f\x80"), Err(MpyError::BadArchFlags));
        let mut long = [0xffu8; 20];
        long[..4].copy_from_slice(b"M\x06\x40\x1f");
        assert_eq!(MpyHeader::parse_slice(&long), Err(MpyError::BadArchFlags));
        assert_eq!(arch::name(13), None);
    }
}
