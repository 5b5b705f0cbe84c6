//! Shared by the interpreter's host tests: the console that collects what Python prints, and
//! CPython's output for the same package (the expected output).

use std::path::Path;
use std::sync::Mutex;

mod cpython;
pub use cpython::cpython_import_main;

static CONSOLE: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// The console function handed to `Interpreter::init`.
pub fn console(bytes: &[u8]) {
    CONSOLE.lock().unwrap().extend_from_slice(bytes);
}

/// Everything printed since the last call.
pub fn take_console() -> String {
    String::from_utf8(std::mem::take(&mut *CONSOLE.lock().unwrap())).unwrap()
}

/// The example package both tests freeze.
pub fn example_modules() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/esp8266/modules")
}
