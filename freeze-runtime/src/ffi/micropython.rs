//! Handing the frozen image to MicroPython as its `/rom` filesystem.
//!
//! MicroPython built with `MICROPY_VFS_ROM` and `MICROPY_VFS_ROM_IOCTL` asks the port for ROMFS
//! segments through `mp_obj_t mp_vfs_rom_ioctl(size_t n_args, const mp_obj_t *args)`
//! (`extmod/vfs.h`). At start-up `mp_init()` calls it with `(GET_SEGMENT, 0)`, mounts the
//! returned buffer with `vfs.VfsRom` at `/rom` and appends `/rom` and `/rom/lib` to `sys.path`.
//!
//! With the cargo feature `micropython`, this crate defines that function:
//!
//! ```text
//! static APP: freeze::FrozenModules = freeze::freeze!("modules/");
//!
//! fn main() {
//!     // before mp_init(); refuses a damaged image (structure, descriptors, content hash)
//!     freeze_runtime::micropython::register(&APP).expect("frozen image");
//!     // ... mp_embed_init(...); then `import app` runs from flash
//! }
//! ```
//!
//! | command | answer |
//! |---|---|
//! | `GET_NUMBER_OF_SEGMENTS` (1) | 1 once an image is registered, else 0 |
//! | `GET_SEGMENT` (2), id 0 | the image as a static `memoryview` (typecode `'B'`) |
//! | `WRITE_PREPARE`, `WRITE`, `WRITE_COMPLETE` (3, 4, 5) | `-EROFS`: the image is part of the firmware |
//! | anything else, or a bad argument | `-EINVAL` |
//!
//! Ports that keep their own `mp_vfs_rom_ioctl` enable only `micropython-abi` and take the image
//! from [`freeze_romfs_memoryview`], or [`freeze_romfs_image_addr`] and
//! [`freeze_romfs_image_len`].
//!
//! # The memoryview
//!
//! Each [`FrozenModules`] built with the feature carries a [`StaticMemoryview`]: the words of
//! MicroPython's `mp_obj_array_t` for a read-only memoryview, filled in at compile time
//! (`&raw const mp_type_memoryview`; one word with typecode `'B'` in its low 8 bits and the
//! offset 0 above; the length; the address). It costs no start-up code. Where it may live on the
//! ESP8266 depends on how MicroPython's C was compiled: MicroPython's `array_get_buffer` reads the
//! typecode as a byte. Built with `-mforce-l32` (as freeze-micropython builds it, and as the
//! ESP8266 port's flags allow) that byte is read with an aligned word load (`l32i` and a shift,
//! asserted on the disassembly of the example firmware by `tests/esp8266_qemu.rs`), so the whole
//! `FrozenModules` value may sit in flash. C built without `-mforce-l32` reads it with `l8ui`,
//! which faults on flash: then keep the `FrozenModules` value in RAM (no `link_section` for it;
//! the image and the module table may stay in flash). It is 44 bytes (on 32-bit targets).
//!
//! # Registration without atomics
//!
//! The ESP8266 target has `max-atomic-width` 0: no atomic types at all. Registration is one
//! pointer-sized store into a static. On targets with pointer-sized atomics (`target_has_atomic =
//! "ptr"`, e.g. hosts) it is an `AtomicPtr`; on the others it is a plain cell written and read
//! with volatile word accesses. Those targets are single-core and MicroPython calls the ioctl only
//! from the thread that runs it; the one rule is to call [`register`] before `mp_init()` and not
//! from an interrupt handler that may preempt a running ioctl.
//!
//! # Object representation
//!
//! Small ints are taken to be `(n << 1) | 1`: MicroPython's object representations A (the
//! default, and 64-bit hosts) and C (the ESP8266 and most 32-bit ports). Representations B and D
//! are not supported.

#![allow(non_camel_case_types)]

use crate::FrozenModules;
#[cfg(feature = "micropython-abi")]
use crate::RomBytes;
use core::ffi::c_void;

/// MicroPython's `mp_obj_t` (a machine word) in object representations A and C.
pub type mp_obj_t = *mut c_void;

/// MicroPython's `mp_obj_type_t`, opaque: only its address is used.
#[repr(C)]
pub struct mp_obj_type_t {
    _opaque: [u8; 0],
}

#[cfg(feature = "micropython-abi")]
extern "C" {
    /// The type object of `memoryview`, defined by MicroPython (`py/objarray.c`).
    pub static mp_type_memoryview: mp_obj_type_t;
}

