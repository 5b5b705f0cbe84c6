//! The ESP8266 example firmware (`examples/esp8266`), built for `xtensa-esp8266-none-elf` with the
//! pinned nightly and run on the LX106 core under QEMU (`qemu-system-xtensa -M sim -cpu lx106
//! -semihosting`).
//!
//! - `python_firmware_prints_what_cpython_prints`: the default build links MicroPython (built for
//!   the LX106 by freeze-micropython) and runs `import main` of the frozen package, served to the
//!   importer from flash by freeze-runtime's import hooks; its console output must be CPython's
//!   for the same package, byte for byte, and the exit status 0.
//! - `frozen_tables_firmware_prints_what_cpython_prints`: the `frozen-tables` build imports the
//!   package from MicroPython's frozen-module tables that `freeze!(..., tables = true)` emits for
//!   the linked interpreter: CPython's output again.
//! - `python_exception_prints_a_traceback_and_fails`: the `raise-demo` build makes the frozen
//!   code raise; the traceback names the frozen `.py` file and line, and the exit status is 1.
//! - `firmware_checks_pass_with_the_hosts_checksums`: the checking firmware (no interpreter) walks its frozen table and
//!   ROMFS image and prints `module <name> <len> <fnv1a>` per module and `image <len> <fnv1a>`;
//!   this test compiles the same folder on the host (`freeze_compiler::compile`, source name =
//!   path relative to the folder) and compares, and wants exit status 0.
//! - `corrupt_image_makes_the_firmware_fail`: the `corrupt` build checks a copy of the image with
//!   a broken `.mpy` header and a flipped bytecode byte; it must report both and exit non-zero.
//! - `micropython_handover_works_on_the_target`: freeze-runtime's `mp_vfs_rom_ioctl` and its
//!   static memoryview, called on the LX106 (against a stand-in `mp_type_memoryview`).
//! - `board_build_is_laid_out_for_a_real_chip`: the `board` build (UART console) links for
//!   esptool's `elf2image`; it cannot run here.
//! - `no_byte_or_halfword_load_reads_flash`: the alignment rule QEMU does not enforce: static
//!   (objdump + DWARF inline chains) and dynamic (QEMU register trace at every byte/half-word
//!   load); the rules are documented above that test.
//!
//! Needs `qemu-system-xtensa`, the `xtensa-lx106-elf-*` binutils and gcc (linker), and the pinned
//! nightly with `rust-src`: `scripts/esp8266-setup.sh` installs them. Without them these tests
//! fail (never skip). The firmware is built once per test run into
//! `examples/esp8266/target` (about a minute when clean, seconds after).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const TOOLCHAIN: &str = "nightly-2026-10-30";
const SETUP: &str = "scripts/esp8266-setup.sh";
const ELF_IN_TARGET: &str = "xtensa-esp8266-none-elf/release/freeze-esp8266";
const QEMU_TIMEOUT: Duration = Duration::from_secs(60);

/// The DRAM the firmware's linker script uses (.rodata, .data, .bss, stack): byte-addressable.
const DRAM: std::ops::Range<u32> = 0x3FFE_8000..0x4000_0000;
/// Instruction ROM, IRAM and the memory-mapped flash: aligned 32-bit loads only on the chip.
const WORD_ONLY: std::ops::Range<u32> = 0x4000_0000..0x4030_0000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fw_dir() -> PathBuf {
    root().join("examples/esp8266")
}

fn target_dir() -> PathBuf {
    fw_dir().join("target")
}

// ---------------------------------------------------------------------------------------------
// tools and build

fn tool_works(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

fn require_tools() {
    let mut missing = Vec::new();
    for tool in ["qemu-system-xtensa", "xtensa-lx106-elf-gcc", "xtensa-lx106-elf-objdump", "xtensa-lx106-elf-addr2line"]
    {
        if !tool_works(tool, &["--version"]) {
            missing.push(tool.to_string());
        }
    }
    let sysroot = Command::new("rustup")
        .args(["run", TOOLCHAIN, "rustc", "--print", "sysroot"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    match sysroot {
        None => missing.push(format!("Rust toolchain {TOOLCHAIN}")),
        Some(s) if !s.join("lib/rustlib/src/rust/library/core").is_dir() => {
            missing.push(format!("rust-src of {TOOLCHAIN}"))
        }
        Some(_) => {}
    }
    assert!(
        missing.is_empty(),
        "missing for the ESP8266 QEMU test: {}.\nRun `{SETUP}` as root (Debian: gcc-xtensa-lx106, \
         binutils-xtensa-lx106, qemu-system-misc; rustup toolchain {TOOLCHAIN} with rust-src).",
        missing.join(", ")
    );
}

struct Firmware {
    /// MicroPython running the frozen package (the default build).
    python: PathBuf,
    /// The same, with a Python exception raised inside the frozen code.
    raise_demo: PathBuf,
    /// The package as MicroPython's frozen-module tables (freeze!(..., tables = true)).
    tables: PathBuf,
    /// The checking firmware (no interpreter).
    good: PathBuf,
    corrupt: PathBuf,
    /// With one deliberate byte load from flash (negative control of the flash-read rule).
    byte_load: PathBuf,
    /// For a real ESP8266 (UART console, flash cache enabled at start-up).
    board: PathBuf,
    /// The native example (`native_modules/`, `arch = "xtensa"`) in MicroPython with its
    /// Xtensa emitter: machine code loaded into IRAM through the import hooks.
    native: PathBuf,
    /// The same package as frozen tables: machine code executed in place from flash.
    native_tables: PathBuf,
    /// With the MicroPython hand-over (`mp_vfs_rom_ioctl`) checked on the target.
    micropython: PathBuf,
}

/// Builds the firmware variants once per test process (tests share them; one after the other,
/// as they share the output path).
fn firmware() -> &'static Firmware {
    static BUILT: OnceLock<Result<Firmware, String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        require_tools();
        let out = target_dir().join("qemu-test");
        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        let good = out.join("freeze-esp8266.elf");
        let corrupt = out.join("freeze-esp8266-corrupt.elf");
        let python = out.join("freeze-esp8266-python.elf");
        cargo_build(&["import-hooks"], &python)?;
        let raise_demo = out.join("freeze-esp8266-raise-demo.elf");
        cargo_build(&["raise-demo"], &raise_demo)?;
        let tables = out.join("freeze-esp8266-frozen-tables.elf");
        cargo_build(&["frozen-tables"], &tables)?;
        cargo_build(&[], &good)?;
        cargo_build(&["corrupt"], &corrupt)?;
        let byte_load = out.join("freeze-esp8266-flash-byte-load.elf");
        cargo_build(&["flash-byte-load"], &byte_load)?;
        let board = out.join("freeze-esp8266-board.elf");
        cargo_build(&["import-hooks", "board"], &board)?;
        let micropython = out.join("freeze-esp8266-micropython.elf");
        cargo_build(&["micropython"], &micropython)?;
        let native = out.join("freeze-esp8266-native.elf");
        cargo_build(&["native"], &native)?;
        let native_tables = out.join("freeze-esp8266-native-tables.elf");
        cargo_build(&["native-tables"], &native_tables)?;
        Ok(Firmware { python, raise_demo, tables, good, corrupt, byte_load, board, micropython, native, native_tables })
    });
    match built {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    }
}

