//! Static import analysis, for freezing only what an entry point imports.
//!
//! [`static_imports`] lists every import statement of a module, wherever it is (top level,
//! functions, classes, `if`/`try`/`while`/`for`/`with` bodies), read from the compiler's own
//! front end: the module is compiled first, so exactly the sources [`crate::compile`] accepts
//! are accepted, with the same errors; then the folded tree (build constants and `__debug__`
//! substituted, constant conditions known) is walked. [`resolve`] turns one import into the
//! absolute module names it may load.
//!
//! What this cannot see: `__import__(...)`, `importlib`, `exec`, and names built at run time.
//! Such modules must be kept by name.

use crate::tree::{ImportFromNames, Stmt, StmtKind};
use crate::{CompileError, Options};
use std::fmt;

/// One imported module of an import statement.
///
/// `import a.b, c as d` gives two (`a.b` and `c`); `from x import y, z` gives one with both
/// names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImportRef {
    /// 1-based line of the statement.
    pub line: u32,
    /// Number of leading dots (0 for an absolute import; `import` statements are always 0).
    pub level: u32,
    /// The module path as written, split at dots (`["a", "b"]`); empty for `from . import x`.
    pub module: Vec<String>,
    /// What the statement binds.
    pub kind: ImportKind,
    /// The statement is in code the compiler drops: a branch of an `if`/`elif` whose condition
    /// is a false constant or that follows a true one, or the body of a `while` on a false
    /// constant (after build constants and `__debug__` are substituted). Its module is not
    /// imported when the module runs.
    pub dead: bool,
}

/// The form of an import.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    /// `import a.b.c` (binds `a`) or `import a.b.c as x` (binds `x` to `a.b.c`).
    Module { alias: Option<String> },
    /// `from m import n1 as a1, n2`: each name with its alias.
    From { names: Vec<(String, Option<String>)> },
    /// `from m import *`.
    Star,
}

