//! `FrozenModules::verify` on arbitrary images and descriptors (derived from the image and
//! perturbed, or made up), in RAM and word mode: no panic, no endless loop, the same answer in
//! both modes, and `Ok` only for descriptors inside the image with valid headers.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    freeze_fuzz::check_verify(data);
});