/// `vfs.rom_ioctl` command numbers (`extmod/vfs.h`).
pub mod cmd {
    /// `rom_ioctl(1)`: number of ROMFS segments.
    pub const GET_NUMBER_OF_SEGMENTS: isize = 1;
    /// `rom_ioctl(2, id)`: the segment as a buffer object.
    pub const GET_SEGMENT: isize = 2;
    /// `rom_ioctl(3, id, len)` or `rom_ioctl(3, id, offset, len)`: erase before writing.
    pub const WRITE_PREPARE: isize = 3;
    /// `rom_ioctl(4, id, offset, buf)`: write.
    pub const WRITE: isize = 4;
    /// `rom_ioctl(5, id)`: writing finished.
    pub const WRITE_COMPLETE: isize = 5;
    /// `rom_ioctl(6, id)`: minimum erase size for the 4-argument `WRITE_PREPARE`.
    pub const GET_MIN_PREPARE: isize = 6;
}

/// `EINVAL`, as MicroPython numbers it.
pub const EINVAL: isize = 22;
/// `EROFS`, as MicroPython numbers it.
pub const EROFS: isize = 30;

/// The small int `n` as an object: `(n << 1) | 1`.
pub const fn small_int(n: isize) -> mp_obj_t {
    core::ptr::without_provenance_mut(((n << 1) | 1) as usize)
}

/// The value of a small-int object, or `None` if `obj` is not a small int.
pub fn small_int_value(obj: mp_obj_t) -> Option<isize> {
    let w = obj.addr();
    if w & 1 == 1 {
        Some((w as isize) >> 1)
    } else {
        None
    }
}

#[cfg(feature = "micropython-abi")]
/// The first words of MicroPython's `mp_obj_array_t` for a read-only memoryview of bytes.
#[repr(C)]
pub struct StaticMemoryview {
    base_type: *const mp_obj_type_t,
    typecode_and_offset: usize,
    len: usize,
    items: *const u8,
}

// SAFETY: immutable after construction; the pointers are addresses of static data that is only
// ever read.
#[cfg(feature = "micropython-abi")]
unsafe impl Sync for StaticMemoryview {}
// SAFETY: as above.
#[cfg(feature = "micropython-abi")]
unsafe impl Send for StaticMemoryview {}

#[cfg(feature = "micropython-abi")]
/// The `typecode : 8` / `free : rest` bit-field word of `mp_obj_array_t`, as GCC lays out bit
/// fields: the first field in the low bits on little-endian targets, in the high bits on
/// big-endian ones.
const fn typecode_word(typecode: u8, offset: usize) -> usize {
    if cfg!(target_endian = "little") {
        (typecode as usize) | (offset << 8)
    } else {
        ((typecode as usize) << (usize::BITS - 8)) | offset
    }
}

#[cfg(feature = "micropython-abi")]
impl StaticMemoryview {
    /// A memoryview of `image` with typecode `'B'` (unsigned bytes, read-only) and offset 0.
    pub const fn new(image: RomBytes<'static>) -> Self {
        StaticMemoryview {
            base_type: &raw const mp_type_memoryview,
            typecode_and_offset: typecode_word(b'B', 0),
            len: image.len(),
            items: image.as_ptr(),
        }
    }

    /// The object, as MicroPython sees it.
    pub fn as_obj(&'static self) -> mp_obj_t {
        (self as *const StaticMemoryview).cast_mut().cast()
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the view is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Address of the first byte.
    pub fn items(&self) -> *const u8 {
        self.items
    }
}

#[cfg(feature = "micropython-abi")]
impl core::fmt::Debug for StaticMemoryview {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "StaticMemoryview({} bytes at {:p})", self.len, self.items)
    }
}

#[cfg(target_has_atomic = "ptr")]
mod slot {
    use crate::FrozenModules;
    use core::sync::atomic::{AtomicPtr, Ordering};

    static REGISTERED: AtomicPtr<FrozenModules> = AtomicPtr::new(core::ptr::null_mut());

    pub fn set(app: Option<&'static FrozenModules>) {
        let p = app.map_or(core::ptr::null_mut(), |a| (a as *const FrozenModules).cast_mut());
        REGISTERED.store(p, Ordering::Release);
    }

    pub fn get() -> Option<&'static FrozenModules> {
        let p = REGISTERED.load(Ordering::Acquire);
        // SAFETY: only `set` stores here, and only null or the address of a `&'static`.
        unsafe { p.as_ref() }
    }
}

