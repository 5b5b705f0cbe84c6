//! Native code as true frozen modules, on the host: `freeze!(..., tables = true, arch = "x64")`
//! puts the example's native package (`examples/esp8266/native_modules`) into MicroPython's
//! frozen tables with its machine code in an executable section, and `import main` runs it
//! without loading anything into RAM: the output must be MicroPython's own for the sources.

mod common;
use std::path::Path;
use std::process::Command;

use common::{take_console, with_interpreter};

#[allow(dead_code)]
static APP: freeze::FrozenModules = freeze::freeze!(
    "../examples/esp8266/native_modules/",
    tables = true,
    arch = "x64"
);

/// What MicroPython prints for `import main` of the package's sources.
fn micropython_import_main(dir: &Path) -> String {
    let mp = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.oracles/venv/bin/micropython");
    assert!(
        mp.exists(),
        "the native MicroPython oracle is missing at {}: run scripts/install-oracles.sh",
        mp.display()
    );
    let out = Command::new(&mp)
        .current_dir(dir)
        .args(["-c", "import main"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "MicroPython failed on {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn native_code_runs_from_frozen_tables() {
    let expected = micropython_import_main(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/esp8266/native_modules"),
    );
    assert!(expected.lines().count() > 10, "{expected}");
    with_interpreter(move |py| {
        py.gc_collect();
        let base = py.heap().used;
        py.set_gc_auto(false);
        if py.import("main").is_err() {
            panic!("import main failed:\n{}", take_console());
        }
        let allocated = py.heap().used - base;
        py.set_gc_auto(true);
        py.gc_collect();
        let live = py.heap().used - base;
        assert_eq!(
            take_console(),
            expected,
            "native code from frozen tables printed something else than MicroPython"
        );
        py.exec("import pixels; print(pixels.__file__)").unwrap();
        assert_eq!(
            take_console(),
            "pixels.py\n",
            "the module was not imported from the frozen tables"
        );
        eprintln!("native tables, host: import main allocated {allocated} B, {live} B live");
    });
}
