//! The headers the build script generates in Rust equal what MicroPython's own Python generators
//! produce from the same preprocessed sources: `qstrdefs.generated.h` (`py/makeqstrdefs.py`
//! split/cat qstr, then `py/makeqstrdata.py`), `moduledefs.h` (split/cat module, then
//! `py/makemoduledefs.py`), `root_pointers.h` (split/cat root_pointer, then
//! `py/make_root_pointers.py`), and `mpversion.h` (`py/makeversionhdr.py`, build date aside).
//! Byte for byte, except each header's first comment line, which names its generator.
//!
//! The scripts are run the way `py/mkrules.mk` and `py/py.mk` run them, over what the build script
//! kept in its OUT_DIR (`FREEZE_MICROPYTHON_OUT`): the `-DNO_QSTR` preprocessor output of every
//! source (make's `qstr.i.last`), the quoted qstr headers (`qstrdefs.quoted.h`) and their
//! preprocessor output (`qstrdefs.quoted.i`). Python runs here, in a test, never in the build.
//!
//! Another build of the crate (the ESP8266 one, or one over a `MICROPYTHON_DIR` tree) is checked
//! by running this test's binary with `FREEZE_MICROPYTHON_OUT` (that build's OUT_DIR) and
//! `FREEZE_MICROPYTHON_TREE` (its tree) set.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The build script's OUT_DIR (build/main.rs exports it with `cargo:rustc-env`).
const OUT: &str = env!("FREEZE_MICROPYTHON_OUT");
/// The MicroPython tree the build compiled.
const TREE: &str = env!("FREEZE_MICROPYTHON_TREE");

/// The OUT_DIR checked: this test's own build, or another build of the crate (the ESP8266 one,
/// for example) when `FREEZE_MICROPYTHON_OUT` is set at run time to its OUT_DIR.
fn out() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::var_os("FREEZE_MICROPYTHON_OUT").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(OUT)))
}

/// The tree that build compiled (`FREEZE_MICROPYTHON_TREE` at run time, with the OUT_DIR above).
fn tree() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::var_os("FREEZE_MICROPYTHON_TREE").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(TREE)))
}

fn port() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("port")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("genhdr_oracle").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a program and returns its stdout; `stdin` is fed to it when given.
fn run(cmd: &mut Command, stdin: Option<&[u8]>) -> Vec<u8> {
    let shown = format!("{cmd:?}");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || pipe.write_all(&bytes).unwrap())
    });
    let output = child.wait_with_output().unwrap();
    if let Some(w) = writer {
        w.join().unwrap();
    }
    assert!(
        output.status.success(),
        "{shown} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// `python3` running one of MicroPython's scripts from `py/`. A machine without python3 fails
/// the test: the oracle is not optional.
fn python(script: &str) -> Command {
    static CHECKED: OnceLock<()> = OnceLock::new();
    CHECKED.get_or_init(|| match Command::new("python3").arg("--version").output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!("python3 is broken on this machine ({}); this test runs MicroPython's generators with it", o.status),
        Err(e) => panic!("python3 is missing on this machine ({e}); this test runs MicroPython's Python generators with it"),
    });
    let mut cmd = Command::new("python3");
    cmd.arg(tree().join("py").join(script));
    // No stale bytecode next to the tree, and no locale surprises in the scripts' text I/O.
    cmd.env("PYTHONDONTWRITEBYTECODE", "1").env("PYTHONIOENCODING", "utf-8").env("PYTHONUTF8", "1");
    cmd
}

/// `sed` with one script, as the make recipes run it over a pipe.
fn sed(script: &str, input: &[u8]) -> Vec<u8> {
    run(Command::new("sed").arg(script).env("LC_ALL", "C"), Some(input))
}

