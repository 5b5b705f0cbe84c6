//! The MicroPython tree: where it is, which version, which sources this port compiles.

use std::path::{Path, PathBuf};

use crate::compiler::Target;

pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub micro: u32,
    /// `MICROPY_VERSION_PRERELEASE` is non-zero: a tree between two releases.
    pub prerelease: bool,
}

impl Version {
    pub fn dotted(&self) -> String {
        format!("{}.{}.{}", self.major, self.minor, self.micro)
    }
}

pub struct Tree {
    pub root: PathBuf,
    pub version: Version,
}

/// Where `scripts/fetch-micropython.sh` unpacks the pinned tree, relative to this crate.
const FETCHED: &str = "../.micropython/1.23.0";

impl Tree {
    pub fn locate(manifest: &Path) -> Result<Tree, String> {
        let root = match std::env::var_os("MICROPYTHON_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => {
                let fetched = manifest.join(FETCHED);
                if !fetched.join("py/mpconfig.h").is_file() {
                    return Err(format!(
                        "no MicroPython tree: set MICROPYTHON_DIR to a MicroPython source tree (1.23 or later; \
                         the folder holding py/ and shared/), or run scripts/fetch-micropython.sh from the \
                         freeze repository, which unpacks the pinned PyPI sdist mpy-cross-v6-3==1.1.1 into {}",
                        fetched.display()
                    ));
                }
                fetched
            }
        };
        let mpconfig = root.join("py/mpconfig.h");
        println!("cargo:rerun-if-changed={}", mpconfig.display());
        let text = std::fs::read_to_string(&mpconfig)
            .map_err(|e| format!("MICROPYTHON_DIR={}: cannot read py/mpconfig.h ({e}); is it a MicroPython tree?", root.display()))?;
        let field = |name: &str| -> Result<u32, String> {
            let prefix = format!("#define MICROPY_VERSION_{name} ");
            text.lines()
                .find_map(|l| l.strip_prefix(&prefix))
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| format!("{}: no `{prefix}<number>` line", mpconfig.display()))
        };
        let version = Version {
            major: field("MAJOR")?,
            minor: field("MINOR")?,
            micro: field("MICRO")?,
            prerelease: field("PRERELEASE").is_ok_and(|p| p != 0),
        };
        if (version.major, version.minor) < (1, 23) {
            return Err(format!(
                "{} is MicroPython {}; freeze-micropython needs 1.23 or later",
                root.display(),
                version.dotted()
            ));
        }
        for needed in ["py/makeqstrdata.py", "py/qstrdefs.h", "shared/runtime/gchelper_generic.c"] {
            if !root.join(needed).is_file() {
                return Err(format!("{}: {needed} is missing; is it a whole MicroPython tree?", root.display()));
            }
        }
        Ok(Tree { root, version })
    }

    /// The C files of the interpreter: every `py/*.c` (each is compiled to nothing where the
    /// configuration leaves it out, as MicroPython's py.mk does), the port's glue, and the
    /// shared helpers the target needs. Sorted, so the archive is the same on every machine.
    pub fn sources(&self, port: &Path, target: &Target) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.root.join("py"))
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        // emitnative.c is #included by each native emitter (emitnx64.c, emitnxtensa.c, ...).
        files.retain(|p| p.extension().is_some_and(|e| e == "c") && !p.ends_with("py/emitnative.c"));
        files.sort();
        files.push(port.join("port.c"));
        if target.bare_metal {
            // No C library on the target: MicroPython's own string functions and printf.
            files.push(self.root.join("shared/libc/string0.c"));
            files.push(self.root.join("shared/libc/printf.c"));
        } else {
            files.push(self.root.join("shared/runtime/gchelper_generic.c"));
        }
        files
    }

    /// C compiled into the interpreter but not scanned for qstrs (as make leaves
    /// `frozen_content.c` out of the scan): for the frozen-tables oracle (tests/esp8266_qemu.rs,
    /// bench), the C that MicroPython's own tools/mpy-tool.py generated, named by
    /// `FREEZE_MICROPYTHON_EXTRA_C`. Not for production use.
    pub fn extra_sources(&self) -> Vec<PathBuf> {
        println!("cargo:rerun-if-env-changed=FREEZE_MICROPYTHON_EXTRA_C");
        let Some(extra) = std::env::var_os("FREEZE_MICROPYTHON_EXTRA_C") else { return Vec::new() };
        let extra = PathBuf::from(extra);
        println!("cargo:rerun-if-changed={}", extra.display());
        vec![extra]
    }
}