#[cfg(not(target_has_atomic = "ptr"))]
mod slot {
    use crate::FrozenModules;
    use core::cell::UnsafeCell;

    struct Slot(UnsafeCell<*const FrozenModules>);

    // SAFETY: targets without pointer-sized atomics are single-core here; the slot is one aligned
    // word written with a single volatile store (in `register`, before MicroPython starts) and
    // read with a single volatile load. See the module documentation for the one rule.
    unsafe impl Sync for Slot {}

    static REGISTERED: Slot = Slot(UnsafeCell::new(core::ptr::null()));

    pub fn set(app: Option<&'static FrozenModules>) {
        let p = app.map_or(core::ptr::null(), |a| a as *const FrozenModules);
        // SAFETY: valid, aligned pointer to the slot; see `Sync` above.
        unsafe { core::ptr::write_volatile(REGISTERED.0.get(), p) }
    }

    pub fn get() -> Option<&'static FrozenModules> {
        // SAFETY: as in `set`; only null or the address of a `&'static` is ever stored.
        unsafe { core::ptr::read_volatile(REGISTERED.0.get()).as_ref() }
    }
}

/// Checks `app` ([`FrozenModules::verify`]: ROMFS structure, descriptors, the content hash
/// `freeze!` recorded) and, if it is sound, chooses it as the image MicroPython mounts at `/rom`
/// and the import hooks serve. Call before `mp_init()`; a later call replaces the image for later
/// mounts.
///
/// A damaged image (a flash bit error, a bad over-the-air write) is refused and nothing is
/// registered: MicroPython then starts without the frozen modules (`import` fails with
/// `ImportError`) instead of looping or reading out of bounds in its ROMFS reader. The error
/// prints without allocating:
///
/// ```text
/// if let Err(e) = freeze::runtime::micropython::register(&APP) {
///     writeln!(console, "{e}");   // frozen image refused: content hash 1c0ffee5, ...
///     // safe mode, fall back to the other OTA slot, ...
/// }
/// ```
///
/// The check reads every byte of the image once (word loads); see the README for what it costs
/// at boot. [`register_unchecked`] skips it.
pub fn register(app: &'static FrozenModules) -> Result<(), crate::VerifyError> {
    app.verify()?;
    slot::set(Some(app));
    Ok(())
}

/// [`register`] without the check: for images verified before (for example once after an
/// update was written) or where boot time matters more than a damaged image.
pub fn register_unchecked(app: &'static FrozenModules) {
    slot::set(Some(app));
}

/// Forgets the registered image; the ioctl then reports no segments.
pub fn unregister() {
    slot::set(None);
}

/// The registered image, if any.
pub fn registered() -> Option<&'static FrozenModules> {
    slot::get()
}

#[cfg(feature = "micropython-abi")]
/// The static memoryview object of any `FrozenModules` (for ports that serve several images
/// from their own `mp_vfs_rom_ioctl`).
pub fn memoryview(app: &'static FrozenModules) -> mp_obj_t {
    app.memoryview.as_obj()
}

#[cfg(feature = "micropython-abi")]
/// The ioctl's logic over already-read arguments (`args[0]` is the command).
pub fn rom_ioctl(args: &[mp_obj_t]) -> mp_obj_t {
    let einval = small_int(-EINVAL);
    let Some(command) = args.first().copied().and_then(small_int_value) else {
        return einval;
    };
    let app = registered();
    if command == cmd::GET_NUMBER_OF_SEGMENTS {
        return small_int(if app.is_some() { 1 } else { 0 });
    }
    let Some(app) = app else {
        return einval;
    };
    if args.get(1).copied().and_then(small_int_value) != Some(0) {
        return einval;
    }
    match command {
        cmd::GET_SEGMENT => app.memoryview.as_obj(),
        cmd::WRITE_PREPARE | cmd::WRITE | cmd::WRITE_COMPLETE => small_int(-EROFS),
        _ => einval,
    }
}

/// MicroPython's ROMFS hook (`extmod/vfs.h`), serving the image chosen with [`register`].
///
/// # Safety
/// `args` must point to `n_args` readable objects (MicroPython always passes at least one).
#[cfg(feature = "micropython")]
#[no_mangle]
pub unsafe extern "C" fn mp_vfs_rom_ioctl(n_args: usize, args: *const mp_obj_t) -> mp_obj_t {
    if n_args == 0 || args.is_null() {
        return small_int(-EINVAL);
    }
    // SAFETY: the caller passes `n_args` objects at `args`.
    let args = unsafe { core::slice::from_raw_parts(args, n_args) };
    rom_ioctl(args)
}

