//! The interpreter this crate builds, on the host: frozen modules imported through
//! freeze-runtime's import hooks print what CPython prints for the same package, and a Python
//! exception comes back as an error after a traceback naming the frozen `.py` files and lines;
//! modules frozen as source are compiled by the interpreter when imported.
//!
//! MicroPython's state is global, so one test drives one interpreter through every case.

mod common;
use common::{cpython_import_main, example_modules, take_console, with_interpreter};
use freeze_micropython::PythonError;

static APP: freeze::FrozenModules = freeze::freeze!("../examples/esp8266/modules/");
static RAISES: freeze::FrozenModules = freeze::freeze!("tests/fixtures/raises/");
static SCRIPTS: freeze::FrozenModules = freeze::freeze!("tests/fixtures/scripts/", source = ["tools/**"]);

#[test]
fn frozen_modules_run_in_the_interpreter() {
    let expected = cpython_import_main(&example_modules());
    with_interpreter(move |py| {
        py.exec("print('sum', 1 + 2, 2 ** 70, 7 / 2)").unwrap();
        assert_eq!(take_console(), "sum 3 1180591620717411303424 3.5\n");

        freeze::runtime::micropython::register(&APP).expect("the frozen image verifies");
        py.exec("import sys; print(sys.path)").unwrap();
        assert_eq!(take_console(), "['', '.frozen']\n");
        let before = py.heap().used;
        py.import("main").unwrap();
        assert_eq!(take_console(), expected, "frozen app's output differs from CPython's");
        assert!(py.heap().used > before, "importing allocated nothing: were the modules imported?");
        py.exec("import sensors.thermo as t; print(t.__file__)").unwrap();
        assert_eq!(take_console(), "sensors/thermo.mpy\n");

        // a Python exception: a traceback naming the frozen files, and an error
        freeze::runtime::micropython::register(&RAISES).expect("the frozen image verifies");
        assert_eq!(py.import("boot"), Err(PythonError));
        let tb = take_console();
        assert!(tb.starts_with("Traceback (most recent call last):\n"), "{tb}");
        assert!(tb.contains("  File \"boot.py\", line 4, in <module>\n"), "{tb}");
        assert!(tb.contains("  File \"lib/checks.py\", line 3, in validate\n"), "{tb}");
        assert!(tb.ends_with("ValueError: negative reading\n"), "{tb}");

        // modules frozen as source: the hooks serve `tools/calc.py`, MicroPython compiles it
        freeze::runtime::micropython::register(&SCRIPTS).expect("the frozen image verifies");
        let expected = cpython_import_main(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts"));
        py.exec("import sys; del sys.modules['main']").unwrap(); // the example's main was imported above
        py.import("main").unwrap();
        assert_eq!(take_console(), expected, "source-frozen package's output differs from CPython's");
        py.exec("import tools.calc as c; print(c.__file__)").unwrap();
        assert_eq!(take_console(), "tools/calc.py\n");

        // a module that is not frozen
        assert_eq!(py.import("nothere"), Err(PythonError));
        assert_eq!(take_console(), "ImportError: no module named 'nothere'\n");
    });
}
