//! Two facts the macro learns when it is built:
//!
//! - `FREEZE_COMPILER_ID`: which compiler the cache of compiled modules (`src/cache.rs`) may
//!   trust. The versions of the macro and, when its sources sit beside this crate (a checkout or
//!   a path dependency, where the code changes without the version), a hash of freeze-compiler's
//!   `Cargo.toml` and `src/`. A published crate is identified by its version.
//! - `freeze_tracked_path` / `freeze_tracked`: the toolchain accepts proc_macro's unstable
//!   tracked-path API (nightly), found by compiling a probe with it, under that API's newer name
//!   (`proc_macro::tracked::path`) or its older one (`proc_macro::tracked_path::path`). Then the
//!   macro tracks the frozen folder itself, so adding a module rebuilds without a build script.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rustc-check-cfg=cfg(freeze_tracked, freeze_tracked_path)");
    compiler_id();
    tracked_path_probe();
}

fn compiler_id() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let mut h = Fx(0);
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    let compiler = manifest.join("../freeze-compiler");
    if compiler.join("Cargo.toml").is_file() && compiler.join("src").is_dir() {
        println!("cargo::rerun-if-changed={}", compiler.join("Cargo.toml").display());
        println!("cargo::rerun-if-changed={}", compiler.join("src").display());
        h.write(&std::fs::read(compiler.join("Cargo.toml")).unwrap_or_default());
        let mut files = Vec::new();
        list(&compiler.join("src"), &mut files);
        files.sort();
        for f in files {
            h.write(f.strip_prefix(&compiler).unwrap_or(&f).to_string_lossy().as_bytes());
            h.write(&std::fs::read(&f).unwrap_or_default());
        }
    }
    println!("cargo::rustc-env=FREEZE_COMPILER_ID={}-{:016x}", env!("CARGO_PKG_VERSION"), h.0);
}

fn list(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            list(&p, out);
        } else {
            out.push(p);
        }
    }
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

/// The multiply-rotate hash (no dependency for a build script).
struct Fx(u64);

impl Fx {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes.iter().chain((bytes.len() as u64).to_le_bytes().iter()) {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}
