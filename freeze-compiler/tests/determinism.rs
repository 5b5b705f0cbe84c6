//! Reproducible output: the same folder of Python sources, created twice in different places,
//! with its files and directories created in opposite orders and with different modification
//! times, compiles to identical bytes: every `.mpy` (through `freeze_compiler::compile`, as the
//! macro calls it, in a different order and on different threads each time), the ROMFS image
//! and its file index (`romfs::build_image_from_py_indexed`, fed the files in the order the
//! file system lists them), and the output of `mpy-freeze compile-dir`.

use freeze_compiler::romfs::build_image_from_py_indexed;
use freeze_compiler::{compile, Options};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The folder: packages, nested packages, names whose byte order differs from their case-folded
/// or creation order, non-ASCII names, a module that sorts between a package's files.
const FILES: &[(&str, &str)] = &[
    ("main.py", "import app\nfrom app import util\nprint(app.VERSION, util.double(21))\n"),
    ("app/__init__.py", "VERSION = (1, 2, 3)\nNAME = 'app'\n"),
    ("app/util.py", "def double(x):\n    return 2 * x\n\ndef pi():\n    return 3.141592653589793\n"),
    ("app/Zeta.py", "class Z:\n    def __init__(self):\n        self.v = [i * i for i in range(10)]\n"),
    ("app/_private.py", "_cache = {}\nasync def fetch(k):\n    return _cache.get(k, b'\\x00\\xff')\n"),
    ("app/sub/__init__.py", ""),
    ("app/sub/deep/__init__.py", "from micropython import const\nX = const(0x40000000)\n"),
    ("app/sub/deep/mod.py", "def gen(n):\n    yield from range(n)\n    return 1.5e-7\n"),
    ("app/sub/a.py", "try:\n    import sys\nexcept ImportError:\n    sys = None\n"),
    ("app/subx.py", "s = f'{1+1:>4}|{\"é\"!r}'\n"),
    ("B.py", "B = 'upper case sorts before lower case'\n"),
    ("a.py", "a = lambda *args, **kw: (args, kw)\n"),
    ("é.py", "é = 'non-ASCII module name'\n"),
    ("z/__init__.py", "z = None\n"),
];

/// A fresh folder holding [`FILES`], files created in the given order, each file given the
/// modification time `mtime(i)`.
fn make_tree(tag: &str, order: &[usize], mtime: impl Fn(usize) -> SystemTime) -> PathBuf {
    let root = std::env::temp_dir().join(format!("freeze-determinism-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    for &i in order {
        let (rel, text) = FILES[i];
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(mtime(i)).unwrap();
    }
    root
}

/// Every `.py` below `root` as (relative `/`-path, text), in the order the file system lists
/// them (deliberately not sorted: ordering is the image builder's job).
fn walk_unsorted(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            let child = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            if e.file_type().unwrap().is_dir() {
                stack.push((e.path(), child));
            } else if name.ends_with(".py") {
                out.push((child, std::fs::read_to_string(e.path()).unwrap()));
            }
        }
    }
    out
}

/// What a build gives: the `.mpy` files (listing order), the image, its index (path, offset, length).
type Built = (Vec<(String, Vec<u8>)>, Vec<u8>, Vec<(String, usize, usize)>);

/// Compiles the sources on `threads` threads, each taking the next file (so the order of
/// compilation varies from run to run), then builds the image. Returns the `.mpy` files in the
/// listing order, the image and its index.
fn build(
    sources: &[(String, String)],
    threads: usize,
    opt: u8,
) -> Built {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let options = Options { opt_level: opt, ..Options::default() };
    let results: Vec<Mutex<Option<Vec<u8>>>> = sources.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((rel, text)) = sources.get(i) else { break };
                let mpy = compile(text, rel, &options).unwrap_or_else(|e| panic!("{e}"));
                *results[i].lock().unwrap() = Some(mpy);
            });
        }
    });
    let files: Vec<(String, Vec<u8>)> =
        sources.iter().zip(results).map(|((rel, _), m)| (rel.clone(), m.into_inner().unwrap().unwrap())).collect();
    let (image, spans) = build_image_from_py_indexed(&files).unwrap();
    let spans = spans.into_iter().map(|s| (s.path, s.offset, s.len)).collect();
    (files, image, spans)
}

#[test]
fn same_folder_same_bytes() {
    let n = FILES.len();
    let forward: Vec<usize> = (0..n).collect();
    let backward: Vec<usize> = (0..n).rev().collect();
    let epoch = SystemTime::UNIX_EPOCH;
    let a = make_tree("a", &forward, |i| epoch + Duration::from_secs(1_000_000 + i as u64));
    let b = make_tree("b", &backward, |i| epoch + Duration::from_secs(2_000_000_000 - 7919 * i as u64));

    let (src_a, src_b) = (walk_unsorted(&a), walk_unsorted(&b));
    assert_eq!(src_a.len(), n);
    let mut sorted_a = src_a.clone();
    let mut sorted_b = src_b.clone();
    sorted_a.sort();
    sorted_b.sort();
    assert_eq!(sorted_a, sorted_b, "the two trees hold the same files");
    // the same files in the opposite listing order as well, whatever the file system does
    let mut reversed_b = src_b.clone();
    reversed_b.reverse();

    for opt in [0, 3] {
        let (mpy_a, image_a, spans_a) = build(&src_a, 1, opt);
        let (mpy_b, image_b, spans_b) = build(&src_b, 4, opt);
        let (_, image_r, spans_r) = build(&reversed_b, 3, opt);
        assert_eq!(image_a, image_b, "-O{opt}: images differ between the two trees");
        assert_eq!(image_a, image_r, "-O{opt}: image depends on the order the files are given in");
        assert_eq!(spans_a, spans_b, "-O{opt}: image index differs");
        assert_eq!(spans_a, spans_r, "-O{opt}: image index depends on the order the files are given in");
        let mut mpy_a = mpy_a;
        let mut mpy_b = mpy_b;
        mpy_a.sort();
        mpy_b.sort();
        assert_eq!(mpy_a, mpy_b, "-O{opt}: some .mpy differs");
        // and a second build of the same tree in the same process is identical too
        assert_eq!(build(&src_a, 2, opt).1, image_a, "-O{opt}: rebuild differs");
        // the image is laid out in sorted order whatever the listing order was
        let paths: Vec<&str> = spans_a.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(paths.first(), Some(&"B.mpy"), "{paths:?}");
    }

    // the CLI's folder compilation, into two output folders: identical files
    let (out_a, out_b) = (a.with_extension("out"), b.with_extension("out"));
    for (src, out) in [(&a, &out_a), (&b, &out_b)] {
        let _ = std::fs::remove_dir_all(out);
        let st = std::process::Command::new(env!("CARGO_BIN_EXE_mpy-freeze"))
            .arg("compile-dir")
            .arg(src)
            .arg(out)
            .output()
            .unwrap();
        assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    }
    let mut list_a: Vec<(String, Vec<u8>)> = walk_files(&out_a);
    let mut list_b: Vec<(String, Vec<u8>)> = walk_files(&out_b);
    list_a.sort();
    list_b.sort();
    assert_eq!(list_a.len(), n);
    assert_eq!(list_a, list_b, "mpy-freeze compile-dir output differs");

    for d in [a, b, out_a, out_b] {
        let _ = std::fs::remove_dir_all(d);
    }
}

fn walk_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            let child = if rel.is_empty() { name } else { format!("{rel}/{name}") };
            if e.file_type().unwrap().is_dir() {
                stack.push((e.path(), child));
            } else {
                out.push((child, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out
}
