//! The frozen-tables generator: `Abi::parse` on arbitrary text, `emit` on arbitrary `.mpy` bytes
//! with the fixture ABI (`fixtures/abi.txt`); `Ok` or `Err`, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    freeze_fuzz::check_frozen_tables(data);
});