/// `cargo build --release --no-default-features --features <features>` in examples/esp8266 with
/// the pinned toolchain (`python` is the default feature, named here when wanted); copies the
/// ELF to `to`.
fn cargo_build(features: &[&str], to: &Path) -> Result<(), String> {
    cargo_build_in(features, to, &target_dir(), &[])
}

/// [`cargo_build`] into its own target folder, with more environment variables.
fn cargo_build_in(features: &[&str], to: &Path, target: &Path, env: &[(&str, &Path)]) -> Result<(), String> {
    let mut cmd = Command::new("rustup");
    cmd.current_dir(fw_dir()).args(["run", TOOLCHAIN, "cargo", "build", "--release", "--no-default-features"]);
    if !features.is_empty() {
        cmd.arg("--features").arg(features.join(","));
    }
    // The outer `cargo test` exports its own toolchain, flags and target dir: none of them apply.
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if (k.starts_with("CARGO") || k.starts_with("RUST")) && k != "CARGO_HOME" && k != "RUSTUP_HOME" {
            cmd.env_remove(&key);
        }
    }
    cmd.env("CARGO_TARGET_DIR", target);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot run rustup: {e}; run `{SETUP}`"))?;
    if !out.status.success() {
        return Err(format!(
            "building examples/esp8266 (features {features:?}) failed:\n{}\n(toolchain and packages: `{SETUP}`)",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    eprintln!("built examples/esp8266 {features:?} in {:.1} s", started.elapsed().as_secs_f64());
    std::fs::copy(target.join(ELF_IN_TARGET), to).map_err(|e| format!("copying the ELF: {e}"))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// QEMU

struct Run {
    status: i32,
    stdout: String,
}

/// Runs `elf` on the LX106 under QEMU (semihosting console; killed after QEMU_TIMEOUT).
/// `extra` are more QEMU arguments (tracing).
fn qemu(elf: &Path, extra: &[String]) -> Run {
    let mut child = Command::new("qemu-system-xtensa")
        .args(["-M", "sim", "-cpu", "lx106", "-display", "none", "-monitor", "none", "-serial", "none"])
        .arg("-semihosting")
        .args(extra)
        .arg("-device")
        .arg(format!("loader,file={},cpu-num=0", elf.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start qemu-system-xtensa: {e}; run `{SETUP}`"));
    let mut pipe = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        pipe.read_to_end(&mut s).ok();
        s
    });
    let deadline = Instant::now() + QEMU_TIMEOUT;
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("{} did not finish in {QEMU_TIMEOUT:?} under QEMU", elf.display());
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    Run { status: status.code().unwrap_or(-1), stdout }
}

// ---------------------------------------------------------------------------------------------
// what the host computes for the same folder

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

fn py_files(dir: &Path, rel: &str, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        let r = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if e.file_type().unwrap().is_dir() {
            py_files(&e.path(), &r, out);
        } else if name.ends_with(".py") {
            out.push(r);
        }
    }
}

/// (`module ...` lines sorted by name, `image ...` line), as the firmware prints them.
fn host_expectation() -> (Vec<String>, String) {
    let dir = fw_dir().join("modules");
    let mut rels = Vec::new();
    py_files(&dir, "", &mut rels);
    rels.sort();
    let mut modules = BTreeMap::new();
    let mut files = Vec::new();
    for rel in rels {
        let src = std::fs::read_to_string(dir.join(&rel)).unwrap();
        let mpy = freeze_compiler::compile(&src, &rel, &freeze_compiler::Options::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let stem = rel.strip_suffix(".py").unwrap();
        let name = stem.strip_suffix("/__init__").unwrap_or(stem).replace('/', ".");
        modules.insert(name.clone(), format!("module {name} {} {:08x}", mpy.len(), fnv1a(&mpy)));
        files.push((rel, mpy));
    }
    let image = freeze_compiler::romfs::build_image_from_py(&files).unwrap();
    (modules.into_values().collect(), format!("image {} {:08x}", image.len(), fnv1a(&image)))
}

fn lines_starting<'a>(out: &'a str, prefix: &str) -> Vec<&'a str> {
    out.lines().filter(|l| l.starts_with(prefix)).collect()
}

// ---------------------------------------------------------------------------------------------

#[path = "../freeze-micropython/tests/common/cpython.rs"]
mod cpython;

/// CPython's output for `import main` of the example's package.
fn cpython_import_main() -> String {
    cpython::cpython_import_main(&fw_dir().join("modules"))
}

#[test]
fn python_firmware_prints_what_cpython_prints() {
    let fw = firmware();
    let run = qemu(&fw.python, &[]);
    let expected = cpython_import_main();
    assert!(expected.lines().count() >= 2, "the example should print something: {expected:?}");
    assert_eq!(run.stdout, expected, "MicroPython on the LX106 printed something else than CPython");
    assert_eq!(run.status, 0, "exit status of the Python firmware:\n{}", run.stdout);
}

/// True frozen modules: the frozen-tables build imports the package from MicroPython's frozen
/// tables (qstrs, constants, raw code and bytecode in flash), with CPython's output.
#[test]
fn frozen_tables_firmware_prints_what_cpython_prints() {
    let fw = firmware();
    let run = qemu(&fw.tables, &[]);
    assert_eq!(run.stdout, cpython_import_main(), "the frozen-tables firmware printed something else than CPython");
    assert_eq!(run.status, 0);
}

/// MicroPython's own output for `import main` of `dir`'s sources: the PyPI MicroPython (unix
/// port, x64), whose emitter compiles the native and viper decorators itself.
fn micropython_import_main(dir: &Path) -> String {
    let mp = root().join(".oracles/venv/bin/micropython");
    assert!(mp.exists(), "the native MicroPython oracle is missing at {}: run scripts/install-oracles.sh", mp.display());
    let out = Command::new(&mp).current_dir(dir).args(["-c", "import main"]).output().unwrap();
    assert!(out.status.success(), "MicroPython failed on {}:\n{}", dir.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Native code on the chip: `freeze!("native_modules/", arch = "xtensa")` compiles the viper
/// and native functions to Xtensa machine code (byte-identical to `mpy-cross -march=xtensa`,
/// tests in freeze-compiler) and the LX106 runs it, by both routes: loaded into IRAM through
/// the import hooks, and executed in place from flash as frozen tables. The output is
/// MicroPython's own for the same sources.
#[test]
fn native_code_runs_on_the_lx106() {
    let fw = firmware();
    let expected = micropython_import_main(&fw_dir().join("native_modules"));
    assert!(expected.lines().count() > 10, "{expected}");
    for (elf, route) in [(&fw.native, "import hooks"), (&fw.native_tables, "frozen tables")] {
        let run = qemu(elf, &[]);
        assert_eq!(run.stdout, expected, "native code on the LX106 ({route}) printed something else than MicroPython");
        assert_eq!(run.status, 0, "{route}");
        eprintln!("native example, {route}, RAM: {}", ram_figures(elf));
    }
}

/// The `ram alloc=<n> live=<n> heap=<n>` figures a Python firmware reports on stderr.
fn ram_figures(elf: &Path) -> String {
    let out = Command::new("qemu-system-xtensa")
        .args(["-M", "sim", "-cpu", "lx106", "-display", "none", "-monitor", "none", "-serial", "none", "-semihosting"])
        .arg("-device")
        .arg(format!("loader,file={},cpu-num=0", elf.display()))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr).lines().find(|l| l.starts_with("ram ")).unwrap_or_default().to_string()
}

/// MicroPython's own route to the same place: the package compiled by mpy-cross and frozen by
/// the tree's tools/mpy-tool.py (scripts/mpy-tool-frozen.py; Python as the oracle, in this test
/// only), compiled into the same interpreter. It must behave as freeze!'s tables do; the RAM of
/// both is printed (bench/run.sh --only device records it).
#[test]
fn frozen_tables_behave_like_mpy_tools() {
    let fw = firmware();
    let out = target_dir().join("qemu-test");
    // the ABI of the interpreter the other builds linked (the same configuration)
    let abi = newest(&target_dir().join("xtensa-esp8266-none-elf/release/build"), "abi.txt")
        .expect("no abi.txt of freeze-micropython's build");
    let c = out.join("mpy-tool-frozen.c");
    let tree = root().join(".micropython/1.23.0");
    let status = Command::new("python3")
        .arg(root().join("scripts/mpy-tool-frozen.py"))
        .args([&abi, &tree, &fw_dir().join("modules"), &c])
        .status()
        .expect("python3 is needed to run MicroPython's mpy-tool.py (the oracle)");
    assert!(status.success(), "mpy-tool-frozen.py failed (oracles: scripts/install-oracles.sh; MicroPython: scripts/fetch-micropython.sh)");
    let elf = out.join("freeze-esp8266-mpy-tool-tables.elf");
    cargo_build_in(&["mpy-tool-tables"], &elf, &target_dir().join("mpy-tool"), &[("FREEZE_MICROPYTHON_EXTRA_C", &c)])
        .unwrap_or_else(|e| panic!("{e}"));
    let theirs = qemu(&elf, &[]);
    let ours = qemu(&fw.tables, &[]);
    assert_eq!(theirs.status, 0, "{}", theirs.stdout);
    assert_eq!(theirs.stdout, ours.stdout, "mpy-tool's tables and freeze!'s behave differently");
    assert_eq!(theirs.stdout, cpython_import_main());
    eprintln!("import main, RAM: freeze! tables: {}; mpy-tool tables: {}", ram_figures(&fw.tables), ram_figures(&elf));
}

/// The newest file called `name` below `dir`.
fn newest(dir: &Path, name: &str) -> Option<PathBuf> {
    let mut best: Option<(std::time::SystemTime, PathBuf)> = None;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()?.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == name) {
                let t = e.metadata().ok()?.modified().ok()?;
                if best.as_ref().is_none_or(|(bt, _)| t > *bt) {
                    best = Some((t, p));
                }
            }
        }
    }
    best.map(|(_, p)| p)
}

