//! Native code in the interpreter this crate builds (feature `native`), on the host: the
//! example's native package (`examples/esp8266/native_modules`: viper pointer loops, native
//! generators, closures, exceptions), frozen by `freeze!` with `arch = "x64"` and imported
//! through freeze-runtime's import hooks, prints what MicroPython itself prints for the same
//! sources (the PyPI MicroPython, whose own x64 emitter compiles the decorators).
//!
//! The LX106 firmware runs the same package compiled for `xtensa` (tests/esp8266_qemu.rs).

mod common;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{take_console, with_interpreter};

static NATIVE: freeze::FrozenModules = freeze::freeze!("../examples/esp8266/native_modules/", arch = "x64");

fn native_modules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/esp8266/native_modules")
}

/// What MicroPython prints for `import main` of the package's sources.
fn micropython_import_main(dir: &Path) -> String {
    let mp = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.oracles/venv/bin/micropython");
    assert!(mp.exists(), "the native MicroPython oracle is missing at {}: run scripts/install-oracles.sh", mp.display());
    let out = Command::new(&mp).current_dir(dir).args(["-c", "import main"]).output().unwrap();
    assert!(out.status.success(), "MicroPython failed on {}:\n{}", dir.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn native_modules_run_as_micropython_runs_them() {
    // the macro compiled native code: each module carries the architecture in its header
    for name in ["pixels", "stats"] {
        let m = NATIVE.find(name).unwrap_or_else(|| panic!("{name} is frozen"));
        let header = m.mpy_header().expect("a .mpy header");
        assert_eq!(header.arch, 2, "{name}.mpy should carry arch x64 (2): {header:?}");
    }
    let expected = micropython_import_main(&native_modules());
    assert!(expected.lines().count() > 10, "{expected}");
    with_interpreter(move |py| {
        freeze::runtime::micropython::register(&NATIVE).expect("the frozen image verifies");
        if py.import("main").is_err() {
            panic!("import main failed:\n{}", take_console());
        }
        assert_eq!(take_console(), expected, "native code printed something else than MicroPython");
    });
}
