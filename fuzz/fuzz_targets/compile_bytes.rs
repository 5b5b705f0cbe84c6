//! The compiler on arbitrary bytes: text that is UTF-8 is compiled (at an optimisation level
//! taken from its length); it must compile or give a located Python error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        freeze_fuzz::check_compile(source, (data.len() % 4) as u8);
    }
});
