//! `size::report` against `mpy-tool.py`'s own numbers (MicroPython 1.23's `tools/mpy-tool.py`,
//! in `.micropython/1.23.0`, run by the oracle Python), per module and over a whole set.
//!
//! `mpy-tool.py -f` ends its frozen C with a "byte sizes" trailer. Four of its lines count the
//! same thing as our report, and are compared:
//! - `bc content` = [`ModuleSize::bytecode_bytes`]: the function data of every raw code;
//! - `raw code content: N * 4` = [`ModuleSize::raw_codes`];
//! - `const table ptr content: N entries` = [`ModuleSize::constants`];
//! - `qstr content: N unique` = [`SizeTotals::unique_qstrs`] (mpy-tool run without a firmware
//!   qstr header, so that only the static qstrs are known to the firmware).
//!
//! The other trailer lines measure the frozen C, not the `.mpy`, and have no counterpart here:
//! qstr pool bytes (hash, length and NUL per string), `const str/int/obj content` (object
//! structs, mpz digits), the always-zero `const table qstr content`, and the frozen name list.
//! Our `opcode_bytes`, `line_table_bytes`, `qstr_bytes`, `constant_bytes` and `mpy_bytes` are
//! `.mpy` measures mpy-tool does not print; they are checked to add up to the file's length.
//!
//! The corpus: `tests/programs`, the examples' modules and part of CPython's standard library,
//! compiled by our compiler at -O0 and at -O3 without line tables.

use freeze_compiler::size::{report, ModuleSize, SizeTotals};
use freeze_compiler::{compile, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn oracle_python() -> PathBuf {
    if let Some(p) = std::env::var_os("FREEZE_ORACLE_PYTHON") {
        return PathBuf::from(p);
    }
    let py = root().join(".oracles/venv/bin/python");
    assert!(py.exists(), "oracle Python not found at {}: run scripts/install-oracles.sh", py.display());
    py
}

fn mpy_tool() -> PathBuf {
    let p = root().join(".micropython/1.23.0/tools/mpy-tool.py");
    assert!(p.exists(), "{} missing: run scripts/fetch-micropython.sh", p.display());
    p
}

/// The numbers mpy-tool prints for one freeze of `files`.
#[derive(Debug, PartialEq, Eq)]
struct Trailer {
    unique_qstrs: usize,
    bc: usize,
    const_entries: usize,
    raw_codes: usize,
}

/// Runs mpy-tool's freezer in one Python process: first each file alone, then all it could
/// freeze together. Returns (per file, `None` for a file mpy-tool fails on; all).
fn mpy_tool_trailers(files: &[PathBuf]) -> (Vec<Option<Trailer>>, Trailer) {
    const DRIVER: &str = r#"
import contextlib, importlib.util, io, os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(sys.argv[1]), "..", "py"))
spec = importlib.util.spec_from_file_location("mpytool", sys.argv[1])
mpytool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mpytool)
files = sys.argv[2:]
def freeze(fs):
    sys.argv = ["mpy-tool.py", "-f"] + fs
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        mpytool.main()
    t = out.getvalue()
    get = lambda pat: int(re.search(pat, t).group(1))
    print(get(r"qstr content: (\d+) unique"), get(r"bc content: (\d+)"),
          get(r"const table ptr content: (\d+) entries"), get(r"raw code content: (\d+) \*"))
ok = []
for f in files:
    try:
        freeze([f])
        ok.append(f)
    except Exception as e:  # what mpy-tool cannot freeze (floats beyond single precision)
        print("skip", type(e).__name__)
freeze(ok)
"#;
    let out = Command::new(oracle_python())
        .arg("-c")
        .arg(DRIVER)
        .arg(mpy_tool())
        .args(files)
        .output()
        .expect("oracle python");
    assert!(out.status.success(), "mpy-tool failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let mut rows: Vec<Option<Trailer>> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("skip") {
                return None;
            }
            let n: Vec<usize> = l.split(' ').map(|x| x.parse().unwrap()).collect();
            Some(Trailer { unique_qstrs: n[0], bc: n[1], const_entries: n[2], raw_codes: n[3] })
        })
        .collect();
    assert_eq!(rows.len(), files.len() + 1);
    let all = rows.pop().unwrap().unwrap();
    (rows, all)
}

fn ours(s: &ModuleSize, t: &SizeTotals) -> Trailer {
    Trailer { unique_qstrs: t.unique_qstrs, bc: s.bytecode_bytes, const_entries: s.constants, raw_codes: s.raw_codes }
}

