//! Example ESP8266 firmware: a Python package frozen into flash by `freeze!`, run by MicroPython
//! on the LX106 core (default feature `python`, see `python.rs`), or, without that feature,
//! checked on the LX106 without an interpreter (`check.rs`).
//!
//! `freeze!("modules/", link_section = ".irom0.text")` compiles every `.py` below `modules/` to
//! MicroPython `.mpy` bytecode while this crate compiles, and places the descriptors and the
//! ROMFS image in the memory-mapped flash (`.irom0.text`, see `esp8266.ld`). At run time the
//! firmware walks the table and the image through `freeze-runtime` (which reads flash with
//! aligned 32-bit loads only), checks every module against what the build script computed
//! independently, prints `module <name> <len> <fnv1a>` lines and exits 0 only if every check
//! passed. Build with `--features corrupt` to run the same checks on a damaged copy of the image.

#![no_std]
#![no_main]
#![feature(asm_experimental_arch)]
// the size-report and Python builds leave most of the console unused
#![cfg_attr(any(feature = "no-modules", feature = "size-image", feature = "python"), allow(dead_code))]

mod rt;

#[cfg(feature = "python")]
mod python;

#[cfg(feature = "source-route")]
mod source_route;

#[cfg(all(
    feature = "python",
    not(any(
        feature = "import-hooks",
        feature = "source-route",
        feature = "frozen-tables",
        feature = "mpy-tool-tables",
        feature = "native-tables",
        feature = "native-bench"
    ))
))]
compile_error!("the `python` feature needs a route: `import-hooks` (the default), `source-route`, `frozen-tables` or `mpy-tool-tables`");
#[cfg(any(
    all(feature = "import-hooks", feature = "source-route"),
    all(feature = "import-hooks", feature = "frozen-tables"),
    all(feature = "source-route", feature = "frozen-tables")
))]
compile_error!("choose one route: `import-hooks` (the default), or `source-route` / `frozen-tables` with --no-default-features");

#[cfg(not(any(feature = "python", feature = "no-modules", feature = "size-image")))]
mod check;

/// The frozen package: the table and the image in flash. The descriptor of the whole set goes
/// there too, so frozen data takes no RAM at all; except with the MicroPython hand-over, where it
/// embeds the memoryview object MicroPython reads (with byte loads: see README).
#[cfg(not(any(
    feature = "no-modules",
    feature = "frozen-tables",
    feature = "native",
    feature = "native-tables",
    feature = "native-bench"
)))]
#[cfg_attr(not(all(feature = "micropython", not(feature = "python"))), link_section = ".irom0.text")]
static APP: freeze::FrozenModules = freeze::freeze!("modules/", link_section = ".irom0.text");

#[cfg(all(feature = "native", not(feature = "frozen-tables")))]
#[link_section = ".irom0.text"]
static APP: freeze::FrozenModules = freeze::freeze!("native_modules/", link_section = ".irom0.text", arch = "xtensa");

#[cfg(feature = "native-tables")]
#[link_section = ".irom0.text"]
static APP: freeze::FrozenModules =
    freeze::freeze!("native_modules/", link_section = ".irom0.text", arch = "xtensa", tables = true);

#[cfg(feature = "native-bench")]
#[link_section = ".irom0.text"]
static APP: freeze::FrozenModules = freeze::freeze!(
    "native_bench/",
    link_section = ".irom0.text",
    arch = "xtensa",
    tables = true,
    consts = { KERNEL = env!("FREEZE_BENCH_KERNEL") }
);

/// The same package with MicroPython's frozen-module tables beside the descriptors, for the
/// interpreter linked here: the frozen-tables route.
#[cfg(feature = "frozen-tables")]
#[link_section = ".irom0.text"]
static APP: freeze::FrozenModules = freeze::freeze!("modules/", link_section = ".irom0.text", tables = true);

/// Stand-in for MicroPython's `mp_type_memoryview` (only its address matters here): the
/// `micropython` builds do not link MicroPython.
#[cfg(all(feature = "micropython", not(feature = "python")))]
#[no_mangle]
static mp_type_memoryview: [usize; 4] = [0; 4];

#[no_mangle]
extern "C" fn firmware_main() -> ! {
    #[cfg(feature = "python")]
    {
        rt::exit(python::run(&APP))
    }
    #[cfg(not(any(feature = "python", feature = "no-modules", feature = "size-image")))]
    {
        let failures = check::run(&APP);
        rt::exit(if failures == 0 { 0 } else { 1 })
    }
    #[cfg(all(feature = "size-image", not(any(feature = "python", feature = "no-modules"))))]
    {
        // The size-report builds: what a MicroPython firmware does with the runtime, piece by
        // piece, without the checks and the printing. Handing the image over is its address
        // and length (what `mp_vfs_rom_ioctl` returns) ...
        let image = core::hint::black_box(APP.image());
        let mut ok = !image.as_ptr().is_null() && image.len() > 0;
        // ... looking a module up by its dotted name ...
        #[cfg(feature = "size-find")]
        {
            ok &= APP.find("sensors.thermo").is_some();
        }
        // ... checking its .mpy header against the firmware ...
        #[cfg(feature = "size-header")]
        {
            ok &= APP.get(0).is_some_and(|m| m.mpy_header().is_ok_and(|h| h.check_compatible(31).is_ok()));
        }
        // ... and reading the image as a file system.
        #[cfg(feature = "size-romfs")]
        {
            ok &= APP.romfs().is_ok_and(|fs| fs.file("sensors/thermo.mpy").is_ok());
        }
        // ... or handing it to MicroPython as its /rom (what MicroPython's mp_init() asks).
        #[cfg(feature = "micropython")]
        {
            use freeze::runtime::micropython::{self as mp, small_int};
            ok &= mp::register(&APP).is_ok();
            let args = [small_int(2), small_int(0)];
            // SAFETY: two valid objects.
            ok &= unsafe { mp::mp_vfs_rom_ioctl(2, args.as_ptr()) } == mp::freeze_romfs_memoryview();
        }
        rt::exit(if ok { 0 } else { 1 })
    }
    #[cfg(all(feature = "no-modules", not(feature = "python")))]
    {
        rt::exit(0)
    }
}