#[test]
fn python_exception_prints_a_traceback_and_fails() {
    let fw = firmware();
    let run = qemu(&fw.raise_demo, &[]);
    let expected = cpython_import_main();
    let tb = run.stdout.strip_prefix(expected.as_str()).unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(tb.starts_with("Traceback (most recent call last):\n"), "{tb}");
    assert!(tb.contains("\n  File \"net/report.py\", line 6, in format_line\n"), "{tb}");
    assert!(tb.ends_with("\nTypeError: unsupported types for __lt__: 'NoneType', 'int'\n"), "{tb}");
    assert_eq!(run.status, 1, "a Python exception must fail the run");
}

#[test]
fn firmware_checks_pass_with_the_hosts_checksums() {
    let fw = firmware();
    let run = qemu(&fw.good, &[]);
    print!("{}", run.stdout);
    let (modules, image) = host_expectation();
    assert!(modules.len() >= 5, "the example package should have several modules");
    assert_eq!(lines_starting(&run.stdout, "module "), modules, "per-module checksums differ from the host's");
    assert_eq!(lines_starting(&run.stdout, "image "), [image.as_str()], "image checksum differs from the host's");
    assert!(lines_starting(&run.stdout, "FAIL").is_empty(), "the firmware reported failures:\n{}", run.stdout);
    assert_eq!(run.stdout.lines().last(), Some(format!("ok {} modules", modules.len()).as_str()));
    assert_eq!(run.status, 0, "exit status of the firmware:\n{}", run.stdout);
}

