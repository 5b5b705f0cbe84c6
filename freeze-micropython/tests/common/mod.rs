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

/// The example package the tests freeze (not every test binary uses it).
#[allow(dead_code)]
pub fn example_modules() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/esp8266/modules")
}

/// Runs `body` with a fresh interpreter (64 KiB heap, console above) on a thread with a 1 MiB
/// stack whose entry frame is the interpreter's stack top. Once per test process: MicroPython's
/// state is global.
pub fn with_interpreter(body: impl FnOnce(&mut freeze_micropython::Interpreter) + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let mut top = 0u8;
            let heap: &'static mut [u8] = Box::leak(vec![0u8; 64 * 1024].into_boxed_slice());
            // SAFETY: once per process; `top` is in this thread's entry frame, above every later
            // call into the interpreter, and 512 KiB stays inside the 1 MiB stack.
            let mut py = unsafe { freeze_micropython::Interpreter::init(heap, &mut top, 512 * 1024, console) };
            body(&mut py);
        })
        .unwrap()
        .join()
        .unwrap();
}