impl fmt::Display for ImportRef {
    /// The statement as Python (`from ..pkg import y as z`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let module = format!("{}{}", ".".repeat(self.level as usize), self.module.join("."));
        match &self.kind {
            ImportKind::Module { alias: None } => write!(f, "import {module}"),
            ImportKind::Module { alias: Some(a) } => write!(f, "import {module} as {a}"),
            ImportKind::Star => write!(f, "from {module} import *"),
            ImportKind::From { names } => {
                write!(f, "from {module} import ")?;
                for (i, (n, a)) in names.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    match a {
                        None => write!(f, "{n}")?,
                        Some(a) => write!(f, "{n} as {a}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// Every import of a module, in source order (see the module documentation).
///
/// `source_name` and `options` are those the module is compiled with: errors are the
/// compiler's, and build constants (`options.constants`) decide which branches are dead.
pub fn static_imports(source: &str, source_name: &str, options: &Options) -> Result<Vec<ImportRef>, CompileError> {
    if crate::ON_COMPILER_STACK.with(|on| on.get()) {
        let run = std::panic::AssertUnwindSafe(|| imports_here(source, source_name, options));
        return std::panic::catch_unwind(run).unwrap_or_else(|_| {
            Err(crate::internal_error(source_name, "the compiler panicked (a bug: please report it)"))
        });
    }
    crate::on_compiler_stack(|| static_imports(source, source_name, options))
        .unwrap_or_else(|| Err(crate::internal_error(source_name, "could not start the compiler thread")))
}

fn imports_here(source: &str, source_name: &str, options: &Options) -> Result<Vec<ImportRef>, CompileError> {
    // The compiler's verdict first: what it rejects is rejected here, with its error.
    crate::compile_here(source, source_name, options)?;
    let map = crate::source::SourceMap::new(source, source_name);
    let body = crate::parse_and_fold(&map, options)?;
    let mut out = Vec::new();
    walk(&body, false, &mut out);
    Ok(out)
}

fn walk(body: &[Stmt], dead: bool, out: &mut Vec<ImportRef>) {
    for s in body {
        let line = if s.line != 0 { s.line } else { s.pos.0 };
        match &s.kind {
            StmtKind::Import(names) => {
                for (parts, alias) in names {
                    out.push(ImportRef {
                        line,
                        level: 0,
                        module: parts.clone(),
                        kind: ImportKind::Module { alias: alias.clone() },
                        dead,
                    });
                }
            }
            StmtKind::ImportFrom { level, module, names } => {
                let kind = match names {
                    ImportFromNames::Star => ImportKind::Star,
                    ImportFromNames::Names(v) => ImportKind::From { names: v.clone() },
                };
                out.push(ImportRef { line, level: *level, module: module.clone().unwrap_or_default(), kind, dead });
            }
            StmtKind::If { test, body, elifs, orelse } => {
                // as codegen's compile_if: a false constant drops its branch, a true one drops
                // every branch after it
                let mut taken = false;
                for (t, b) in std::iter::once((test, body)).chain(elifs.iter().map(|(t, b)| (t, b))) {
                    let truth = t.const_truth();
                    walk(b, dead || taken || truth == Some(false), out);
                    taken |= truth == Some(true);
                }
                walk(orelse, dead || taken, out);
            }
            StmtKind::While { test, body, orelse } => {
                walk(body, dead || test.const_truth() == Some(false), out);
                walk(orelse, dead, out);
            }
            StmtKind::For { body, orelse, .. } => {
                walk(body, dead, out);
                walk(orelse, dead, out);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                walk(body, dead, out);
                for h in handlers {
                    walk(&h.body, dead, out);
                }
                walk(orelse, dead, out);
                walk(finalbody, dead, out);
            }
            StmtKind::With { body, .. } => walk(body, dead, out),
            StmtKind::FuncDef(f, _) => walk(&f.body, dead, out),
            StmtKind::ClassDef(c, _) => walk(&c.body, dead, out),
            _ => {}
        }
    }
}

/// A relative import that leaves the top-level package (or a relative import in a top-level
/// module, which has no package). MicroPython raises `ImportError` for it at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    /// The importing module.
    pub importer: String,
    /// The import, as written.
    pub import: String,
    pub line: u32,
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} line {}: `{}` goes above the top-level package (ImportError at run time)",
            self.importer, self.line, self.import
        )
    }
}

impl std::error::Error for ResolveError {}

/// The absolute names of the modules an import may load, parents first, without repeats:
/// for `import a.b.c`, `a`, `a.b` and `a.b.c` (importing a module imports its packages); for
/// `from a.b import c, d`, `a`, `a.b` and the candidates `a.b.c` and `a.b.d` (each name is a
/// submodule or an attribute of `a.b`: which one, only the files present can say); for
/// `from a.b import *`, `a` and `a.b`.
///
/// A relative import is resolved against the importer's package: the importer itself when
/// `is_package` (it is a package's `__init__`), otherwise its parent; each dot past the first
/// goes one package up. Going above the top-level package, or any relative import in a
/// top-level module, is an error.
pub fn resolve(importer: &str, is_package: bool, r: &ImportRef) -> Result<Vec<String>, ResolveError> {
    let base: Vec<&str> = if r.level == 0 {
        Vec::new()
    } else {
        let mut package: Vec<&str> = if importer.is_empty() { Vec::new() } else { importer.split('.').collect() };
        if !is_package {
            package.pop();
        }
        let up = r.level as usize - 1;
        if package.is_empty() || up >= package.len() {
            return Err(ResolveError { importer: importer.to_string(), import: r.to_string(), line: r.line });
        }
        package.truncate(package.len() - up);
        package
    };
    let full: Vec<&str> = base.into_iter().chain(r.module.iter().map(String::as_str)).collect();
    let mut out: Vec<String> = Vec::new();
    for i in 1..=full.len() {
        out.push(full[..i].join("."));
    }
    if let ImportKind::From { names } = &r.kind {
        let parent = full.join(".");
        for (n, _) in names {
            let candidate = if parent.is_empty() { n.clone() } else { format!("{parent}.{n}") };
            if !out.contains(&candidate) {
                out.push(candidate);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imports(src: &str) -> Vec<ImportRef> {
        static_imports(src, "m.py", &Options::default()).unwrap()
    }

    fn shown(src: &str) -> Vec<String> {
        imports(src).iter().map(|r| format!("{}:{}{}", r.line, r, if r.dead { " (dead)" } else { "" })).collect()
    }

    #[test]
    fn every_form_everywhere() {
        let src = "\
import a.b.c as x, d
from a.b import c, e as f
from . import sib
from ..pkg import y
from m import *
from .. import up

def g():
    import inner
    class K:
        from cls import attr
        def meth(self):
            try:
                import trying
            except ImportError:
                import fallback
            else:
                import other
            finally:
                import fin
    return lambda: 0

if x:
    import cond
elif d:
    import cond2
else:
    import cond3
while x:
    import loop
else:
    import loopelse
for i in x:
    import fory
with x as w:
    import within
";
        assert_eq!(
            shown(src),
            [
                "1:import a.b.c as x",
                "1:import d",
                "2:from a.b import c, e as f",
                "3:from . import sib",
                "4:from ..pkg import y",
                "5:from m import *",
                "6:from .. import up",
                "9:import inner",
                "11:from cls import attr",
                "14:import trying",
                "16:import fallback",
                "18:import other",
                "20:import fin",
                "24:import cond",
                "26:import cond2",
                "28:import cond3",
                "30:import loop",
                "32:import loopelse",
                "34:import fory",
                "36:import within",
            ]
        );
        let r = &imports("from ..pkg.sub import y as z\n")[0];
        assert_eq!((r.level, r.module.clone()), (2, vec!["pkg".to_string(), "sub".to_string()]));
        assert_eq!(r.kind, ImportKind::From { names: vec![("y".to_string(), Some("z".to_string()))] });
    }

    #[test]
    fn dead_branches_are_marked() {
        let src = "\
if False:
    import never
elif 1:
    import always
else:
    import never2
if __debug__:
    import debug
while 0:
    import noloop
else:
    import afterloop
DEBUG = const(0)
if DEBUG:
    import dbg
";
        assert_eq!(
            shown(src),
            [
                "2:import never (dead)",
                "4:import always",
                "6:import never2 (dead)",
                "8:import debug",
                "10:import noloop (dead)",
                "12:import afterloop",
                "15:import dbg (dead)",
            ]
        );
        // -O makes __debug__ false
        let o1 = static_imports(src, "m.py", &Options { opt_level: 1, ..Options::default() }).unwrap();
        assert!(o1.iter().any(|r| r.module == ["debug"] && r.dead));
        // build constants (freeze!'s consts) decide branches too
        let feature = "if BITCOIN_ONLY:\n    import btc\nelse:\n    import altcoins\n";
        for (value, dead) in [(crate::constant::Const::True, [false, true]), (crate::constant::Const::False, [true, false])] {
            let options = Options { constants: vec![("BITCOIN_ONLY".to_string(), value)], ..Options::default() };
            let refs = static_imports(feature, "m.py", &options).unwrap();
            assert_eq!(refs.iter().map(|r| r.dead).collect::<Vec<_>>(), dead);
        }
        // without the constant, both are live
        assert!(imports(feature).iter().all(|r| !r.dead));
    }

    #[test]
    fn the_compilers_errors() {
        for bad in ["import\n", "from . import\n", "def f(:\n", "return 1\n", "from a import (b\n", "import a as\n", "def f():\n    from q import *\n"] {
            let e = static_imports(bad, "bad.py", &Options::default()).unwrap_err();
            let c = crate::compile(bad, "bad.py", &Options::default()).unwrap_err();
            assert_eq!(e, c, "{bad:?}");
        }
        assert!(imports("").is_empty());
    }

    /// Against the compiler's own output: the live imports are the module's IMPORT_NAME
    /// instructions, same modules, same order within each raw code (checked as multisets).
    #[test]
    fn live_imports_are_the_import_name_instructions() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["tests/programs", "examples/app/modules/app", "examples/app/modules/app/shapes", "examples/esp8266/modules", "freeze-compiler/tests/regressions"] {
            let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
            for e in rd.flatten() {
                if e.path().extension().is_some_and(|x| x == "py") {
                    files.push(e.path());
                }
            }
        }
        assert!(files.len() > 100, "{}", files.len());
        let mut checked = 0;
        for path in files {
            let Ok(src) = std::fs::read_to_string(&path) else { continue };
            let Ok(mpy) = crate::compile(&src, "m.py", &Options::default()) else {
                assert!(static_imports(&src, "m.py", &Options::default()).is_err(), "{}", path.display());
                continue;
            };
            let mut want: Vec<String> = crate::dis::disassemble(&mpy)
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once("IMPORT_NAME '").map(|(_, rest)| rest.trim_end_matches('\'').to_string()))
                .collect();
            let mut got: Vec<String> =
                static_imports(&src, "m.py", &Options::default()).unwrap().iter().filter(|r| !r.dead).map(|r| r.module.join(".")).collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{}", path.display());
            checked += 1;
        }
        assert!(checked > 100, "{checked}");
    }

    fn r(src: &str) -> ImportRef {
        imports(src).remove(0)
    }

    #[test]
    fn resolving() {
        let names = |importer: &str, pkg: bool, src: &str| resolve(importer, pkg, &r(src)).unwrap();
        assert_eq!(names("main", false, "import a.b.c\n"), ["a", "a.b", "a.b.c"]);
        assert_eq!(names("main", false, "import a.b.c as x\n"), ["a", "a.b", "a.b.c"]);
        assert_eq!(names("main", false, "from a.b import c, d\n"), ["a", "a.b", "a.b.c", "a.b.d"]);
        assert_eq!(names("main", false, "from a.b import *\n"), ["a", "a.b"]);
        assert_eq!(names("main", false, "from a import a\n"), ["a", "a.a"]);
        // relative, from a module and from a package's __init__
        assert_eq!(names("p.q.m", false, "from . import x\n"), ["p", "p.q", "p.q.x"]);
        assert_eq!(names("p.q", true, "from . import x\n"), ["p", "p.q", "p.q.x"]);
        assert_eq!(names("p.q.m", false, "from .s import x\n"), ["p", "p.q", "p.q.s", "p.q.s.x"]);
        assert_eq!(names("p.q.m", false, "from .. import y\n"), ["p", "p.y"]);
        assert_eq!(names("p.q.m", false, "from ..pkg import y\n"), ["p", "p.pkg", "p.pkg.y"]);
        assert_eq!(names("p.q", true, "from .. import y\n"), ["p", "p.y"]);
        assert_eq!(names("p", true, "from . import y\n"), ["p", "p.y"]);
        assert_eq!(names("p", true, "from .sub import *\n"), ["p", "p.sub"]);
        // above the top
        for (importer, pkg, src) in [
            ("main", false, "from . import x\n"),
            ("p.m", false, "from .. import x\n"),
            ("p", true, "from .. import x\n"),
            ("p.q.m", false, "from ... import x\n"),
            ("", false, "from . import x\n"),
            ("", true, "from . import x\n"),
        ] {
            let e = resolve(importer, pkg, &r(src)).unwrap_err();
            assert_eq!(e.importer, importer);
            assert!(e.to_string().contains("above the top-level package"), "{e}");
        }
    }
}
