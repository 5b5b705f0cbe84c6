//! True frozen modules on the host: `freeze!(..., tables = true)` emits MicroPython's
//! frozen-module tables for the interpreter this crate builds (its ABI file reaches the macro
//! through FREEZE_MICROPYTHON_ABI, set by the build script), and `import main` finds the package
//! on sys.path's `.frozen` entry with no registration at all: its output must be CPython's.

mod common;
use common::{console, cpython_import_main, example_modules, take_console};
use freeze_micropython::Interpreter;

#[allow(dead_code)]
static APP: freeze::FrozenModules = freeze::freeze!("../examples/esp8266/modules/", tables = true);

#[test]
fn frozen_tables_run_in_the_interpreter() {
    let expected = cpython_import_main(&example_modules());
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let mut top = 0u8;
            let heap: &'static mut [u8] = Box::leak(vec![0u8; 64 * 1024].into_boxed_slice());
            // SAFETY: once per process; `top` is in this thread's entry frame and 512 KiB stays
            // inside the 1 MiB stack.
            let mut py = unsafe { Interpreter::init(heap, &mut top, 512 * 1024, console) };
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
            drop(py);
        })
        .unwrap()
        .join()
        .unwrap();
}
