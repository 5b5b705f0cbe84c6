//! Runtime side of `freeze!`: frozen-module descriptors, a ROMFS reader, `.mpy` header checks and
//! the hand-over of the image to MicroPython.
//!
//! `#![no_std]`, no allocator, no dependencies.
//!
//! - [`FrozenModules`] / [`FrozenModule`]: what `freeze!("modules/")` expands to. Module names
//!   are sorted, so [`FrozenModules::find`] is a binary search.
//! - [`RomBytes`] / [`RomStr`] / [`Aligned`]: byte views that read memory with aligned 32-bit
//!   loads only, as ESP8266 flash requires. Every reader in this crate reads through them, so the
//!   image *and* the descriptors may be placed in flash.
//! - [`romfs`]: a reader of "RM1" images (MicroPython's `VfsRom` format), safe on any bytes.
//! - [`mpy`]: the `.mpy` header and whether a firmware can load the file.
//! - [`verify`]: [`FrozenModules::verify`], the check of an image (structure, descriptors, the
//!   content hash `freeze!` records) before MicroPython is given it.
//! - `micropython` (feature `micropython-abi`, and `micropython` for `mp_vfs_rom_ioctl`): the
//!   image handed to MicroPython as its `/rom` filesystem; with `micropython-import`, the modules
//!   served to MicroPython's importer by its `mp_import_stat` / `mp_reader_new_file` hooks
//!   ([`imports`]), for interpreters without a VFS.
//!
//! All `unsafe` code is in one private module, the hardware/FFI boundary (`src/ffi/`): the
//! word-load primitive and the C ABI. The rest of the crate denies `unsafe_code`.

#![no_std]
#![deny(unsafe_code)]
#![warn(missing_docs)]

#[cfg(test)]
extern crate std;

#[allow(unsafe_code)]
mod ffi;

pub mod imports;
mod modules;
pub mod mpy;
pub mod romfs;
pub mod size;
pub mod verify;

pub use ffi::flash::Iter as RomBytesIter;
pub use ffi::{padded_len, Aligned, RomBytes, RomStr};
pub use modules::{Format, FrozenFile, FrozenModule, FrozenModules, ModuleKind};
pub use mpy::{MpyError, MpyHeader};
pub use romfs::{Romfs, RomfsError};
pub use size::ModuleSize;
pub use verify::VerifyError;

#[cfg(any(feature = "micropython-abi", feature = "micropython-import", feature = "micropython-tables"))]
pub use ffi::micropython;
