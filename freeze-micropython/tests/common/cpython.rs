//! CPython's output for a package: the expected output of every test that runs frozen Python in
//! MicroPython (the host interpreter tests here, and tests/esp8266_qemu.rs, which includes this
//! file by path).

use std::path::Path;
use std::process::Command;

/// CPython's output for `import main` in `folder`; `micropython.const` is the identity there.
#[allow(dead_code)] // (not every test binary compares with CPython)
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