/// make's `qstr.i.last`: the preprocessed text of `SRC_QSTR`, in build order. py.mk's SRC_QSTR
/// is every source but `py/nlr%` (SRC_QSTR_IGNORE); the build keeps (and scans) only those, and
/// this checks it kept every other `py/*.c` (`emitnative.c` is included by the native emitters).
fn qstr_i_last() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = out().join("preprocessed");
        let list = String::from_utf8(read(&dir.join("sources"))).unwrap();
        let py = std::fs::canonicalize(tree().join("py")).unwrap();
        let mut expected: BTreeSet<String> = std::fs::read_dir(&py)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".c") && !n.starts_with("nlr") && n != "emitnative.c")
            .collect();
        let mut all = Vec::new();
        for line in list.lines() {
            let (file, source) = line.split_once('\t').expect("preprocessed/sources: <file>\\t<source>");
            let source = std::fs::canonicalize(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            let name = source.file_name().unwrap().to_string_lossy().into_owned();
            if source.parent() == Some(&py) {
                assert!(!name.starts_with("nlr"), "py/{name} was scanned: py.mk leaves py/nlr% out of SRC_QSTR");
                expected.remove(&name);
            }
            all.extend(read(&dir.join(file)));
        }
        assert!(expected.is_empty(), "py sources not scanned: {expected:?}");
        let path = scratch("pp").join("qstr.i.last");
        std::fs::write(&path, all).unwrap();
        path
    })
}

/// `makeqstrdefs.py split <mode>` then `cat <mode>`, as mkrules.mk runs them; the collected file.
fn collected(mode: &str, dir: &Path, name: &str) -> PathBuf {
    let split_dir = dir.join(mode);
    run(python("makeqstrdefs.py").args(["split", mode]).arg(qstr_i_last()).arg(&split_dir).arg("_"), None);
    let file = dir.join(name);
    run(python("makeqstrdefs.py").args(["cat", mode, "_"]).arg(&split_dir).arg(&file), None);
    file
}

/// Compares a header of ours with the oracle's, without their first lines (the generator's
/// name). On a difference, both are left in `dir` and the lines each lacks are shown.
fn assert_same(header: &str, ours: &[u8], theirs: &[u8], dir: &Path) {
    fn body(b: &[u8]) -> &[u8] {
        match b.iter().position(|&c| c == b'\n') {
            Some(i) => &b[i + 1..],
            None => b"",
        }
    }
    assert!(ours.starts_with(b"// Generated by freeze-micropython"), "{header}: ours lacks its first line");
    assert!(theirs.starts_with(b"// "), "{header}: the oracle's output has no first comment line");
    if body(ours) == body(theirs) {
        return;
    }
    let ours_path = dir.join(format!("{header}.ours"));
    let theirs_path = dir.join(format!("{header}.oracle"));
    std::fs::write(&ours_path, ours).unwrap();
    std::fs::write(&theirs_path, theirs).unwrap();
    let ours_text = String::from_utf8_lossy(body(ours));
    let theirs_text = String::from_utf8_lossy(body(theirs));
    let ours_lines: Vec<&str> = ours_text.split('\n').collect();
    let theirs_lines: Vec<&str> = theirs_text.split('\n').collect();
    let ours_set: BTreeSet<&str> = ours_lines.iter().copied().collect();
    let theirs_set: BTreeSet<&str> = theirs_lines.iter().copied().collect();
    let only_ours: Vec<&str> = ours_lines.iter().copied().filter(|l| !theirs_set.contains(l)).take(20).collect();
    let only_theirs: Vec<&str> = theirs_lines.iter().copied().filter(|l| !ours_set.contains(l)).take(20).collect();
    let first = ours_lines.iter().zip(&theirs_lines).position(|(a, b)| a != b).unwrap_or(ours_lines.len().min(theirs_lines.len()));
    panic!(
        "{header} differs from MicroPython's generator ({} lines ours, {} the oracle's; first difference at body line {}):\n\
         only in ours: {only_ours:#?}\nonly in the oracle's: {only_theirs:#?}\nfiles: {} {}",
        ours_lines.len(),
        theirs_lines.len(),
        first + 1,
        ours_path.display(),
        theirs_path.display()
    );
}