/// freeze-runtime's `micropython` feature on the target: `mp_vfs_rom_ioctl` answers as MicroPython
/// expects and its segment is a memoryview object describing the image in flash (MicroPython
/// itself is not linked: a stand-in `mp_type_memoryview`).
#[test]
fn micropython_handover_works_on_the_target() {
    let fw = firmware();
    let run = qemu(&fw.micropython, &[]);
    print!("{}", run.stdout);
    let (modules, image) = host_expectation();
    assert_eq!(lines_starting(&run.stdout, "module "), modules);
    assert_eq!(lines_starting(&run.stdout, "image "), [image.as_str()]);
    let handover = lines_starting(&run.stdout, "micropython hand-over: memoryview of ");
    let len = image.split(' ').nth(1).unwrap();
    assert!(
        handover.len() == 1 && handover[0].contains(&format!(" {len} bytes at 0x402")),
        "the memoryview must describe the image in the flash window:\n{}",
        run.stdout
    );
    assert_eq!(run.status, 0, "{}", run.stdout);
}

#[test]
fn corrupt_image_makes_the_firmware_fail() {
    let fw = firmware();
    let run = qemu(&fw.corrupt, &[]);
    print!("{}", run.stdout);
    assert_eq!(run.status, 1, "the corrupt build must exit 1 (a crash would be 100 + EXCCAUSE):\n{}", run.stdout);
    // the broken header is found by the ROMFS walk, the flipped bytecode byte by the comparison
    // with the descriptors and by the checksums
    for want in [
        "FAIL .mpy header does not parse",
        "FAIL ROMFS file differs from the descriptor's .mpy sensors.thermo",
        "FAIL image checksum differs",
    ] {
        assert!(run.stdout.contains(want), "missing `{want}` in:\n{}", run.stdout);
    }
    assert!(run.stdout.lines().last().is_some_and(|l| l.starts_with("FAILED ")));
    // the untouched modules still check out: the same lines as the host's
    let (modules, _) = host_expectation();
    let printed = lines_starting(&run.stdout, "module ");
    let same = printed.iter().filter(|l| modules.iter().any(|m| m == *l)).count();
    assert_eq!(same, modules.len() - 2, "exactly the two damaged modules should differ:\n{}", run.stdout);
}

/// The example's ROMFS image as the host builds it (the bytes `freeze!` places in flash).
fn host_image() -> Vec<u8> {
    let dir = fw_dir().join("modules");
    let mut rels = Vec::new();
    py_files(&dir, "", &mut rels);
    rels.sort();
    let files: Vec<(String, Vec<u8>)> = rels
        .into_iter()
        .map(|rel| {
            let src = std::fs::read_to_string(dir.join(&rel)).unwrap();
            let mpy = freeze_compiler::compile(&src, &rel, &freeze_compiler::Options::default()).unwrap();
            (rel, mpy)
        })
        .collect();
    freeze_compiler::romfs::build_image_from_py(&files).unwrap()
}

/// `freeze!`'s output verifies on the host: the content hash the macro recorded is the
/// runtime's, the descriptors are the image's files. (The firmware's registration checks the
/// same on the LX106 in every Python test above.)
#[test]
fn freeze_output_verifies_on_the_host() {
    static APP: freeze::FrozenModules = freeze::freeze!("examples/esp8266/modules");
    assert_eq!(APP.verify(), Ok(()));
    assert_eq!(APP.image_bytes(), host_image());
    assert_eq!(APP.recorded_hash(), Some(freeze::runtime::verify::image_hash_slice(APP.image_bytes())));
}

/// The Python firmware with its image damaged *in flash* (the ELF patched before QEMU loads it,
/// as a bit error or a bad over-the-air write would leave it), one ELF per kind of damage:
/// (ELF, name, the line the firmware must print). Damage: one bit flipped in a module's
/// bytecode (only the content hash can see it), a module's header byte changed, a module's file
/// renamed in the image (`sensors/thermo.mpy` -> `thermn.mpy`: not in the image), and the root's
/// first record overwritten by a padding record whose length wraps a 32-bit pointer back to the
/// record itself (MicroPython's VfsRom would loop on it forever: freeze-runtime/tests/verify.rs).
fn damaged_python_firmwares(fw: &Firmware) -> Vec<(PathBuf, &'static str, &'static str)> {
    let elf = std::fs::read(&fw.python).unwrap();
    let image = host_image();
    let at = elf.windows(image.len()).position(|w| w == image.as_slice()).expect("the image in the ELF");
    assert!(elf[at + 1..].windows(image.len()).all(|w| w != image.as_slice()), "the image is in the ELF once");
    // the root's first record: after the header and the filesystem record's length varuint
    let root = 3 + image[3..].iter().position(|b| b & 0x80 == 0).unwrap() + 1;
    // main.mpy's place in the ELF; a byte in its middle (past its header: bytecode or constants)
    let main = freeze::runtime::Romfs::from_ram(&image).unwrap().file("main.mpy").unwrap();
    let main_at = at + (main.as_ptr().addr() - image.as_ptr().addr());
    let middle = main_at + main.len() / 2;
    // the name of sensors/thermo.mpy's file record, in the image
    let thermo_name = at + image.windows(10).position(|w| w == b"thermo.mpy").unwrap();
    // (name, bytes of the ELF to change, the line the firmware must print)
    type Damage = (&'static str, Vec<(usize, u8)>, &'static str);
    let cases: [Damage; 4] = [
        ("bit-flip", vec![(middle, elf[middle] ^ 0x10)], "frozen image refused: content hash "),
        ("header", vec![(main_at, b'C')], "frozen image refused: module "),
        // the file renamed: the walk does not meet module sensors.thermo, the look-ups by path
        // (through the packages before it) name it
        ("renamed", vec![(thermo_name + 5, b'n')], "frozen image refused: module "),
        (
            "wrapping-record",
            [0x01, 0x8f, 0xff, 0xff, 0xff, 0x7a].iter().enumerate().map(|(i, b)| (at + root + i, *b)).collect(),
            "frozen image refused: ROMFS record runs past its container",
        ),
    ];
    cases
        .into_iter()
        .map(|(what, patch, want)| {
            let mut bad = elf.clone();
            for (i, b) in patch {
                bad[i] = b;
            }
            let path = target_dir().join("qemu-test").join(format!("freeze-esp8266-python-damaged-{what}.elf"));
            std::fs::write(&path, &bad).unwrap();
            (path, what, want)
        })
        .collect()
}

