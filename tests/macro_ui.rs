//! UI tests: every error `freeze!` reports, with its words and location (`tests/ui/*.rs` and the
//! expected `.stderr` next to each; regenerate with `TRYBUILD=overwrite cargo test --test macro_ui`).
//!
//! `freeze!` resolves folders relative to CARGO_MANIFEST_DIR, and trybuild builds the UI cases in
//! its own project (`<target>/tests/trybuild/freeze/`). So that `"tests/ui/fixtures/..."` means
//! the same folder there, that project gets a `tests` symlink to this repository's `tests/`.

use std::path::PathBuf;
use std::process::Command;

fn target_dir() -> PathBuf {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata");
    let text = String::from_utf8(out.stdout).unwrap();
    let key = "\"target_directory\":\"";
    let start = text.find(key).expect("target_directory in cargo metadata") + key.len();
    let end = start + text[start..].find('"').unwrap();
    PathBuf::from(text[start..end].replace("\\\\", "\\"))
}

#[test]
fn ui() {
    let project = target_dir().join("tests/trybuild/freeze");
    std::fs::create_dir_all(&project).unwrap();
    let link = project.join("tests");
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    if std::fs::read_link(&link).ok().as_deref() != Some(tests.as_path()) {
        let _ = std::fs::remove_file(&link);
        #[cfg(unix)]
        std::os::unix::fs::symlink(&tests, &link).unwrap();
        #[cfg(windows)]
        std::os::windows::fs::symlink_dir(&tests, &link).unwrap();
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