#[test]
fn qstrdefs_generated_h() {
    let dir = scratch("qstr");
    let collected = collected("qstr", &dir, "qstrdefs.collected.h");

    // py.mk: cat $(PY_QSTR_DEFS) $(QSTR_DEFS) $(QSTR_DEFS_COLLECTED) | sed 's/^Q(.*)/"&"/'
    //   | $(CPP) $(CFLAGS) - | sed 's/^\"\(Q(.*)\)\"/\1/' > qstrdefs.preprocessed.h
    // The build script preprocessed the two headers quoted (qstrdefs.quoted.h): its quoting must
    // be sed's, byte for byte.
    let mut headers = read(&tree().join("py/qstrdefs.h"));
    headers.extend(read(&port().join("qstrdefsport.h")));
    let quote = r#"s/^Q(.*)/"&"/"#;
    let quoted_headers = sed(quote, &headers);
    assert!(
        read(&out().join("qstrdefs.quoted.h")) == quoted_headers,
        "qstrdefs.quoted.h is not `cat py/qstrdefs.h qstrdefsport.h | sed '{quote}'`"
    );
    // The collected lines are all `Q(<identifier>)`: quoted, they are string literals the
    // preprocessor passes through unchanged, so the preprocessor's output for the whole pipe is
    // its output for the headers (kept by the build) followed by the quoted collected lines.
    let mut preprocessed = read(&out().join("qstrdefs.quoted.i"));
    let collected_text = read(&collected);
    assert!(
        collected_text.split(|&b| b == b'\n').filter(|l| !l.is_empty()).all(|l| {
            l.starts_with(b"Q(") && l.ends_with(b")") && l[2..l.len() - 1].iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
        }),
        "qstrdefs.collected.h has a line that is not Q(<identifier>)"
    );
    if !preprocessed.ends_with(b"\n") {
        preprocessed.push(b'\n');
    }
    preprocessed.extend(sed(quote, &collected_text));
    let preprocessed = sed(r#"s/^\"\(Q(.*)\)\"/\1/"#, &preprocessed);
    let input = dir.join("qstrdefs.preprocessed.h");
    std::fs::write(&input, preprocessed).unwrap();

    let theirs = run(python("makeqstrdata.py").arg(&input), None);
    let ours = read(&out().join("genhdr/qstrdefs.generated.h"));
    assert_same("qstrdefs.generated.h", &ours, &theirs, &dir);
}

#[test]
fn moduledefs_h() {
    let dir = scratch("module");
    let collected = collected("module", &dir, "moduledefs.collected");
    let theirs = run(python("makemoduledefs.py").arg(&collected), None);
    let ours = read(&out().join("genhdr/moduledefs.h"));
    assert_same("moduledefs.h", &ours, &theirs, &dir);
}

#[test]
fn root_pointers_h() {
    let dir = scratch("root_pointer");
    let collected = collected("root_pointer", &dir, "root_pointers.collected");
    let theirs = run(python("make_root_pointers.py").arg(&collected), None);
    let ours = read(&out().join("genhdr/root_pointers.h"));
    assert_same("root_pointers.h", &ours, &theirs, &dir);
}

/// makeversionhdr.py as it runs on the PyPI source tree, which has no git: the version from
/// py/mpconfig.h and no hash. `GIT_DIR` names no repository so git cannot find an enclosing
/// one (the fetched tree sits inside this project's). The build date is ours on purpose: a fixed
/// `"freeze"` rather than the day, so the firmware is the same bytes on every day.
#[test]
fn mpversion_h() {
    let dir = scratch("mpversion");
    let file = dir.join("mpversion.h");
    run(
        python("makeversionhdr.py")
            .arg(&file)
            .env("GIT_DIR", dir.join("no-git"))
            .env_remove("MICROPY_GIT_TAG")
            .env_remove("MICROPY_GIT_HASH")
            .env("SOURCE_DATE_EPOCH", "0"),
        None,
    );
    let theirs = String::from_utf8(read(&file)).unwrap();
    let theirs = theirs.replace("#define MICROPY_BUILD_DATE \"1970-01-01\"\n", "#define MICROPY_BUILD_DATE \"freeze\"\n");
    let ours = read(&out().join("genhdr/mpversion.h"));
    assert_same("mpversion.h", &ours, theirs.as_bytes(), &dir);
}