/// Registration refuses a damaged image before MicroPython starts: the firmware prints why on
/// its console and exits 3; Python prints nothing.
#[test]
fn python_firmware_refuses_a_damaged_image_before_micropython_starts() {
    let fw = firmware();
    for (elf, what, want) in damaged_python_firmwares(fw) {
        let run = qemu(&elf, &[]);
        print!("{what}: {}", run.stdout);
        assert!(run.stdout.starts_with(want) && run.stdout.lines().count() == 1, "{what}: {}", run.stdout);
        assert_eq!(run.status, 3, "{what}: exit status 3 (image refused):\n{}", run.stdout);
    }
}

// ---------------------------------------------------------------------------------------------
// The flash-read rule.
//
// On the chip, flash (0x40200000..), IRAM and the instruction ROM answer only aligned 32-bit
// loads; `l8ui`/`l16ui`/`l16si` there raise LoadStoreError. QEMU does not model that, so:
//
// 1. Static, by name: the runtime's flash-reading primitives are `freeze_runtime::ffi::flash::
//    load_word` (the volatile aligned `u32` load behind every word-mode `RomBytes` read),
//    `word_byte` (the byte shifted out of that word in a register) and `load_copy` (volatile
//    copies of descriptors, which may sit in flash). With LTO they are inlined everywhere, so they
//    are found by DWARF inline chains (`addr2line -i`), not by symbol ranges. No byte or
//    half-word load may be attributed to them, and (so the rule is not vacuous) 32-bit loads
//    attributed to `load_word` and `load_copy` must exist.
//
//    Why not "no narrow load in any `freeze_runtime` function"? The disassembly shows narrow
//    loads there that are correct: `RomBytes` also views ordinary RAM (`from_ram`, e.g. `&str`
//    arguments), and its RAM-mode branch `as_bytes()[i]` is an `l8ui`; the ROMFS reader compares
//    names with the caller's `&str` path; and `Result`s passed through the stack have their
//    discriminant bytes read back with `l8ui`. A static rule cannot tell these from a flash read
//    without data-flow analysis, hence:
//
// 2. Dynamic, every narrow load of the whole firmware: QEMU runs the good, corrupt (which also
//    takes error paths) and micropython builds one instruction per translation block (`-singlestep -d
//    cpu,nochain`), logging the registers only at the addresses of the `l8ui`/`l16ui`/`l16si`
//    instructions that objdump lists (`-dfilter`). Each logged execution gives the effective
//    address (base register + offset): every one must be in DRAM, none in the word-only memories.
//
// 3. Static, the runtime's narrow-load sites that neither run executed (attributed to runtime
//    code by DWARF): each must read the stack (base register a1, the stack pointer: DRAM) or be
//    the RAM-mode branch of `RomBytes::get` / `Iter::next` (innermost frame one of those two
//    functions, not their inlined word-read callees: their only byte-sized read is
//    `as_bytes()[i]`, taken only by views of RAM; views of flash are word-mode by construction).
//    Anything else fails as unverified.

struct Insn {
    addr: u32,
    mnemonic: String,
    operands: String,
}

fn objdump(elf: &Path) -> Vec<Insn> {
    let out = Command::new("xtensa-lx106-elf-objdump").arg("-d").arg(elf).output().expect("xtensa-lx106-elf-objdump");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut insns = Vec::new();
    for line in text.lines() {
        // "40211d7b:	000dd2        	l8ui	a13, a13, 0"
        let mut cols = line.split('\t');
        let (Some(addr), Some(_bytes), Some(mnemonic)) = (cols.next(), cols.next(), cols.next()) else { continue };
        let Some(addr) = addr.trim().strip_suffix(':').and_then(|a| u32::from_str_radix(a, 16).ok()) else { continue };
        let operands = cols.next().unwrap_or("").trim().to_string();
        insns.push(Insn { addr, mnemonic: mnemonic.trim().to_string(), operands });
    }
    insns
}

fn is_narrow_load(m: &str) -> bool {
    matches!(m, "l8ui" | "l16ui" | "l16si")
}

/// `addr2line -i -f -C`: for each address, its inline chain of (function, file:line), innermost first.
fn inline_chains(elf: &Path, addrs: &[u32]) -> BTreeMap<u32, Vec<(String, String)>> {
    let mut chains = BTreeMap::new();
    for chunk in addrs.chunks(500) {
        let out = Command::new("xtensa-lx106-elf-addr2line")
            .args(["-i", "-f", "-C", "-a", "-e"])
            .arg(elf)
            .args(chunk.iter().map(|a| format!("0x{a:08x}")))
            .output()
            .expect("xtensa-lx106-elf-addr2line");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let mut cur: Option<u32> = None;
        while let Some(l) = lines.next() {
            if let Some(hex) = l.strip_prefix("0x") {
                let a = u32::from_str_radix(hex, 16).unwrap();
                chains.insert(a, Vec::new());
                cur = Some(a);
            } else {
                let loc = lines.next().unwrap_or("??:0").to_string();
                chains.get_mut(&cur.unwrap()).unwrap().push((l.to_string(), loc));
            }
        }
    }
    chains
}

/// The functions whose only byte-sized read is the RAM-mode branch `as_bytes()[i]` (their word
/// mode is the inlined `load_word` + `word_byte`, separate frames).
const RAM_MODE_READERS: [&str; 2] = [
    "<freeze_runtime::ffi::flash::RomBytes>::get",
    "<freeze_runtime::ffi::flash::Iter as core::iter::traits::iterator::Iterator>::next",
];

