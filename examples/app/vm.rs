//! Runs frozen modules in the MicroPython 1.27 WebAssembly VM (under Node), from the descriptors:
//! every module's `.mpy` is written to a scratch folder at its path (`app/util.py` ->
//! `app/util.mpy`) and `tests/vm/run_mpy.mjs` imports the main module from there.
//! Shared by `examples/app/main.rs` and `tests/macro_example.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (the root package's manifest folder).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where `scripts/install-oracles.sh` puts the VM, unless `FREEZE_ORACLE_NODE` says otherwise.
pub fn vm_package_dir() -> PathBuf {
    let node_modules = std::env::var_os("FREEZE_ORACLE_NODE")
        .map(|p| repo_root().join(p))
        .unwrap_or_else(|| repo_root().join(".oracles/node/node_modules"));
    node_modules.join("@micropython/micropython-webassembly-pyscript")
}

/// Writes each frozen module's `.mpy` below `dir`, at its path with `.py` replaced by `.mpy`.
pub fn write_mpy_files(modules: &freeze::FrozenModules, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for m in modules.iter() {
        let path = host_str(m.path());
        let rel = format!("{}.mpy", path.strip_suffix(".py").unwrap_or(&path));
        let file = dir.join(rel);
        std::fs::create_dir_all(file.parent().unwrap())?;
        std::fs::write(&file, m.code().as_bytes())?;
        written.push(file);
    }
    Ok(written)
}

/// Output of one VM run.
pub struct VmRun {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `import <main>` in the VM over the frozen modules. `Err` if the VM is not installed.
pub fn run_frozen(modules: &freeze::FrozenModules, main: &str) -> Result<VmRun, String> {
    let pkg = vm_package_dir();
    if !pkg.exists() {
        return Err(format!(
            "the MicroPython WebAssembly VM is not installed (looked in {}): run scripts/install-oracles.sh",
            pkg.display()
        ));
    }
    let dir = std::env::temp_dir().join(format!("freeze-example-{}-{}", main, std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    write_mpy_files(modules, &dir).map_err(|e| e.to_string())?;
    let out = Command::new("node")
        .arg(repo_root().join("tests/vm/run_mpy.mjs"))
        .arg(&dir)
        .arg("--main")
        .arg(main)
        .env("FREEZE_ORACLE_NODE", pkg.parent().unwrap().parent().unwrap())
        .output()
        .map_err(|e| format!("cannot run node ({e}): install Node.js and run scripts/install-oracles.sh"))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(VmRun {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// A descriptor string as a Rust `String` (on a host, flash is ordinary memory).
pub fn host_str(s: freeze::runtime::RomStr<'static>) -> String {
    String::from_utf8(s.bytes().as_bytes().to_vec()).expect("descriptor strings are UTF-8")
}
