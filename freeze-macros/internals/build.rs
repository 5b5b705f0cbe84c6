//! `FREEZE_COMPILER_ID`: which compiler the cache of compiled modules (`src/cache.rs`) may
//! trust. The version of this crate and, when freeze-compiler's sources sit beside it (a checkout
//! or a path dependency, where the code changes without the version), a hash of its `Cargo.toml`
//! and `src/`. A published crate is identified by its version.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    compiler_id();
}

fn compiler_id() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let mut h = Fx(0);
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    let compiler = manifest.join("../../freeze-compiler");
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

/// The multiply-rotate hash (no dependency for a build script).
struct Fx(u64);

impl Fx {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes.iter().chain((bytes.len() as u64).to_le_bytes().iter()) {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}
