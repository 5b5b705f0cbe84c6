//! Build script of the example firmware:
//!
//! - links with `esp8266.ld` (memory map, vectors, flash window);
//! - rebuilds when a file below `modules/` is added or deleted (`freeze!` itself tracks edits);
//! - computes, independently of the `freeze!` expansion, what the firmware must find: every
//!   module of `modules/` compiled with `freeze_compiler::compile` (source name = path relative
//!   to the folder, default options), its length and FNV-1a checksum, written to
//!   `$OUT_DIR/expected.rs` for the firmware's self-check;
//! - lists the sources themselves in `$OUT_DIR/sources.rs`, for the `source-route` build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());

    println!("cargo:rustc-link-arg=-T{}", dir.join("esp8266.ld").display());
    println!("cargo:rerun-if-changed=esp8266.ld");
    println!("cargo:rerun-if-changed=modules");
    println!("cargo:rerun-if-changed=native_modules");
    println!("cargo:rerun-if-changed=native_bench");
    // The interpreter's ABI file, for freeze!(..., tables = true) (feature frozen-tables).
    if let Ok(abi) = std::env::var("DEP_MICROPYTHON_ABI") {
        println!("cargo:rustc-env=FREEZE_MICROPYTHON_ABI={abi}");
    }

    let mut files = Vec::new();
    walk(&dir.join("modules"), "", &mut files);
    let mut modules: Vec<(String, String, Vec<u8>)> = files
        .into_iter()
        .map(|(rel, abs)| {
            println!("cargo:rerun-if-changed={}", abs.display());
            let text = std::fs::read_to_string(&abs).unwrap();
            let mpy = freeze_compiler::compile(&text, &rel, &freeze_compiler::Options::default())
                .unwrap_or_else(|e| panic!("{e}"));
            let stem = rel.strip_suffix(".py").unwrap();
            let name = stem.strip_suffix("/__init__").unwrap_or(stem).replace('/', ".");
            (name, rel, mpy)
        })
        .collect();
    modules.sort_by(|a, b| a.0.cmp(&b.0));

    let image = freeze_compiler::romfs::build_image_from_py(
        &modules.iter().map(|(_, rel, mpy)| (rel.clone(), mpy.clone())).collect::<Vec<_>>(),
    )
    .unwrap();

    let mut src = String::from("/// (dotted name, source path, .mpy length, FNV-1a of the .mpy), sorted by name.\n");
    src.push_str("pub static EXPECTED: &[(&str, &str, usize, u32)] = &[\n");
    for (name, rel, mpy) in &modules {
        writeln!(src, "    ({name:?}, {rel:?}, {}, 0x{:08x}),", mpy.len(), fnv1a(mpy)).unwrap();
    }
    src.push_str("];\n");
    writeln!(
        src,
        "/// Length and FNV-1a of the whole ROMFS image.\npub const EXPECTED_IMAGE: (usize, u32) = ({}, 0x{:08x});",
        image.len(),
        fnv1a(&image)
    )
    .unwrap();
    std::fs::write(out.join("expected.rs"), src).unwrap();

    // The sources themselves, for the `source-route` build (compiled on the device).
    let mut sources = String::from("/// (path relative to modules/, source text), sorted by path.\n");
    sources.push_str("pub static SOURCES: &[(&str, &str)] = &[\n");
    let mut by_path: Vec<&(String, String, Vec<u8>)> = modules.iter().collect();
    by_path.sort_by(|a, b| a.1.cmp(&b.1));
    for (_, rel, _) in by_path {
        let abs = dir.join("modules").join(rel);
        writeln!(sources, "    ({rel:?}, include_str!({:?})),", abs.display().to_string()).unwrap();
    }
    sources.push_str("];\n");
    std::fs::write(out.join("sources.rs"), sources).unwrap();
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// `.py` files below `dir`, as (path relative to the folder with `/`, absolute path), sorted.
fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().into_string().unwrap();
        let path = e.path();
        let r = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if path.is_dir() {
            walk(&path, &r, out);
        } else if name.ends_with(".py") {
            out.push((r, path));
        }
    }
}
