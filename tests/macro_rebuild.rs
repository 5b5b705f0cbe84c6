//! Rebuilds: a scratch crate using `freeze!` is built with a real `cargo build`; editing a frozen
//! `.py` rebuilds it (`include_bytes!` tracking, no build script needed), and with the documented
//! one-line `build.rs` (`cargo:rerun-if-changed=modules`) adding and deleting files rebuild it
//! too. A second build with no change rebuilds nothing. The macro's cache of compiled modules
//! lives in `target/debug/freeze-cache`, an edit rewrites the edited module's entry only, and
//! the binary is the same with the cache turned off. On the pinned nightly (tracked-path API)
//! the macro tracks the folder itself: additions and deletions rebuild without a build script.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The nightly the ESP8266 firmware builds with (scripts/esp8266-setup.sh installs it).
const NIGHTLY: &str = "nightly-2026-10-30";

/// `cargo build` of the scratch crate; returns (whether the crate itself was compiled, its output).
fn build_and_run(dir: &Path, target: &Path) -> (bool, String) {
    build_and_run_with(dir, target, None, &[])
}

/// [`build_and_run`] with a toolchain (`rustup run <toolchain> cargo`) and extra environment.
fn build_and_run_with(dir: &Path, target: &Path, toolchain: Option<&str>, env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = match toolchain {
        None => Command::new(env!("CARGO")),
        Some(t) => {
            let mut c = Command::new("rustup");
            c.args(["run", t, "cargo"]).env_remove("RUSTUP_TOOLCHAIN").env_remove("RUSTC");
            c
        }
    };
    let out = cmd
        .args(["build", "--offline"])
        .arg("-v")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("FREEZE_CACHE_DIR")
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo ({toolchain:?}): {e}"));
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

/// A scratch crate in a fresh temporary folder (`name`) freezing `modules/` (`a.py`,
/// `pkg/__init__.py`), depending on a snapshot of this repository's crates in `target` (built
/// there once, kept between runs). The binary prints each module's name, `.mpy` length and byte
/// sum, and a hash of the whole image.
fn scratch_crate(name: &str, target: &Path) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("freeze-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("modules/pkg")).unwrap();
    // the scratch crate depends on a snapshot of this repository's crates, kept in the target
    // dir and only rewritten where files differ: work going on in the repository meanwhile must
    // not look like a rebuild caused by the frozen files
    let snapshot = target.join("freeze");
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
    std::fs::write(
        dir.join("src/main.rs"),
        "static APP: freeze::FrozenModules = freeze::freeze!(\"modules/\");\n\
         fn main() {\n    for m in APP.iter() {\n        let sum: u32 = m.code().iter().map(u32::from).sum();\n        \
         println!(\"{} {} {}\", m.name(), m.code().len(), sum);\n    }\n    \
         let h = APP.image_bytes().iter().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100000001b3));\n    \
         println!(\"image {h:016x}\");\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("modules/a.py"), "x = 1\n").unwrap();
    std::fs::write(dir.join("modules/pkg/__init__.py"), "from . import *\n").unwrap();
    dir
}

/// The module names the scratch binary printed.
fn names(out: &str) -> Vec<String> {
    out.lines().filter(|l| !l.starts_with("image ")).map(|l| l.split(' ').next().unwrap().to_owned()).collect()
}

/// The cache entries of a dev build: (file, bytes, modification time), sorted.
fn cache_entries(target: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let dir = target.join("debug/freeze-cache");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no cache at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "mpyc"))
        .map(|p| (p.clone(), std::fs::read(&p).unwrap(), std::fs::metadata(&p).unwrap().modified().unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn edits_additions_and_deletions_rebuild() {
    // a target dir kept between runs, so the dependencies are built once
    let target = repo().join("target/freeze-scratch");
    let dir = scratch_crate("scratch", &target);
    std::fs::write(dir.join("build.rs"), "fn main() { println!(\"cargo:rerun-if-changed=modules\"); }\n").unwrap();
    let _ = std::fs::remove_dir_all(target.join("debug/freeze-cache"));

    let (rebuilt, first) = build_and_run(&dir, &target);
    assert!(rebuilt);
    assert_eq!(names(&first), ["a", "pkg"]);
    let cached = cache_entries(&target);
    assert_eq!(cached.len(), 2, "one cache entry per module");

    let (rebuilt, again) = build_and_run(&dir, &target);
    assert!(!rebuilt, "nothing changed, yet the crate was rebuilt");
    assert_eq!(again, first);

    touch_pause();
    std::fs::write(dir.join("modules/a.py"), "x = 'edited'\n").unwrap();
    let (rebuilt, edited) = build_and_run(&dir, &target);
    assert!(rebuilt, "editing a frozen file did not rebuild");
    assert_ne!(edited.lines().next(), first.lines().next(), "the edit is not in the new binary");
    // the edit rewrote a.py's entry (in place: one entry per module) and left pkg's alone
    let after = cache_entries(&target);
    assert_eq!(after.len(), 2);
    let changed: Vec<bool> = cached.iter().zip(&after).map(|(b, a)| b.0 != a.0 || b.1 != a.1 || b.2 != a.2).collect();
    assert_eq!(changed.iter().filter(|c| **c).count(), 1, "only the edited module's entry changes");
    assert!(after.iter().any(|e| e.1.windows(b"'edited'".len()).any(|w| w == b"'edited'")));

    // the same binary with the cache turned off (FREEZE_CACHE_DIR empty)
    touch_pause();
    let main_rs = std::fs::read(dir.join("src/main.rs")).unwrap();
    std::fs::write(dir.join("src/main.rs"), &main_rs).unwrap();
    let (rebuilt, uncached) = build_and_run_with(&dir, &target, None, &[("FREEZE_CACHE_DIR", "")]);
    assert!(rebuilt);
    assert_eq!(uncached, edited, "the cache changed the output");

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
    assert_eq!(deleted, edited);

    // without the build script, edits still rebuild (include_bytes! tracking)
    std::fs::remove_file(dir.join("build.rs")).unwrap();
    let _ = build_and_run(&dir, &target);
    touch_pause();
    std::fs::write(dir.join("modules/a.py"), "x = 'edited again'\n").unwrap();
    let (rebuilt, _) = build_and_run(&dir, &target);
    assert!(rebuilt, "editing a frozen file without build.rs did not rebuild");

    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn on_nightly_the_folder_itself_is_tracked() {
    // proc_macro's tracked-path API: no build script, yet additions and deletions rebuild
    let target = repo().join("target/freeze-scratch-nightly");
    let dir = scratch_crate("scratch-nightly", &target);
    let build = || build_and_run_with(&dir, &target, Some(NIGHTLY), &[]);
    let (rebuilt, first) = build();
    assert!(rebuilt);
    assert_eq!(names(&first), ["a", "pkg"]);
    let (rebuilt, _) = build();
    assert!(!rebuilt, "nothing changed, yet the crate was rebuilt");

    touch_pause();
    std::fs::write(dir.join("modules/pkg/b.py"), "y = 2\n").unwrap();
    let (rebuilt, added) = build();
    assert!(rebuilt, "adding a file did not rebuild on {NIGHTLY}");
    assert_eq!(names(&added), ["a", "pkg", "pkg.b"]);

    touch_pause();
    std::fs::create_dir_all(dir.join("modules/pkg/sub")).unwrap();
    std::fs::write(dir.join("modules/pkg/sub/__init__.py"), "").unwrap();
    let (rebuilt, added) = build();
    assert!(rebuilt, "adding a package did not rebuild on {NIGHTLY}");
    assert_eq!(names(&added), ["a", "pkg", "pkg.b", "pkg.sub"]);

    touch_pause();
    std::fs::write(dir.join("modules/pkg/b.py"), "y = 'edited'\n").unwrap();
    let (rebuilt, edited) = build();
    assert!(rebuilt, "editing a file did not rebuild on {NIGHTLY}");
    assert_ne!(edited, added);

    touch_pause();
    std::fs::remove_file(dir.join("modules/pkg/sub/__init__.py")).unwrap();
    let (rebuilt, deleted) = build();
    assert!(rebuilt, "deleting a file did not rebuild on {NIGHTLY}");
    assert_eq!(names(&deleted), ["a", "pkg", "pkg.b"]);
    let (rebuilt, _) = build();
    assert!(!rebuilt);

    let _ = std::fs::remove_dir_all(&dir);
}