#[cfg(feature = "micropython-abi")]
/// The registered image's `memoryview` object, or null (`MP_OBJ_NULL`) if none is registered.
/// For ports with their own `mp_vfs_rom_ioctl`.
#[no_mangle]
pub extern "C" fn freeze_romfs_memoryview() -> mp_obj_t {
    registered().map_or(core::ptr::null_mut(), |app| app.memoryview.as_obj())
}

#[cfg(feature = "micropython-abi")]
/// Address of the registered ROMFS image, or null if none is registered.
#[no_mangle]
pub extern "C" fn freeze_romfs_image_addr() -> *const u8 {
    registered().map_or(core::ptr::null(), |app| app.image().as_ptr())
}

#[cfg(feature = "micropython-abi")]
/// Length in bytes of the registered ROMFS image, 0 if none is registered.
#[no_mangle]
pub extern "C" fn freeze_romfs_image_len() -> usize {
    registered().map_or(0, |app| app.image().len())
}

#[cfg(all(test, feature = "micropython-abi"))]
mod tests {
    use super::*;
    use crate::{Aligned, FrozenModule};

    /// Stand-in for MicroPython's type object, so the test binary links.
    #[no_mangle]
    static mp_type_memoryview: [usize; 4] = [0x7e57, 0, 0, 0];

    static IMAGE: Aligned<8> = Aligned::padded(b"\xd2\xcd\x31\x80\x00\x00");
    static MODS: [FrozenModule; 0] = [];
    static APP: FrozenModules = FrozenModules::new(&MODS, IMAGE.bytes().slice(0, 6));

    /// Calls the exported C function when it is built (feature `micropython`), else its logic.
    fn ioctl(args: &[isize]) -> mp_obj_t {
        let objs: std::vec::Vec<mp_obj_t> = args.iter().map(|&a| small_int(a)).collect();
        #[cfg(feature = "micropython")]
        // SAFETY: a valid array of `objs.len()` objects.
        return unsafe { mp_vfs_rom_ioctl(objs.len(), objs.as_ptr()) };
        #[cfg(not(feature = "micropython"))]
        return rom_ioctl(&objs);
    }

    /// The registration is global: one test walks through all states in order.
    #[test]
    fn ioctl_protocol() {
        assert_eq!(small_int_value(small_int(-30)), Some(-30));
        assert_eq!(small_int(1).addr(), 3);
        assert_eq!(small_int(-22).addr() as isize, -43);

        unregister();
        assert_eq!(small_int_value(ioctl(&[1])), Some(0));
        assert_eq!(small_int_value(ioctl(&[2, 0])), Some(-EINVAL));
        assert!(freeze_romfs_memoryview().is_null());
        assert!(freeze_romfs_image_addr().is_null());
        assert_eq!(freeze_romfs_image_len(), 0);

        register(&APP).unwrap();
        assert!(core::ptr::eq(registered().unwrap(), &APP));
        assert_eq!(small_int_value(ioctl(&[1])), Some(1));
        let mv = ioctl(&[2, 0]);
        assert_eq!(mv, freeze_romfs_memoryview());
        assert_eq!(mv, memoryview(&APP));
        assert_eq!(mv.addr() & 3, 0, "objects are word aligned");
        // The object's words, as MicroPython's mp_obj_array_t reads them.
        // SAFETY: `mv` points at APP's StaticMemoryview, four words.
        let words = unsafe { core::slice::from_raw_parts(mv.cast::<usize>(), 4) };
        assert_eq!(words[0], (&raw const mp_type_memoryview).addr());
        // SAFETY: the stand-in type object is readable.
        assert_eq!(unsafe { *(words[0] as *const usize) }, 0x7e57);
        assert_eq!(words[1] & 0xff, usize::from(b'B'));
        assert_eq!(words[1] >> 8, 0, "offset 0");
        assert_eq!(words[2], 6);
        assert_eq!(words[3], IMAGE.0.as_ptr().addr());
        assert_eq!(freeze_romfs_image_addr(), IMAGE.0.as_ptr());
        assert_eq!(freeze_romfs_image_len(), 6);

        // writes are refused, other commands and bad arguments are EINVAL
        assert_eq!(small_int_value(ioctl(&[3, 0, 4096])), Some(-EROFS));
        assert_eq!(small_int_value(ioctl(&[3, 0, 0, 4096])), Some(-EROFS));
        assert_eq!(small_int_value(ioctl(&[5, 0])), Some(-EROFS));
        assert_eq!(small_int_value(ioctl(&[6, 0])), Some(-EINVAL));
        assert_eq!(small_int_value(ioctl(&[7, 0])), Some(-EINVAL));
        assert_eq!(small_int_value(ioctl(&[2, 1])), Some(-EINVAL));
        assert_eq!(small_int_value(ioctl(&[2, -1])), Some(-EINVAL));
        assert_eq!(small_int_value(ioctl(&[2])), Some(-EINVAL));
        assert_eq!(small_int_value(ioctl(&[])), Some(-EINVAL));
        // a WRITE's buffer argument is an object pointer, not a small int
        let buf = [0u8; 8];
        let write = [small_int(4), small_int(0), small_int(0), buf.as_ptr().cast_mut().cast()];
        assert_eq!(small_int_value(rom_ioctl(&write)), Some(-EROFS));
        // a command that is not a small int
        let not_int = [buf.as_ptr().cast_mut().cast::<c_void>(), small_int(0)];
        assert_eq!(small_int_value(rom_ioctl(&not_int)), Some(-EINVAL));
        #[cfg(feature = "micropython")]
        {
            // SAFETY: null is rejected before it is read.
            assert_eq!(small_int_value(unsafe { mp_vfs_rom_ioctl(1, core::ptr::null()) }), Some(-EINVAL));
            // SAFETY: n_args 0 is rejected before `args` is read.
            assert_eq!(small_int_value(unsafe { mp_vfs_rom_ioctl(0, write.as_ptr()) }), Some(-EINVAL));
        }

        unregister();
        assert_eq!(small_int_value(ioctl(&[1])), Some(0));
    }
}

