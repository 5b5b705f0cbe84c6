//! `.mpy` readers on arbitrary bytes: the runtime's header check (RAM and word mode) and the
//! compiler's raw-code reader (`dis::disassemble`); no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    freeze_fuzz::check_mpy(data);
});