const PRIMITIVES: [&str; 3] = [
    "freeze_runtime::ffi::flash::load_word",
    "freeze_runtime::ffi::flash::word_byte",
    "freeze_runtime::ffi::flash::load_copy",
];

fn is_frame_of(function: &str, path: &str) -> bool {
    function == path || function.starts_with(&format!("{path}::<"))
}

fn chain_has(chain: &[(String, String)], path: &str) -> bool {
    chain.iter().any(|(f, _)| is_frame_of(f, path))
}

fn in_runtime(chain: &[(String, String)]) -> bool {
    chain.iter().any(|(f, loc)| f.contains("freeze_runtime::") || loc.contains("freeze-runtime/"))
}

/// Runs `elf` logging the CPU state before each executed narrow load; returns the effective
/// addresses per instruction address.
fn traced_narrow_loads(
    elf: &Path,
    sites: &BTreeMap<u32, (String, String)>,
    log: &Path,
) -> (Run, BTreeMap<u32, Vec<u32>>) {
    let filter: Vec<String> = sites.keys().map(|a| format!("0x{a:08x}+3")).collect();
    let _ = std::fs::remove_file(log);
    let run = qemu(
        elf,
        &[
            "-singlestep".into(),
            "-d".into(),
            "cpu,nochain".into(),
            "-dfilter".into(),
            filter.join(","),
            "-D".into(),
            log.display().to_string(),
        ],
    );
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut seen: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut pc: Option<u32> = None;
    let mut regs: BTreeMap<u32, u32> = BTreeMap::new();
    let mut flush = |pc: Option<u32>, regs: &BTreeMap<u32, u32>| {
        let Some(pc) = pc else { return };
        let Some((base, offset)) = sites.get(&pc) else { return };
        let reg: u32 = base.trim_start_matches('a').parse().unwrap();
        // objdump prints large offsets in hex (`l16ui a8, a1, 0x14c`)
        let offset: u32 = match offset.strip_prefix("0x") {
            Some(hex) => i64::from_str_radix(hex, 16),
            None => offset.parse::<i64>(),
        }
        .unwrap_or_else(|e| panic!("offset {offset:?} at 0x{pc:08x}: {e}")) as u32;
        let value = *regs.get(&reg).unwrap_or_else(|| panic!("no register a{reg} logged at 0x{pc:08x}"));
        seen.entry(pc).or_default().push(value.wrapping_add(offset));
    };
    for line in text.lines() {
        if let Some(hex) = line.strip_prefix("PC=") {
            flush(pc, &regs);
            pc = u32::from_str_radix(hex.trim(), 16).ok();
            regs.clear();
            continue;
        }
        // " A00=40210914  A01=3fffbd50 ..." (the physical "AR.." registers start with "AR")
        for tok in line.split_whitespace() {
            if let Some((name, value)) = tok.split_once('=') {
                if let Some(n) =
                    name.strip_prefix('A').filter(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
                {
                    regs.insert(n.parse().unwrap(), u32::from_str_radix(value, 16).unwrap_or(0));
                }
            }
        }
    }
    flush(pc, &regs);
    (run, seen)
}

/// What the trace of one firmware run shows about its narrow loads.
struct FlashReport {
    run: Run,
    /// Executions that read outside DRAM (rule 2).
    bad: Vec<String>,
    /// Runtime sites the run did not execute and rule 3 cannot place (rule 3).
    unverified: Vec<String>,
    /// Runtime sites the run did not execute, with why they read RAM.
    explained: Vec<String>,
    summary: String,
}

/// Whether the narrow load at `pc` reads the stack through `base` set to `a1 + constant` by the
/// instructions right before it (`movi aT, c; add base, a1, aT`, or `addi`/`addmi base, a1, c`:
/// stack offsets beyond the 0..255 that `l8ui` encodes), with no jump or branch landing in
/// between.
fn stack_address(insns: &[Insn], pc: u32, base: &str) -> bool {
    let Some(i) = insns.iter().position(|x| x.addr == pc) else { return false };
    let ops = |k: usize| -> Vec<&str> { insns[k].operands.split(',').map(str::trim).collect() };
    // `first`: the first instruction of the sequence that sets `base`
    let first = match i.checked_sub(1).map(|k| (k, insns[k].mnemonic.as_str(), ops(k))) {
        Some((k, "addi" | "addmi", o)) if o.len() == 3 && o[0] == base && o[1] == "a1" => k,
        Some((k, "add", o)) if o.len() == 3 && o[0] == base && (o[1] == "a1" || o[2] == "a1") => {
            let t = if o[1] == "a1" { o[2] } else { o[1] };
            match k.checked_sub(1).map(|m| (m, insns[m].mnemonic.as_str(), ops(m))) {
                Some((m, "movi", mo)) if mo.len() == 2 && mo[0] == t && t != "a1" => m,
                _ => return false,
            }
        }
        _ => return false,
    };
    let landing: Vec<u32> = insns[first + 1..=i].iter().map(|x| x.addr).collect();
    !insns.iter().any(|x| {
        (x.mnemonic.starts_with('j') || x.mnemonic.starts_with('b') || x.mnemonic.starts_with("call") || x.mnemonic.starts_with("loop"))
            && x.operands.split([',', ' ']).map(str::trim).any(|t| u32::from_str_radix(t, 16).is_ok_and(|a| landing.contains(&a)))
    })
}

/// `Display::fmt` of one of the runtime's error types: it reads the error value's fields, and
/// error values only exist at run time (made by the function that fails, on the stack).
fn is_error_display(function: &str) -> bool {
    (function.starts_with("<freeze_runtime::") || function.starts_with("<&freeze_runtime::"))
        && function.ends_with("Error as core::fmt::Display>::fmt")
}

/// Rules 2 and 3 for one firmware.
fn flash_rule(elf: &Path, name: &str) -> FlashReport {
    flash_rule_with(elf, name, &[]).0
}

/// Rules 2 and 3 for one firmware and `variants` of it that differ in data only (the same code:
/// the same sites), whose runs take other paths; a site executed by any run is checked by the
/// trace. Returns the variants' runs too.
fn flash_rule_with(elf: &Path, name: &str, variants: &[PathBuf]) -> (FlashReport, Vec<Run>) {
    let mut sites = BTreeMap::new();
    let insns = objdump(elf);
    for i in insns.iter().filter(|i| is_narrow_load(&i.mnemonic)) {
        let ops: Vec<&str> = i.operands.split(',').map(str::trim).collect();
        assert_eq!(ops.len(), 3, "unexpected operands `{}` at 0x{:08x}", i.operands, i.addr);
        sites.insert(i.addr, (ops[1].to_string(), ops[2].to_string()));
    }
    assert!(!sites.is_empty(), "{name}: no narrow loads at all? objdump output changed");
    let log = target_dir().join("qemu-test").join(format!("narrow-loads-{name}.log"));
    let (run, mut seen) = traced_narrow_loads(elf, &sites, &log);
    let mut variant_runs = Vec::new();
    for (k, v) in variants.iter().enumerate() {
        let log = target_dir().join("qemu-test").join(format!("narrow-loads-{name}-variant{k}.log"));
        let (r, more) = traced_narrow_loads(v, &sites, &log);
        for (pc, eas) in more {
            seen.entry(pc).or_default().extend(eas);
        }
        variant_runs.push(r);
    }
    let chains = inline_chains(elf, &sites.keys().copied().collect::<Vec<_>>());

    let mut bad = Vec::new();
    for (pc, eas) in &seen {
        for ea in eas {
            if WORD_ONLY.contains(ea) || !DRAM.contains(ea) {
                bad.push(format!("{name}: 0x{pc:08x} read 0x{ea:08x}: {:?}", chains[pc]));
            }
        }
    }
    let (mut unverified, mut explained) = (Vec::new(), Vec::new());
    for (pc, (base, _)) in &sites {
        let chain = &chains[pc];
        if seen.contains_key(pc) || !in_runtime(chain) {
            continue;
        }
        let innermost = chain.first().map_or("", |(f, _)| f.as_str());
        if base == "a1" {
            explained.push(format!("{name} 0x{pc:08x} stack (base a1): {:?}", chain[0]));
        } else if stack_address(&insns, *pc, base) {
            explained.push(format!("{name} 0x{pc:08x} stack (base {base} = a1 + constant): {:?}", chain[0]));
        } else if is_error_display(innermost) {
            explained.push(format!("{name} 0x{pc:08x} error value made at run time: {:?}", chain[0]));
        } else if RAM_MODE_READERS.contains(&innermost) {
            explained.push(format!("{name} 0x{pc:08x} RAM-mode branch: {:?}", chain[0]));
        } else {
            unverified.push(format!("{name}: 0x{pc:08x}: {chain:?}"));
        }
    }
    let runtime_executed = seen.keys().filter(|pc| in_runtime(&chains[pc])).count();
    // The trace must be seen working: a firmware with runtime code must show some of it executed;
    // one without (the frozen-tables firmware reads nothing through the runtime) must still show
    // narrow loads (MicroPython's own, of RAM).
    if sites.keys().any(|pc| in_runtime(&chains[pc])) {
        assert!(runtime_executed > 0, "{name}: the trace shows no narrow load of the runtime (tracing broken?)");
    } else {
        assert!(!seen.is_empty(), "{name}: the trace shows no narrow load at all (tracing broken?)");
    }
    let summary = format!(
        "{name}: {} narrow-load sites, {} executed ({} in runtime code) {} times; {} outside DRAM",
        sites.len(),
        seen.len(),
        runtime_executed,
        seen.values().map(Vec::len).sum::<usize>(),
        bad.len()
    );
    (FlashReport { run, bad, unverified, explained, summary }, variant_runs)
}

#[test]
fn no_byte_or_halfword_load_reads_flash() {
    let fw = firmware();

    // 1. static: no narrow load inside the flash-reading primitives
    let insns = objdump(&fw.good);
    assert!(insns.len() > 500, "objdump found too little code");
    let loads: Vec<&Insn> = insns.iter().filter(|i| i.mnemonic.starts_with('l') && i.mnemonic != "loop").collect();
    let chains = inline_chains(&fw.good, &loads.iter().map(|i| i.addr).collect::<Vec<_>>());
    let mut violations = Vec::new();
    let mut word_loads_by = BTreeMap::<&str, usize>::new();
    for i in &loads {
        let chain = &chains[&i.addr];
        for p in PRIMITIVES {
            if chain_has(chain, p) {
                if is_narrow_load(&i.mnemonic) {
                    violations.push(format!("0x{:08x} {} {} in {p}: {chain:?}", i.addr, i.mnemonic, i.operands));
                } else if i.mnemonic == "l32i" || i.mnemonic == "l32i.n" {
                    *word_loads_by.entry(p).or_default() += 1;
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "byte/half-word loads in the runtime's flash-reading primitives:\n{}",
        violations.join("\n")
    );
    for p in ["freeze_runtime::ffi::flash::load_word", "freeze_runtime::ffi::flash::load_copy"] {
        assert!(
            word_loads_by.get(p).is_some_and(|n| *n > 0),
            "no l32i attributed to {p}: is the firmware built with debug info?"
        );
    }
    eprintln!("static: 32-bit loads in the flash primitives: {word_loads_by:?}; narrow loads there: none");

    // 2. and 3. for both builds
    for (elf, name, status) in [
        (&fw.python, "python", 0),
        (&fw.tables, "frozen-tables", 0),
        (&fw.good, "good", 0),
        (&fw.corrupt, "corrupt", 1),
        (&fw.micropython, "micropython", 0),
    ] {
        // the Python firmware also refusing damaged images (the same code): the error paths of
        // the check and their messages run too, and exit 3
        let variants: Vec<PathBuf> = if name == "python" {
            damaged_python_firmwares(fw).into_iter().map(|(elf, _, _)| elf).collect()
        } else {
            Vec::new()
        };
        let (r, variant_runs) = flash_rule_with(elf, name, &variants);
        for v in &variant_runs {
            assert_eq!(v.status, 3, "traced damaged {name} run:\n{}", v.stdout);
        }
        eprintln!("{}", r.summary);
        assert_eq!(r.run.status, status, "traced {name} run:\n{}", r.run.stdout);
        assert!(r.bad.is_empty(), "byte/half-word loads from word-only memory:\n{}", r.bad.join("\n"));
        assert!(
            r.unverified.is_empty(),
            "narrow loads in runtime code that the run did not execute and that are neither stack reads \
             nor RomBytes RAM-mode reads (extend the firmware's checks so they run, or explain them):\n{}",
            r.unverified.join("\n")
        );
        eprintln!("{name}: runtime narrow-load sites not executed, each reading RAM:");
        for s in &r.explained {
            eprintln!("  {s}");
        }
    }
}

/// The native builds under the same rule: MicroPython with its Xtensa emitter reads the preludes
/// of native functions, in IRAM (copied there by the loader) or in flash (frozen tables):
/// word-only memory, which `-mforce-l32` makes it read with word loads. Only the executed loads
/// are checked here: their runtime code is the `python` build's, whose unexecuted sites the test
/// above explains. The native code itself is not in the ELF (loaded at run time) or is data to
/// objdump (tables), so its loads are not listed; its pointer loads (`ptr8` and the like) read
/// the bytearrays it is given, on the heap.
#[test]
fn native_build_reads_no_word_only_memory_bytewise() {
    let fw = firmware();
    for (elf, name) in [(&fw.native, "native"), (&fw.native_tables, "native-tables")] {
        let r = flash_rule(elf, name);
        eprintln!("{}", r.summary);
        assert_eq!(r.run.status, 0, "traced {name} run:\n{}", r.run.stdout);
        assert!(r.bad.is_empty(), "byte/half-word loads from word-only memory:\n{}", r.bad.join("\n"));
    }
}

/// MicroPython reads a memoryview's typecode (one byte of its first words) in `array_get_buffer`.
/// Compiled with `-mforce-l32`, as freeze-micropython compiles it, that read must be a word
/// load, so a `FrozenModules` value (which embeds the ROMFS memoryview) may live in flash.
#[test]
fn micropython_reads_the_memoryview_typecode_with_word_loads() {
    let fw = firmware();
    let dis = Command::new("xtensa-lx106-elf-objdump").arg("-d").arg(&fw.python).output().unwrap();
    let dis = String::from_utf8_lossy(&dis.stdout);
    let body: Vec<&str> = dis
        .lines()
        .skip_while(|l| !l.ends_with("<array_get_buffer>:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(body.len() > 5, "array_get_buffer not found in the Python firmware");
    let narrow: Vec<&&str> = body.iter().filter(|l| ["l8ui", "l16ui", "l16si"].iter().any(|m| l.contains(m))).collect();
    assert!(narrow.is_empty(), "narrow loads in array_get_buffer:\n{narrow:#?}");
    assert!(body.iter().any(|l| l.contains("l32i")), "array_get_buffer reads nothing?");
}

/// The rule must see a real violation: the `flash-byte-load` build reads one byte of the image
/// with a plain byte load (`RomBytes::as_bytes`, which the runtime documents as host-only).
#[test]
fn flash_rule_catches_a_byte_load_from_flash() {
    let fw = firmware();
    let r = flash_rule(&fw.byte_load, "flash-byte-load");
    eprintln!("{}", r.summary);
    assert_eq!(r.run.status, 0, "QEMU does not fault on the byte load; the checks still pass:\n{}", r.run.stdout);
    let flash_reads: Vec<&String> = r.bad.iter().filter(|b| b.contains(" read 0x402")).collect();
    assert!(!flash_reads.is_empty(), "the trace did not catch the byte load from flash: {}", r.summary);
    eprintln!("caught: {}", flash_reads[0]);
}

/// The `board` build cannot run here (QEMU's `sim` machine has no mask ROM and no UART), but it
/// must link and be laid out as esptool's `elf2image` expects: every loaded section in IRAM,
/// DRAM or the flash window from 0x40210000 (flash offset 0x10000); no `simcall`; the start-up
/// code enables the flash cache through the mask ROM's `Cache_Read_Enable` (0x40004678).
#[test]
fn board_build_is_laid_out_for_a_real_chip() {
    let fw = firmware();
    let out = Command::new("xtensa-lx106-elf-objdump").arg("-h").arg(&fw.board).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let mut loaded = Vec::new();
    while let Some(l) = lines.next() {
        let cols: Vec<&str> = l.split_whitespace().collect();
        // "  2 .text  000025b5  40210000  40210000  00003000  2**2" then the flags line
        if cols.len() == 7 && cols[0].parse::<u32>().is_ok() {
            let flags = lines.next().unwrap_or("");
            if flags.contains("ALLOC") {
                let size = u32::from_str_radix(cols[2], 16).unwrap();
                let vma = u32::from_str_radix(cols[3], 16).unwrap();
                loaded.push((cols[1].to_string(), vma, size));
            }
        }
    }
    assert!(loaded.iter().any(|(n, ..)| n == ".irom0.text"), "{loaded:x?}");
    for (name, vma, size) in &loaded {
        let end = vma + size;
        let ok = [(0x4010_0000, 0x4010_8000), (0x3FFE_8000, 0x3FFF_C000), (0x4021_0000, 0x4030_0000)]
            .iter()
            .any(|(lo, hi)| *lo <= *vma && end <= *hi);
        assert!(ok, "{name} at 0x{vma:08x}..0x{end:08x} is outside IRAM, DRAM and the flash window");
    }
    let insns = objdump(&fw.board);
    assert!(!insns.iter().any(|i| i.mnemonic == "simcall"), "the board build must not use semihosting");
    // `l32r a0, <literal> (40004678 ...)` then `callx0 a0`, in IRAM
    let dis = Command::new("xtensa-lx106-elf-objdump").arg("-d").arg(&fw.board).output().unwrap();
    let dis = String::from_utf8_lossy(&dis.stdout);
    assert!(
        dis.lines().any(|l| l.starts_with("4010") && l.contains("l32r") && l.contains("(40004678")),
        "the start-up code does not load Cache_Read_Enable's address"
    );
}