/// The import hooks (cargo feature `micropython-import`): MicroPython's `mp_import_stat` and
/// `mp_reader_new_file`, answered from the registered [`FrozenModules`] (see
/// [`crate::imports`]), for interpreters built without a VFS (`MICROPY_VFS` 0, with
/// `MICROPY_HAS_FILE_READER` 1, as freeze-micropython builds it). `import main` then loads
/// `main.mpy` straight from the descriptors: MicroPython's loader reads it through
/// `mp_reader_new_mem`, byte by byte in C (on the ESP8266 that C is built with `-mforce-l32`,
/// so those reads are word loads and the `.mpy` may stay in flash). MicroPython 1.23 copies the
/// bytecode into the heap while loading; from 1.25 on a ROM reader would let it run in place.
#[cfg(feature = "micropython-import")]
pub mod import_hooks {
    use super::registered;
    use crate::imports::{self, ImportStat};
    use core::ffi::{c_char, c_void};

    /// `MICROPY_ALLOC_PATH_MAX` of the ports this serves is 128 or less; longer names are not
    /// frozen modules.
    const PATH_MAX: usize = 256;
    /// `MP_ENOENT`.
    const ENOENT: i32 = 2;

    extern "C" {
        fn qstr_data(q: usize, len: *mut usize) -> *const u8;
        fn mp_reader_new_mem(reader: *mut c_void, buf: *const u8, len: usize, free_len: usize);
        fn mp_raise_OSError(errno: i32) -> !;
        /// MicroPython's memcpy: C built for the firmware, whose loads suit wherever the qstr's
        /// text lies (RAM, or a qstr pool in flash on the ESP8266, read with word loads).
        fn memcpy(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void;
    }

    /// Copies a NUL-terminated path (MicroPython's `vstr` in RAM) into `buf`.
    ///
    /// # Safety
    /// `path` is null or points to a NUL-terminated string.
    unsafe fn path_bytes<'b>(path: *const c_char, buf: &'b mut [u8; PATH_MAX]) -> Option<&'b [u8]> {
        if path.is_null() {
            return None;
        }
        let mut n = 0;
        loop {
            // SAFETY: the string is NUL-terminated; n stays within it.
            let b = unsafe { *path.add(n) } as u8;
            if b == 0 {
                return Some(&buf[..n]);
            }
            *buf.get_mut(n)? = b;
            n += 1;
        }
    }

    /// `mp_import_stat_t mp_import_stat(const char *path)`.
    ///
    /// # Safety
    /// `path` is null or a NUL-terminated string.
    #[no_mangle]
    pub unsafe extern "C" fn mp_import_stat(path: *const c_char) -> ImportStat {
        let mut buf = [0u8; PATH_MAX];
        match (registered(), unsafe { path_bytes(path, &mut buf) }) {
            (Some(app), Some(path)) => imports::stat(app, path),
            _ => ImportStat::NoExist,
        }
    }

    /// `void mp_reader_new_file(mp_reader_t *reader, qstr filename)`: a memory reader over the
    /// module's `.mpy`, or `OSError(ENOENT)` raised the MicroPython way (a non-local jump out of
    /// this frame, which owns nothing to drop).
    ///
    /// # Safety
    /// Called by MicroPython with a valid reader and qstr, inside an `nlr_push` handler.
    #[no_mangle]
    pub unsafe extern "C" fn mp_reader_new_file(reader: *mut c_void, filename: usize) {
        let mut buf = [0u8; PATH_MAX];
        let mut len = 0usize;
        // SAFETY: a valid qstr gives its text and length.
        let text = unsafe { qstr_data(filename, &mut len) };
        let module = if len <= PATH_MAX {
            // SAFETY: `len` bytes at `text`, into a buffer at least that long.
            unsafe { memcpy(buf.as_mut_ptr().cast(), text.cast(), len) };
            registered().and_then(|app| imports::find(app, &buf[..len]))
        } else {
            None
        };
        match module {
            // SAFETY: the code (.mpy or text) is static; free_len 0: MicroPython must never free it.
            Some(m) => unsafe { mp_reader_new_mem(reader, m.code().as_ptr(), m.code().len(), 0) },
            // SAFETY: raising is how MicroPython reports the error; see above.
            None => unsafe { mp_raise_OSError(ENOENT) },
        }
    }
}

