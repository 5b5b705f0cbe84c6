//! The C side: entry points of port/port.c, and the functions port.c calls back into Rust.
//! The only `unsafe` of the crate lives here.

use core::cell::Cell;

extern "C" {
    fn freeze_mp_init(heap: *mut u8, heap_len: usize, stack_top: *mut u8, stack_len: usize);
    fn freeze_mp_deinit();
    fn freeze_mp_exec_str(source: *const u8, len: usize) -> i32;
    fn freeze_mp_import(name: *const u8, len: usize) -> i32;
    fn freeze_mp_heap_info(used: *mut usize, free: *mut usize);
    fn freeze_mp_gc_collect();
    fn freeze_mp_gc_enable(on: i32);
}

/// MicroPython runs on one thread; the console is set once by `init`, before any Python runs.
struct ConsoleCell(Cell<Option<fn(&[u8])>>);
// SAFETY: the interpreter is single-threaded (`Interpreter` is neither Send nor Sync), and the
// cell is only written by `init`, which the caller promises to call once before anything else.
unsafe impl Sync for ConsoleCell {}
static CONSOLE: ConsoleCell = ConsoleCell(Cell::new(None));

#[no_mangle]
extern "C" fn freeze_micropython_console_write(str: *const u8, len: usize) {
    if let Some(write) = CONSOLE.0.get() {
        if len > 0 {
            // SAFETY: MicroPython passes a valid buffer of `len` bytes.
            write(unsafe { core::slice::from_raw_parts(str, len) });
        }
    }
}

#[no_mangle]
extern "C" fn freeze_micropython_fatal(msg: *const u8, len: usize) -> ! {
    // SAFETY: port.c passes a static string of `len` bytes.
    let msg = unsafe { core::slice::from_raw_parts(msg, len) };
    panic!("{}", core::str::from_utf8(msg).unwrap_or("MicroPython fatal error"));
}

/// # Safety
/// See [`crate::Interpreter::init`].
pub unsafe fn init(heap: &'static mut [u8], stack_top: *mut u8, stack_len: usize, console: fn(&[u8])) {
    // The importer's hooks live in freeze-runtime (Rust, in an rlib): naming them here makes the
    // linker take them whatever the order in which it reads the archives, before MicroPython's
    // C asks for them.
    #[cfg(feature = "import-hooks")]
    {
        use freeze_runtime::micropython::import_hooks::{mp_import_stat, mp_reader_new_file};
        core::hint::black_box(mp_import_stat as unsafe extern "C" fn(_) -> _);
        core::hint::black_box(mp_reader_new_file as unsafe extern "C" fn(_, _));
    }
    #[cfg(feature = "frozen-only")]
    {
        core::hint::black_box(frozen_only::mp_import_stat as extern "C" fn(_) -> _);
        core::hint::black_box(frozen_only::mp_reader_new_file as unsafe extern "C" fn(_, _));
    }
    CONSOLE.0.set(Some(console));
    freeze_mp_init(heap.as_mut_ptr(), heap.len(), stack_top, stack_len);
}

/// Feature `frozen-only`: the importer's hooks when there is nothing to import but the frozen
/// tables (`.frozen` on sys.path is searched by MicroPython itself).
#[cfg(feature = "frozen-only")]
mod frozen_only {
    use core::ffi::{c_char, c_void};

    extern "C" {
        fn mp_raise_OSError(errno: i32) -> !;
    }

    /// `mp_import_stat`: nothing exists (MP_IMPORT_STAT_NO_EXIST).
    #[no_mangle]
    pub extern "C" fn mp_import_stat(_path: *const c_char) -> i32 {
        0
    }

    /// `mp_reader_new_file`: `OSError(ENOENT)`, raised the MicroPython way (this frame owns
    /// nothing to drop).
    ///
    /// # Safety
    /// Called by MicroPython inside an `nlr_push` handler.
    #[no_mangle]
    pub unsafe extern "C" fn mp_reader_new_file(_reader: *mut c_void, _filename: usize) {
        // SAFETY: MicroPython's way to raise; see above.
        unsafe { mp_raise_OSError(2) }
    }
}

pub fn deinit() {
    // SAFETY: only reachable through an initialised Interpreter.
    unsafe { freeze_mp_deinit() }
}

pub fn exec_str(source: &str) -> bool {
    // SAFETY: a valid buffer; port.c catches every Python exception with nlr_push.
    unsafe { freeze_mp_exec_str(source.as_ptr(), source.len()) == 0 }
}

pub fn import(name: &str) -> bool {
    // SAFETY: as exec_str.
    unsafe { freeze_mp_import(name.as_ptr(), name.len()) == 0 }
}

pub fn heap_info() -> (usize, usize) {
    let (mut used, mut free) = (0, 0);
    // SAFETY: two valid out-pointers.
    unsafe { freeze_mp_heap_info(&mut used, &mut free) };
    (used, free)
}

pub fn gc_collect() {
    // SAFETY: only reachable through an initialised Interpreter.
    unsafe { freeze_mp_gc_collect() }
}

pub fn gc_enable(on: bool) {
    // SAFETY: sets one flag of the initialised GC.
    unsafe { freeze_mp_gc_enable(on as i32) }
}
