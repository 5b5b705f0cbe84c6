//! True frozen modules with a package frozen as source (`source = ["tools/**"]`): the tables
//! carry its text in `mp_frozen_str_content` (MicroPython's `freeze_as_str`), the interpreter
//! compiles it on import, and `import main` prints what CPython prints. One frozen set per
//! firmware, so this is its own test binary.

mod common;
use common::{cpython_import_main, take_console, with_interpreter};

#[allow(dead_code)]
static APP: freeze::FrozenModules = freeze::freeze!("tests/fixtures/scripts/", tables = true, source = ["tools/**"]);

#[test]
fn source_modules_in_the_frozen_tables_are_compiled_on_import() {
    let expected = cpython_import_main(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts"));
    with_interpreter(move |py| {
        py.import("main").unwrap_or_else(|_| panic!("import main failed:\n{}", take_console()));
        assert_eq!(take_console(), expected, "frozen tables' output differs from CPython's");
        py.exec("import tools.calc as c, main as m; print(c.__file__, m.__file__)").unwrap();
        assert_eq!(take_console(), "tools/calc.py main.py\n");
    });
}
