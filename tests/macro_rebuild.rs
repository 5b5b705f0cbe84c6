//! Rebuilds: a scratch crate using `freeze!` is built with a real `cargo build`; editing a frozen
//! `.py` rebuilds it (`include_bytes!` tracking, no build script needed), and with the documented
//! one-line `build.rs` (`cargo:rerun-if-changed=modules`) adding and deleting files rebuild it
//! too. A second build with no change rebuilds nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `cargo build` of the scratch crate; returns (whether the crate itself was compiled, its output).
fn build_and_run(dir: &Path, target: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline"])
        .arg("-v")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "scratch build failed:\n{stderr}");
    let rebuilt = stderr.lines().any(|l| l.contains("Running") && l.contains("--crate-name freeze_scratch") && !l.contains("build_script"));
    let run = Command::new(target.join("debug/freeze-scratch")).output().unwrap();
    assert!(run.status.success());
    (rebuilt, String::from_utf8(run.stdout).unwrap())
}

/// Copies `entries` of `from` into `to`, writing only files whose bytes differ (mtimes of
/// unchanged files are kept, so cargo sees them as unchanged). Skips `target` and `tests`.
fn sync(from: &Path, to: &Path, entries: &[&str]) {
    for e in entries {
        let (src, dst) = (from.join(e), to.join(e));
        if src.is_dir() {
            let names: Vec<String> = std::fs::read_dir(&src)
                .unwrap()
                .map(|d| d.unwrap().file_name().into_string().unwrap())
                .filter(|n| n != "target" && n != "tests" && !n.starts_with('.'))
                .collect();
            let names: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
            sync(&src, &dst, &names);
        } else if src.is_file() {
            let data = std::fs::read(&src).unwrap();
            if std::fs::read(&dst).ok().as_deref() != Some(&data[..]) {
                std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
                std::fs::write(&dst, data).unwrap();
            }
        }
    }
}

fn touch_pause() {
    // cargo compares modification times; keep each change clearly after the previous build
    std::thread::sleep(std::time::Duration::from_millis(1100));
}

#[test]
fn edits_additions_and_deletions_rebuild() {
    let dir = std::env::temp_dir().join(format!("freeze-scratch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("modules/pkg")).unwrap();
    // the scratch crate depends on a snapshot of this repository's crates, kept in the target
    // dir and only rewritten where files differ: work going on in the repository meanwhile must
    // not look like a rebuild caused by the frozen files
    let snapshot = repo().join("target/freeze-scratch/freeze");
    sync(&repo(), &snapshot, &["Cargo.toml", "Cargo.lock", "src", "freeze-compiler", "freeze-macros", "freeze-runtime"]);
    let repo_path = snapshot.display().to_string().replace('\\', "/");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"freeze-scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nfreeze = {{ path = \"{repo_path}\" }}\n\n[workspace]\n\n\
             [profile.dev.package.freeze-compiler]\nopt-level = 2\n[profile.dev.package.rustpython-parser]\nopt-level = 2\n"
        ),
    )
    .unwrap();
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("build.rs"), "fn main() { println!(\"cargo:rerun-if-changed=modules\"); }\n").unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "static APP: freeze::FrozenModules = freeze::freeze!(\"modules/\");\n\
         fn main() {\n    for m in APP.iter() {\n        let sum: u32 = m.mpy().iter().map(u32::from).sum();\n        \
         println!(\"{} {} {}\", String::from_utf8_lossy(m.name().bytes().as_bytes()), m.mpy().len(), sum);\n    }\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("modules/a.py"), "x = 1\n").unwrap();
    std::fs::write(dir.join("modules/pkg/__init__.py"), "from . import *\n").unwrap();
    // a target dir kept between runs, so the dependencies are built once
    let target = repo().join("target/freeze-scratch");

    let (rebuilt, first) = build_and_run(&dir, &target);
    assert!(rebuilt);
    let names = |out: &str| out.lines().map(|l| l.split(' ').next().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(names(&first), ["a", "pkg"]);

    let (rebuilt, again) = build_and_run(&dir, &target);
    assert!(!rebuilt, "nothing changed, yet the crate was rebuilt");
    assert_eq!(again, first);

    touch_pause();
    std::fs::write(dir.join("modules/a.py"), "x = 'edited'\n").unwrap();
    let (rebuilt, edited) = build_and_run(&dir, &target);
    assert!(rebuilt, "editing a frozen file did not rebuild");
    assert_ne!(edited.lines().next(), first.lines().next(), "the edit is not in the new binary");

    touch_pause();
    std::fs::write(dir.join("modules/pkg/b.py"), "y = 2\n").unwrap();
    let (rebuilt, added) = build_and_run(&dir, &target);
    assert!(rebuilt, "adding a file did not rebuild");
    assert_eq!(names(&added), ["a", "pkg", "pkg.b"]);

    touch_pause();
    std::fs::remove_file(dir.join("modules/pkg/b.py")).unwrap();
    let (rebuilt, deleted) = build_and_run(&dir, &target);
    assert!(rebuilt, "deleting a file did not rebuild");
    assert_eq!(names(&deleted), ["a", "pkg"]);

    // without the build script, edits still rebuild (include_bytes! tracking)
    std::fs::remove_file(dir.join("build.rs")).unwrap();
    let _ = build_and_run(&dir, &target);
    touch_pause();
    std::fs::write(dir.join("modules/a.py"), "x = 'edited again'\n").unwrap();
    let (rebuilt, _) = build_and_run(&dir, &target);
    assert!(rebuilt, "editing a frozen file without build.rs did not rebuild");

    let _ = std::fs::remove_dir_all(&dir);
}
