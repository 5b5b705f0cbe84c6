//! The `source-route` build: the package's `.py` sources (not `freeze!`'s bytecode) served to
//! MicroPython's importer through the same two hooks freeze-runtime defines, so `import main`
//! compiles every module on the device. Only for the benchmarks' scale: what freezing saves.

use core::ffi::{c_char, c_void};

mod sources {
    include!(concat!(env!("OUT_DIR"), "/sources.rs"));
}
use sources::SOURCES;

extern "C" {
    fn qstr_str(q: usize) -> *const c_char;
    fn mp_reader_new_mem(reader: *mut c_void, buf: *const u8, len: usize, free_len: usize);
    fn mp_raise_OSError(errno: i32) -> !;
}

/// The bytes of a NUL-terminated C string in RAM (MicroPython's paths and dynamic qstrs).
///
/// # Safety
/// `s` points to a NUL-terminated string that outlives the result.
unsafe fn c_bytes<'a>(s: *const c_char) -> &'a [u8] {
    let mut n = 0;
    // SAFETY: the string is NUL-terminated.
    while unsafe { *s.add(n) } != 0 {
        n += 1;
    }
    // SAFETY: n bytes before the NUL.
    unsafe { core::slice::from_raw_parts(s.cast(), n) }
}

fn source(path: &[u8]) -> Option<&'static str> {
    SOURCES.iter().find(|(p, _)| p.as_bytes() == path).map(|(_, s)| *s)
}

/// `mp_import_stat`: `.py` files and the folders holding them.
///
/// # Safety
/// `path` is a NUL-terminated string.
#[no_mangle]
unsafe extern "C" fn mp_import_stat(path: *const c_char) -> u32 {
    // SAFETY: as promised by the caller.
    let path = unsafe { c_bytes(path) };
    if source(path).is_some() {
        return 2;
    }
    let is_dir = !path.is_empty()
        && SOURCES.iter().any(|(p, _)| p.len() > path.len() && p.as_bytes().starts_with(path) && p.as_bytes()[path.len()] == b'/');
    u32::from(is_dir)
}

/// `mp_reader_new_file`: a memory reader over the source text.
///
/// # Safety
/// Called by MicroPython with a valid reader and qstr, inside an `nlr_push` handler.
#[no_mangle]
unsafe extern "C" fn mp_reader_new_file(reader: *mut c_void, filename: usize) {
    // SAFETY: a valid qstr's text (a dynamic qstr in RAM: paths are built at import).
    let name = unsafe { c_bytes(qstr_str(filename)) };
    match source(name) {
        // SAFETY: static text; MicroPython must not free it (free_len 0).
        Some(text) => unsafe { mp_reader_new_mem(reader, text.as_ptr(), text.len(), 0) },
        // SAFETY: MicroPython's way to raise; this frame owns nothing to drop.
        None => unsafe { mp_raise_OSError(2) },
    }
}
