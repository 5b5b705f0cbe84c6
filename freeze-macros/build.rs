//! `freeze_tracked_path` / `freeze_tracked`: the toolchain accepts proc_macro's unstable
//! tracked-path API (nightly), found by compiling a probe with it, under that API's newer name
//! (`proc_macro::tracked::path`) or its older one (`proc_macro::tracked_path::path`). Then the
//! macro tracks the frozen folder itself, so adding a module rebuilds without a build script.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rustc-check-cfg=cfg(freeze_tracked, freeze_tracked_path)");
    tracked_path_probe();
}

/// Sets `freeze_tracked` or `freeze_tracked_path` when a probe using that API compiles.
fn tracked_path_probe() {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let probes = [
        ("freeze_tracked", "proc_macro::tracked::path(std::path::Path::new(p))"),
        ("freeze_tracked_path", "proc_macro::tracked_path::path(p)"),
    ];
    for (cfg, call) in probes {
        let source = format!(
            "#![feature(proc_macro_tracked_path)]\nextern crate proc_macro;\npub fn track(p: &str) {{ {call}; }}\n"
        );
        let mut cmd = Command::new(&rustc);
        cmd.args(["--crate-type=lib", "--crate-name=freeze_probe", "--edition=2021", "--emit=metadata", "--out-dir"])
            .arg(&out_dir)
            .args(flags.split('\x1f').filter(|f| !f.is_empty()))
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let Ok(mut child) = cmd.spawn() else { return };
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(source.as_bytes());
        }
        if child.wait().is_ok_and(|s| s.success()) {
            println!("cargo::rustc-cfg={cfg}");
            return;
        }
    }
}
