//! The hardware and foreign-function boundary: the only module of this crate allowed `unsafe`.
//!
//! Two things cannot be written in safe Rust, and both live here:
//!
//! - [`flash`]: reading constant data that may sit in memory-mapped flash. On the ESP8266 that
//!   memory answers only aligned 32-bit loads; a byte or half-word load raises a LoadStoreError.
//!   Safe Rust gives no control over the width of a load (the optimiser narrows a `u32` load that
//!   is shifted and masked into a byte load), so every read goes through `read_volatile` of a
//!   whole aligned word. Those reads touch bytes next to the ones asked for, which is only sound
//!   when the allocation is known to cover the whole word: that is what [`Aligned`] and
//!   [`RomBytes`] guarantee by construction.
//! - `micropython` (cargo features `micropython-abi` / `micropython`): the C ABI towards
//!   MicroPython (its object layout, `mp_vfs_rom_ioctl`, raw pointers crossing the boundary).
//!
//! Everything else in the crate is `#![deny(unsafe_code)]` and reads bytes only through
//! [`RomBytes`].

pub mod flash;

#[cfg(any(feature = "micropython-abi", feature = "micropython-import", feature = "micropython-tables"))]
pub mod micropython;

pub use flash::{padded_len, Aligned, RomBytes, RomStr};
