//! `freeze!("modules/")`: every `.py` below a folder compiled to MicroPython `.mpy` v6 at Rust
//! compile time, emitted as static descriptors plus one ROMFS image.
//!
//! The proc-macro shell: the expansion is `freeze-macros-internals` (a plain library that unit
//! tests and fuzzers call with `proc_macro2` tokens); this crate converts the tokens, names the
//! invoking crate's folder, finds the cache of compiled modules, and tracks the frozen files
//! through proc_macro's tracked-path API where the toolchain has it (the build script probes).

#![cfg_attr(any(freeze_tracked, freeze_tracked_path), feature(proc_macro_tracked_path))]

use freeze_macros_internals::{expand_with, Cache, Context};
use std::path::{Path, PathBuf};

/// Freezes a folder of Python modules into MicroPython bytecode; evaluates to a
/// `freeze::FrozenModules` (usable in a `static`).
///
/// See the `freeze` crate's README for the options.
#[proc_macro]
pub fn freeze(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let cache = Cache::locate();
    let track: Option<&dyn Fn(&Path)> = if TRACKED_PATHS { Some(&track_path) } else { None };
    expand_with(input.into(), &Context { base: &base, cache: cache.as_ref(), track }).into()
}

/// Whether this toolchain has proc_macro's tracked-path API (see `build.rs`).
const TRACKED_PATHS: bool = cfg!(any(freeze_tracked, freeze_tracked_path));

/// Tells rustc (and so cargo) that the expansion depends on `path`, a file or a folder.
fn track_path(path: &Path) {
    // the API wants UTF-8 (the newer one panics otherwise); such a path is not tracked
    let Some(_path) = path.to_str() else { return };
    #[cfg(freeze_tracked)]
    proc_macro::tracked::path(_path);
    #[cfg(all(freeze_tracked_path, not(freeze_tracked)))]
    proc_macro::tracked_path::path(_path);
}
