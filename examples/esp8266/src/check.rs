//! The firmware's checks of the frozen modules. Every byte of flash is read through
//! `freeze-runtime` (`RomBytes`/`RomStr`: aligned 32-bit volatile loads).

use crate::rt::Line;
use freeze::runtime::mpy::MPY_VERSION;
use freeze::runtime::romfs::{Dir, EntryKind};
use freeze::runtime::{FrozenModule, FrozenModules, ModuleKind, MpyHeader, RomBytes, RomStr, Romfs};

mod expected {
    include!(concat!(env!("OUT_DIR"), "/expected.rs"));
}
use expected::{EXPECTED, EXPECTED_IMAGE};

/// The small-int width of the MicroPython this firmware would link (the ESP8266 port: 31).
const FIRMWARE_SMALL_INT_BITS: u8 = 31;

/// FNV-1a (32 bit) over bytes read one aligned word at a time.
pub fn fnv1a(bytes: RomBytes<'_>) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Formats into a console line (`VerifyError` prints through `core::fmt`, without allocating).
struct Console<'a>(&'a mut Line);

impl core::fmt::Write for Console<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0.str(s);
        Ok(())
    }
}

struct Checker {
    failures: usize,
}

impl Checker {
    fn expect(&mut self, ok: bool, what: &str, subject: Option<RomStr<'_>>) -> bool {
        if !ok {
            self.failures += 1;
            let mut l = Line::new();
            l.str("FAIL ").str(what);
            if let Some(s) = subject {
                l.str(" ").rom(s);
            }
            l.print();
        }
        ok
    }
}

/// Runs every check; returns the number of failures (0: all good).
pub fn run(app: &'static FrozenModules) -> usize {
    let mut c = Checker { failures: 0 };

    #[cfg(not(feature = "corrupt"))]
    let image = app.image();
    #[cfg(feature = "corrupt")]
    let image = corrupt::damaged_copy(app);

    #[cfg(feature = "flash-byte-load")]
    {
        // Deliberately wrong on the chip (LoadStoreError): a byte load from the flash window.
        let b = core::hint::black_box(app.image().as_bytes())[1];
        Line::new().str("byte read from flash with l8ui: ").dec(usize::from(b)).print();
    }

    Line::new().str("frozen ").dec(app.len()).str(" modules, image ").dec(image.len()).str(" bytes").print();

    // The table: sorted (find is a binary search), as many modules as the build script found.
    c.expect(app.is_sorted(), "table not sorted", None);
    c.expect(app.len() == EXPECTED.len(), "module count differs from the build script's", None);

    let fs = Romfs::new(image);
    if !c.expect(fs.is_ok(), "ROMFS image does not parse", None) {
        return c.failures;
    }
    let fs = fs.unwrap();

    // Each module: header, look-up by dotted name, its bytes in the ROMFS image, checksum.
    for (i, m) in app.iter().enumerate() {
        check_module(&mut c, app, &fs, i, m);
    }

    // The image as a file system: every file is a loadable .mpy, one per module.
    let mut files = 0;
    walk(&mut c, fs.root(), 0, &mut files);
    c.expect(files == app.len(), "ROMFS file count differs from the module count", None);
    let sum = fnv1a(image);
    Line::new().str("image ").dec(image.len()).str(" ").hex8(sum).print();
    c.expect((image.len(), sum) == EXPECTED_IMAGE, "image checksum differs from the build script's", None);

    // Names that are not modules.
    for missing in ["", "sensor", "sensors.", "sensors.thermo.x", "net.report2", "zzz"] {
        c.expect(app.find(missing).is_none(), "found a module that does not exist", Some(RomStr::from_str(missing)));
    }

    // What registration checks before MicroPython may see the image: the ROMFS structure, the
    // descriptors and the content hash freeze! recorded; with `corrupt`, also the damaged copy
    // with the recorded hash (refused).
    let verified = app.verify();
    #[cfg(feature = "corrupt")]
    let verified = verified.and(FrozenModules::new_checked(&[], image, app.recorded_hash().unwrap_or(0)).verify());
    match verified {
        Ok(()) => Line::new().str("verify ok").print(),
        Err(e) => {
            c.failures += 1;
            let mut line = Line::new();
            line.str("FAIL ");
            let _ = core::fmt::write(&mut Console(&mut line), format_args!("{e}"));
            line.print();
        }
    }

    #[cfg(feature = "micropython")]
    handover::check(&mut c, app);

    if c.failures == 0 {
        Line::new().str("ok ").dec(app.len()).str(" modules").print();
    } else {
        Line::new().str("FAILED ").dec(c.failures).str(" checks").print();
    }
    c.failures
}