/// What `freeze!(..., tables)` expansions are made of (cargo feature `micropython-tables`): a
/// word that is a pointer or an immediate object, and the interpreter's own objects the frozen
/// tables point to. The layouts themselves are emitted per interpreter build by the macro,
/// checked at compile time against the ABI file freeze-micropython writes.
#[cfg(feature = "micropython-tables")]
pub mod tables {
    use super::mp_obj_type_t;
    use core::ffi::c_void;

    /// One machine word of a frozen table: the address of a static, or an immediate value
    /// (small int, qstr, `None`...), as MicroPython's `mp_rom_obj_t` holds it.
    #[repr(transparent)]
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct StaticPtr(*const c_void);

    // SAFETY: a StaticPtr is written once, in a `static` initializer, and only ever read; what it
    // points to is immutable static data of the firmware.
    unsafe impl Sync for StaticPtr {}

    impl StaticPtr {
        /// The null pointer (`NULL` in MicroPython's tables).
        pub const NULL: StaticPtr = StaticPtr(core::ptr::null());

        /// The address of a static.
        pub const fn new<T>(p: *const T) -> StaticPtr {
            StaticPtr(p.cast())
        }

        /// `bytes` bytes past this address (a native function's prelude inside its code).
        pub const fn offset(self, bytes: usize) -> StaticPtr {
            StaticPtr(self.0.cast::<u8>().wrapping_add(bytes).cast())
        }

        /// An immediate object word (no provenance: it is not dereferenced as a pointer).
        pub const fn word(value: usize) -> StaticPtr {
            StaticPtr(core::ptr::without_provenance(value))
        }
    }

    /// An opaque object of the interpreter.
    #[repr(C)]
    pub struct Opaque {
        _opaque: [u8; 0],
    }

    extern "C" {
        /// `str`.
        pub static mp_type_str: mp_obj_type_t;
        /// `bytes`.
        pub static mp_type_bytes: mp_obj_type_t;
        /// `int` (big ints).
        pub static mp_type_int: mp_obj_type_t;
        /// `float` (object representation A).
        pub static mp_type_float: mp_obj_type_t;
        /// `complex`.
        pub static mp_type_complex: mp_obj_type_t;
        /// `tuple`.
        pub static mp_type_tuple: mp_obj_type_t;
        /// `...`.
        pub static mp_const_ellipsis_obj: Opaque;
        /// `b""`.
        pub static mp_const_empty_bytes_obj: Opaque;
        /// `()`.
        pub static mp_const_empty_tuple_obj: Opaque;
        /// The table of runtime functions native code calls through (an interpreter built
        /// with a native emitter has it); a module with native code has it as its first constant.
        pub static mp_fun_table: Opaque;
        /// The firmware's own qstr pool, which the frozen pool chains after.
        pub static mp_qstr_const_pool: Opaque;
    }
}
