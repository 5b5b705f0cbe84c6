//! The runtime's ROMFS reader on arbitrary bytes as an image: mount, list everything, look
//! every path up, in RAM and word (flash) mode; no panic, nothing outside the image.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    freeze_fuzz::check_romfs(data);
});
