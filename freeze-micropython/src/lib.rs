//! MicroPython's core, built by this crate's build script for the target while `cargo build`
//! runs (no Python, no make; see `build/main.rs`), and a small Rust API over it.
//!
//! ```ignore
//! static mut HEAP: [u8; 38 * 1024] = [0; 38 * 1024];
//! let mut py = unsafe { freeze_micropython::Interpreter::init(&mut *addr_of_mut!(HEAP), stack_top, 6 * 1024, console_write) };
//! freeze::runtime::micropython::register(&APP)?;         // checked, then importable from flash
//! if py.import("main").is_err() { /* traceback already printed on the console */ }
//! ```
//!
//! Frozen modules reach the interpreter through `freeze-runtime`: its `micropython-import`
//! feature answers MicroPython's `mp_import_stat` / `mp_reader_new_file` from the frozen
//! descriptors, so `import` finds them on `sys.path` entry `""` with no filesystem.
#![no_std]

#[cfg(all(feature = "import-hooks", feature = "frozen-only"))]
compile_error!("freeze-micropython: `import-hooks` and `frozen-only` both define the importer's hooks; choose one");

mod ffi;
#[cfg(target_os = "none")]
mod libm;

/// A Python exception escaped: MicroPython already printed it with its traceback on the
/// console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PythonError;

/// Heap figures of MicroPython's GC, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heap {
    pub used: usize,
    pub free: usize,
}

/// The interpreter. One per firmware (MicroPython's state is global); not `Send`.
pub struct Interpreter {
    _not_send: core::marker::PhantomData<*const ()>,
}

impl Interpreter {
    /// Starts MicroPython with `heap` as its GC heap. `console` receives everything Python
    /// prints (and tracebacks).
    ///
    /// # Safety
    /// - call once per firmware run, before any other function of this crate;
    /// - `stack_top` is the highest address of the C stack this call and every later call into
    ///   the interpreter run on (the GC scans from the current frame up to it for roots), and
    ///   `stack_len` leaves room below the limit for MicroPython's own check (it raises
    ///   `RecursionError` when a call would go deeper than `stack_len` bytes below `stack_top`).
    pub unsafe fn init(heap: &'static mut [u8], stack_top: *mut u8, stack_len: usize, console: fn(&[u8])) -> Interpreter {
        ffi::init(heap, stack_top, stack_len, console);
        Interpreter { _not_send: core::marker::PhantomData }
    }

    /// Compiles and runs `source` as a script.
    pub fn exec(&mut self, source: &str) -> Result<(), PythonError> {
        ffi::exec_str(source).then_some(()).ok_or(PythonError)
    }

    /// `import name` (dotted names import the package chain).
    pub fn import(&mut self, name: &str) -> Result<(), PythonError> {
        ffi::import(name).then_some(()).ok_or(PythonError)
    }

    /// Bytes in use and free in the GC heap.
    pub fn heap(&self) -> Heap {
        let (used, free) = ffi::heap_info();
        Heap { used, free }
    }

    /// Runs a full garbage collection.
    pub fn gc_collect(&mut self) {
        ffi::gc_collect();
    }

    /// Switches automatic collection (when an allocation finds the heap full) on or off, as
    /// Python's `gc.enable()` / `gc.disable()`.
    pub fn set_gc_auto(&mut self, on: bool) {
        ffi::gc_enable(on);
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        ffi::deinit();
    }
}