fn check_module(c: &mut Checker, app: &FrozenModules, fs: &Romfs<'static>, i: usize, m: &'static FrozenModule) {
    let name = m.name();
    let mpy = m.code();

    // Expected facts from the build script (same order: sorted by name).
    let exp = EXPECTED.get(i);
    let exp_ok = exp.is_some_and(|(n, p, len, sum)| {
        name.eq_str(n) && m.path().eq_str(p) && mpy.len() == *len && fnv1a(mpy) == *sum
    });
    c.expect(exp_ok, "descriptor differs from the build script's module", Some(name));

    // Package or module, as the path says.
    let is_init = m.path().bytes().len() >= 11
        && m.path().bytes().get_from(m.path().len() - 11).is_some_and(|t| t.eq_bytes(b"__init__.py"));
    c.expect((m.kind() == ModuleKind::Package) == is_init, "kind does not match the path", Some(name));

    // Found by its dotted name, and it is this very descriptor.
    let mut buf = [0u8; 64];
    let found = name.copy_to(&mut buf).and_then(|n| app.find(n));
    c.expect(found.is_some_and(|f| core::ptr::eq(f, m)), "not found by its name", Some(name));

    // The .mpy header against the firmware's facts.
    check_header(c, mpy, name);

    // The same bytes in the ROMFS image, at `<path without .py>.mpy`.
    let mut pbuf = [0u8; 96];
    let stored = m.path().copy_to(&mut pbuf).map(|p| p.len()).and_then(|n| {
        let stem = n - 3; // ".py"
        pbuf[stem..stem + 4].copy_from_slice(b".mpy");
        core::str::from_utf8(&pbuf[..stem + 4]).ok()
    });
    let file = stored.and_then(|p| fs.file(p).ok());
    let in_image = match file {
        Some(f) => f,
        None => {
            c.expect(false, "missing from the ROMFS image", Some(name));
            return;
        }
    };
    c.expect(in_image == mpy, "ROMFS file differs from the descriptor's .mpy", Some(name));

    Line::new().str("module ").rom(name).str(" ").dec(in_image.len()).str(" ").hex8(fnv1a(in_image)).print();
}

fn check_header(c: &mut Checker, bytes: RomBytes<'_>, subject: RomStr<'_>) {
    match MpyHeader::parse(bytes) {
        Ok(h) => {
            c.expect(h.version == MPY_VERSION, ".mpy version is not 6", Some(subject));
            c.expect(h.small_int_bits <= FIRMWARE_SMALL_INT_BITS, ".mpy needs more small-int bits", Some(subject));
            c.expect(h.check_compatible(FIRMWARE_SMALL_INT_BITS).is_ok(), ".mpy not loadable", Some(subject));
        }
        Err(_) => {
            c.expect(false, ".mpy header does not parse", Some(subject));
        }
    }
}

/// Walks a directory of the image depth-first (no allocation: recursion), checking each file.
fn walk(c: &mut Checker, dir: Dir<'static>, depth: usize, files: &mut usize) {
    if !c.expect(depth < 8, "ROMFS directories nested too deep", None) {
        return;
    }
    for e in dir.entries() {
        let Ok(e) = e else {
            c.expect(false, "ROMFS record damaged", None);
            return;
        };
        match e.kind() {
            EntryKind::Dir => {
                if let Some(d) = e.as_dir() {
                    walk(c, d, depth + 1, files);
                }
            }
            EntryKind::File => {
                *files += 1;
                check_header(c, e.data(), RomStr::from_str("(in the ROMFS image)"));
            }
        }
    }
}

