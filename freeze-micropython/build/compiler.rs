//! The target's C compiler and the flags MicroPython's core is built with.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tree::Tree;

pub struct Target {
    pub triple: String,
    pub arch: String,
    /// No C library on the target (`target_os = "none"`): bare-metal headers and MicroPython's
    /// own string functions and printf are used.
    pub bare_metal: bool,
}

impl Target {
    pub fn from_env() -> Target {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        Target {
            triple: var("TARGET"),
            arch: var("CARGO_CFG_TARGET_ARCH"),
            bare_metal: var("CARGO_CFG_TARGET_OS") == "none",
        }
    }
}

pub struct Compiler {
    build: cc::Build,
}

impl Compiler {
    pub fn new(target: &Target, tree: &Tree, port: &Path, out: &Path) -> Compiler {
        let mut build = cc::Build::new();
        let cc_env = format!("CC_{}", target.triple.replace('-', "_"));
        println!("cargo:rerun-if-env-changed={cc_env}");
        if target.arch == "xtensa" {
            // The ESP8266's CPU. Debian's gcc-xtensa-lx106 is the compiler; a CC_<target>
            // variable chooses another (an Espressif toolchain, for example).
            if std::env::var_os(&cc_env).is_none() {
                build.compiler("xtensa-lx106-elf-gcc");
                build.archiver("xtensa-lx106-elf-ar");
            }
            build.no_default_flags(true);
            // -mforce-l32: every byte and half-word load becomes an aligned 32-bit load, so
            //   MicroPython may read bytecode, strings and objects in flash (the LX106 faults on
            //   narrower loads there).
            // -mlongcalls: code in flash calls code in IRAM and back, out of `call0` range.
            // -fno-builtin: otherwise GCC turns string0.c's memset loop into a call to memset
            //   itself (infinite recursion at start-up).
            for flag in ["-Os", "-mforce-l32", "-mlongcalls", "-mtext-section-literals", "-fno-builtin"] {
                build.flag(flag);
            }
            build.flag("-ffunction-sections").flag("-fdata-sections");
        } else {
            build.opt_level(2);
        }
        build.flag("-std=gnu99").flag("-fno-common").flag_if_supported("-Wno-unused-parameter");
        build.warnings(false).debug(false);
        if target.bare_metal {
            build.include(port.join("libc"));
            build.flag("-ffreestanding");
            build.define("MICROPY_USE_INTERNAL_PRINTF", "1");
            build.define("MICROPY_USE_INTERNAL_ERRNO", "1");
        }
        // Feature `native`: the emitter for this CPU and executable memory (mpconfigport.h).
        if std::env::var_os("CARGO_FEATURE_NATIVE").is_some() {
            build.define("FREEZE_NATIVE_CODE", "1");
        }
        build.define("NDEBUG", None);
        build.include(out).include(port).include(&tree.root);
        Compiler { build }
    }

    /// The C preprocessor's output for `file` with `defines` (`-DNAME`) added.
    pub fn preprocess(&self, file: &Path, defines: &[&str]) -> Result<String, String> {
        let mut cmd: Command = self.build.get_compiler().to_command();
        cmd.arg("-E");
        for d in defines {
            cmd.arg(format!("-D{d}"));
        }
        cmd.arg(file);
        let output = cmd.output().map_err(|e| format!("cannot run the C compiler ({cmd:?}): {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "the C preprocessor failed on {}:\n{}",
                file.display(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        String::from_utf8(output.stdout).map_err(|_| format!("preprocessed {} is not UTF-8", file.display()))
    }

    /// The assembler listing (`-S`) of `file`, for probes whose values are read from it.
    pub fn assemble_listing(&self, file: &Path) -> Result<String, String> {
        let mut cmd: Command = self.build.get_compiler().to_command();
        cmd.arg("-S").arg("-o").arg("-").arg(file);
        let output = cmd.output().map_err(|e| format!("cannot run the C compiler ({cmd:?}): {e}"))?;
        if !output.status.success() {
            return Err(format!("the C compiler failed on {}:\n{}", file.display(), String::from_utf8_lossy(&output.stderr)));
        }
        String::from_utf8(output.stdout).map_err(|_| format!("assembler listing of {} is not UTF-8", file.display()))
    }

    pub fn compile_library(&self, name: &str, sources: &[PathBuf], frozen_tables_in_c: bool) {
        let mut build = self.build.clone();
        if frozen_tables_in_c {
            build.define("FREEZE_FROZEN_TABLES_IN_C", "1");
        }
        build.files(sources);
        build.compile(name);
    }
}
