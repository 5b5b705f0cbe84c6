//! The import hooks' path logic (`imports::stat`, `imports::find`) on arbitrary module paths and
//! queries, against a plain model of files and directories.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    freeze_fuzz::check_imports(data);
});
