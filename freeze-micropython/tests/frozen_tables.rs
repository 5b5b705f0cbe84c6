//! True frozen modules on the host: `freeze!(..., tables = true)` emits MicroPython's
//! frozen-module tables for the interpreter this crate builds (its ABI file reaches the macro
//! through FREEZE_MICROPYTHON_ABI, set by the build script), and `import main` finds the package
//! on sys.path's `.frozen` entry with no registration at all: its output must be CPython's.

mod common;
use common::{cpython_import_main, example_modules, take_console, with_interpreter};

#[allow(dead_code)]
static APP: freeze::FrozenModules = freeze::freeze!("../examples/esp8266/modules/", tables = true);

#[test]
fn frozen_tables_run_in_the_interpreter() {
    let expected = cpython_import_main(&example_modules());
    with_interpreter(move |py| {
        py.gc_collect();
        let base = py.heap().used;
        py.set_gc_auto(false);
        py.import("main").unwrap_or_else(|_| panic!("import main failed:\n{}", take_console()));
        let allocated = py.heap().used - base;
        py.set_gc_auto(true);
        py.gc_collect();
        let live = py.heap().used - base;
        assert_eq!(take_console(), expected, "frozen tables' output differs from CPython's");
        eprintln!("frozen tables, host (64-bit, object representation A): import main allocated {allocated} B, {live} B live");

        py.exec("import sensors.thermo as t; print(t.__file__)").unwrap();
        assert_eq!(take_console(), "sensors/thermo.py\n", "the module was not imported from the frozen tables");
        // constants of every kind the example has survive the trip: str, int, tuple
        py.exec("import net.report as r; print(sorted(r.UNITS.items()), r.format_line('t0', -1234))").unwrap();
        assert_eq!(take_console(), "[('t0', 'cC'), ('t1', 'cC')] t0: -12.34 cC\n");
    });
}
