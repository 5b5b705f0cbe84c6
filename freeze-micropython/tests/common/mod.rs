//! Shared by the interpreter's host tests: the console that collects what Python prints, and
//! CPython's output for the same package (the expected output).

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

static CONSOLE: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// The console function handed to `Interpreter::init`.
pub fn console(bytes: &[u8]) {
    CONSOLE.lock().unwrap().extend_from_slice(bytes);
}

/// Everything printed since the last call.
pub fn take_console() -> String {
    String::from_utf8(std::mem::take(&mut *CONSOLE.lock().unwrap())).unwrap()
}

/// CPython's output for `import main` in `folder`; `micropython.const` is the identity there.
pub fn cpython_import_main(folder: &Path) -> String {
    let shim = std::env::temp_dir().join(format!("freeze-mp-shim-{}", std::process::id()));
    std::fs::create_dir_all(&shim).unwrap();
    std::fs::write(shim.join("micropython.py"), "def const(x):\n    return x\n").unwrap();
    let out = Command::new("python3")
        .args(["-B", "-c", "import main"])
        .current_dir(folder)
        .env("PYTHONPATH", &shim)
        .output()
        .expect("python3 (CPython) is needed for the expected output");
    assert!(out.status.success(), "CPython failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The example package both tests freeze.
pub fn example_modules() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/esp8266/modules")
}