#[cfg(feature = "corrupt")]
mod corrupt {
    //! A copy of the image in RAM with two bytes flipped: the version byte of the first
    //! module's header and a byte in the middle of the last module's bytecode.
    use super::*;

    const WORDS: usize = 4096;
    static mut COPY: [u32; WORDS] = [0; WORDS];

    pub fn damaged_copy(app: &FrozenModules) -> RomBytes<'static> {
        let image = app.image();
        assert!(image.len() <= WORDS * 4);
        // SAFETY: single-threaded firmware; COPY is only touched here, once.
        let copy: &'static mut [u32; WORDS] = unsafe { &mut *core::ptr::addr_of_mut!(COPY) };
        let bytes = image.iter();
        for (i, b) in bytes.enumerate() {
            copy[i / 4] |= u32::from(b) << (8 * (i % 4));
        }
        let offset = |m: &FrozenModule| m.code().as_ptr() as usize - image.as_ptr() as usize;
        let first = app.get(0).unwrap();
        let last = app.get(app.len() - 1).unwrap();
        for at in [offset(first) + 1, offset(last) + last.code().len() / 2] {
            copy[at / 4] ^= 0x5a << (8 * (at % 4));
        }
        let copy: &'static [u32; WORDS] = copy;
        RomBytes::from_words(copy).slice(0, image.len())
    }
}

#[cfg(feature = "micropython")]
mod handover {
    //! The hand-over to MicroPython, as MicroPython would see it: `mp_vfs_rom_ioctl` answers, and
    //! the segment's memoryview object read as MicroPython's `mp_obj_array_t` (base type, a word
    //! with the typecode in its low 8 bits and the offset above, length, address).
    use super::*;
    use freeze::runtime::micropython::{self as mp, mp_obj_t, small_int, small_int_value};

    fn ioctl(args: &[isize]) -> mp_obj_t {
        let mut objs = [small_int(0); 2];
        for (o, a) in objs.iter_mut().zip(args) {
            *o = small_int(*a);
        }
        // SAFETY: `args.len()` (<= 2) valid objects.
        unsafe { mp::mp_vfs_rom_ioctl(args.len(), objs.as_ptr()) }
    }

    pub fn check(c: &mut Checker, app: &'static FrozenModules) {
        c.expect(small_int_value(ioctl(&[1])) == Some(0), "ioctl: segments before register", None);
        c.expect(mp::register(app).is_ok(), "register refused the image", None);
        c.expect(small_int_value(ioctl(&[1])) == Some(1), "ioctl: number of segments", None);
        let seg = ioctl(&[2, 0]);
        c.expect(seg == mp::freeze_romfs_memoryview(), "ioctl: segment is not the static memoryview", None);
        c.expect(small_int_value(ioctl(&[2, 1])) == Some(-22), "ioctl: segment 1 should be EINVAL", None);
        c.expect(small_int_value(ioctl(&[3, 0])) == Some(-30), "ioctl: write should be EROFS", None);
        let image = app.image();
        // SAFETY: the segment is the 4-word static memoryview inside APP (in RAM).
        let words = unsafe { core::ptr::read(seg as *const [usize; 4]) };
        let ok = words[0] == core::ptr::addr_of!(crate::mp_type_memoryview) as usize
            && words[1] == usize::from(b'B')
            && words[2] == image.len()
            && words[3] == image.as_ptr() as usize
            && mp::freeze_romfs_image_addr() == image.as_ptr()
            && mp::freeze_romfs_image_len() == image.len();
        c.expect(ok, "memoryview object does not describe the image", None);
        if ok {
            Line::new()
                .str("micropython hand-over: memoryview of ")
                .dec(words[2])
                .str(" bytes at 0x")
                .hex8(words[3] as u32)
                .print();
        }
    }
}
