//! The whole `freeze!` expansion (`freeze_macros_internals::expand`) over an arbitrary folder and
//! arbitrary option text: the folder walk, its checks, the globs, the options parser, the
//! compiler, the image and the descriptors never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    freeze_fuzz::check_macro_expand(data);
});