/// (source name, source) of the corpus.
fn corpus() -> Vec<(String, String)> {
    let mut files = BTreeMap::new();
    let mut add_dir = |dir: &Path, prefix: &str, limit: usize| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".py"))
            .collect();
        names.sort();
        for n in names.into_iter().take(limit) {
            if let Ok(src) = std::fs::read_to_string(dir.join(&n)) {
                files.insert(format!("{prefix}{n}"), src);
            }
        }
    };
    add_dir(&root().join("tests/programs"), "programs/", usize::MAX);
    for pkg in ["examples/app/modules/app", "examples/app/modules/app/shapes", "examples/esp8266/modules"] {
        add_dir(&root().join(pkg), &format!("{pkg}/"), usize::MAX);
    }
    let out = Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .expect("python3 (CPython) for the standard-library corpus");
    let stdlib = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    add_dir(&stdlib, "stdlib/", 60);
    add_dir(&stdlib.join("json"), "stdlib/json/", usize::MAX);
    files.into_iter().collect()
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn check(tag: &str, options: &Options) {
    let dir = TempDir(std::env::temp_dir().join(format!("freeze-size-{}-{tag}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(&dir.0).unwrap();
    let mut names = Vec::new();
    let mut paths = Vec::new();
    let mut mpys = Vec::new();
    for (name, src) in corpus() {
        // (files MicroPython cannot compile are not part of this comparison)
        let Ok(mpy) = compile(&src, &name, options) else { continue };
        let path = dir.0.join(format!("m{:04}.mpy", paths.len()));
        std::fs::write(&path, &mpy).unwrap();
        names.push(name);
        paths.push(path);
        mpys.push(mpy);
    }
    assert!(paths.len() > 150, "{tag}: only {} modules compiled", paths.len());
    let (per_file, all) = mpy_tool_trailers(&paths);
    let mut frozen = Vec::new();
    for ((name, mpy), theirs) in names.iter().zip(&mpys).zip(&per_file) {
        let r = report([(name.as_str(), mpy.as_slice())]).unwrap();
        let s = r.modules[0].1;
        if let Some(theirs) = theirs {
            assert_eq!(ours(&s, &r.totals), *theirs, "{tag}: {name}");
            frozen.push((name.as_str(), mpy.as_slice()));
        }
        assert_eq!(s.bytecode_bytes + s.qstr_bytes + s.constant_bytes + s.other_bytes(), s.mpy_bytes, "{name}");
        assert!(s.opcode_bytes + s.line_table_bytes <= s.bytecode_bytes, "{name}");
        if !options.source_lines {
            assert_eq!(s.line_table_bytes, 0, "{name}");
        }
    }
    let skipped = paths.len() - frozen.len();
    assert!(skipped * 20 < paths.len(), "{tag}: mpy-tool failed on {skipped} of {} modules", paths.len());
    let r = report(frozen.iter().copied()).unwrap();
    assert_eq!(ours(&r.totals.sum, &r.totals), all, "{tag}: totals");
    assert_eq!(r.totals.modules, frozen.len());
    eprintln!("{tag}: {} modules compared ({skipped} mpy-tool cannot freeze), totals {:?}", frozen.len(), all);
}

#[test]
fn matches_mpy_tool_default_options() {
    check("o0", &Options::default());
}

#[test]
fn matches_mpy_tool_o3_no_lines() {
    check("o3", &Options { opt_level: 3, source_lines: false, ..Options::default() });
}

#[test]
fn cli_prints_the_table() {
    let dir = TempDir(std::env::temp_dir().join(format!("freeze-size-cli-{}", std::process::id())));
    std::fs::create_dir_all(dir.0.join("pkg")).unwrap();
    let a = compile("def f(x):\n    return x + 1\n", "a.py", &Options::default()).unwrap();
    let b = compile("S = 'a long string constant, longer than 25'\n", "pkg/b.py", &Options::default()).unwrap();
    std::fs::write(dir.0.join("a.mpy"), &a).unwrap();
    std::fs::write(dir.0.join("pkg/b.mpy"), &b).unwrap();
    std::fs::write(dir.0.join("pkg/notes.txt"), "ignored").unwrap();
    let exe = env!("CARGO_BIN_EXE_mpy-freeze");
    let out = Command::new(exe).arg("size").arg(&dir.0).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let r = report([("a.mpy", &a[..]), ("pkg/b.mpy", &b[..])]).unwrap();
    assert_eq!(text, r.table());
    assert!(text.contains("total (2 modules)") && text.contains("pkg/b.mpy"), "{text}");
    // files given one by one; a bad file is an error naming it
    let out = Command::new(exe).arg("size").arg(dir.0.join("a.mpy")).output().unwrap();
    assert!(out.status.success());
    std::fs::write(dir.0.join("bad.mpy"), b"M\x06\x00\x1f\xff").unwrap();
    let out = Command::new(exe).arg("size").arg(dir.0.join("bad.mpy")).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.mpy"));
}
