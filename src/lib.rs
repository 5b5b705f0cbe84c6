//! Freeze Python packages into MicroPython bytecode at Rust compile time.
//!
//! ```ignore
//! static APP: freeze::FrozenModules = freeze::freeze!("modules/");
//! ```
//!
//! Every `.py` below `modules/` (relative to the crate's `Cargo.toml`) is compiled to `.mpy` v6
//! bytecode (byte-identical to `mpy-cross` 1.29) while the crate compiles, and placed in static
//! data: one descriptor per module ([`FrozenModule`]: dotted name, path, kind, `.mpy` bytes) and
//! one ROMFS image of all of them, laid out as `mpremote romfs build` lays out the folder.
//!
//! Options, all optional, after the folder:
//!
//! ```ignore
//! freeze!("modules/",
//!         opt = 0,                        // mpy-cross -O level 0..=3 (default 0)
//!         small_int_bits = 31,            // mpy-cross -msmall-int-bits (default 31)
//!         source_lines = true,            // false = mpy-cross -X no-source-lines
//!         include = ["**/*.py"],          // globs over paths relative to the folder
//!         exclude = ["tests/**"],         // (default: none)
//!         link_section = ".irom0.text",   // section of the image and tables (ESP8266 flash)
//!         prefix = "vendor")              // modules become `vendor.pkg.mod` (default: none)
//! ```
//!
//! `include`/`exclude` are shell globs over `/`-separated paths relative to the folder: `*` and
//! `?` within one name, `**` any number of folders, `[a-z]` classes and `{a,b}` alternatives
//! (the `globset` crate; matching takes time linear in the path, whatever the pattern).
//!
//! Every Python error of the folder is reported in the same build, one error per broken file,
//! each at its `file.py:line:column` with the line and a caret.
//!
//! On hosts, the data are plain slices and the strings print:
//!
//! ```ignore
//! let image: &[u8] = APP.image_bytes();            // the ROMFS image
//! for m in APP.iter() {
//!     println!("{} ({}): {} bytes", m.name(), m.path(), m.code_bytes().len());
//! }
//! ```
//!
//! (`image_bytes`/`code_bytes` exist where `target_os` is not `none`; firmware reads through
//! `image()`/`code()`, whose aligned word loads the ESP8266's flash requires.)
//!
//! Editing a frozen `.py` file rebuilds the crate. To also rebuild when files are *added or
//! deleted*, add a `build.rs` with one line:
//!
//! ```ignore
//! fn main() { println!("cargo:rerun-if-changed=modules"); }
//! ```
#![no_std]

pub use freeze_macros::freeze;
pub use freeze_runtime as runtime;
pub use freeze_runtime::{FrozenModule, FrozenModules, ModuleKind};
