//! The firmware's Python side: MicroPython (built for the LX106 by freeze-micropython) runs
//! `import main` of the package frozen into flash.
//!
//! Everything Python prints goes to the console (semihosting stdout under QEMU, UART0 on the
//! board). After the import the firmware reports on stderr what the import cost the heap, for
//! the benchmarks: `ram alloc=<bytes allocated with the GC off> live=<bytes still live after a
//! collection> heap=<heap size>`.

use core::ptr::addr_of_mut;

use freeze_micropython::Interpreter;

use crate::rt;

/// MicroPython's heap: 38 KiB, as the ESP8266 port has.
const HEAP_SIZE: usize = 38 * 1024;
static mut HEAP: [u8; HEAP_SIZE] = [0; HEAP_SIZE];

/// The heap size to use, if smaller than the whole heap: the benchmark's bisection for the
/// smallest heap that runs the app writes it here before start-up (QEMU `-device
/// loader,addr=<this>,data=<n>,data-len=4`). Not zero, so it lives in .data, which the start-up
/// code does not clear.
#[no_mangle]
#[used]
static mut FREEZE_HEAP_LIMIT: u32 = u32::MAX;

/// Bytes kept free below MicroPython's stack limit for Rust frames and interrupts.
const STACK_MARGIN: usize = 1024;

extern "C" {
    /// Top of the C stack and end of .bss (esp8266.ld): the stack lies between them.
    static _stack_top: u8;
    static _bss_end: u8;
}

/// Exit status when the frozen image is refused before MicroPython starts.
pub const IMAGE_REFUSED: u8 = 3;

/// Formats into a console line (`VerifyError` prints through `core::fmt`, without allocating).
struct Console<'a>(&'a mut rt::Line);

impl core::fmt::Write for Console<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0.str(s);
        Ok(())
    }
}

/// Runs the frozen app; returns the exit status.
pub fn run(app: &'static freeze::FrozenModules) -> u8 {
    // The image is checked (ROMFS structure, descriptors, the content hash freeze! recorded)
    // before MicroPython starts: a damaged flash image is reported, not handed to the
    // interpreter. A real firmware would fall back here (safe mode, the other OTA slot).
    #[cfg(feature = "import-hooks")]
    if let Err(e) = freeze::runtime::micropython::register(app) {
        let mut line = rt::Line::new();
        let _ = core::fmt::write(&mut Console(&mut line), format_args!("{e}"));
        line.print();
        return IMAGE_REFUSED;
    }
    #[cfg(not(feature = "import-hooks"))]
    let _ = app;
    let stack_top = (&raw const _stack_top).cast_mut();
    let stack_len = (&raw const _stack_top).addr() - (&raw const _bss_end).addr() - STACK_MARGIN;
    // SAFETY: read once, before anything else uses it.
    let limit = unsafe { core::ptr::read_volatile(&raw const FREEZE_HEAP_LIMIT) } as usize;
    let size = if limit > HEAP_SIZE { HEAP_SIZE } else { limit & !7 };
    // SAFETY: the only reference to HEAP, taken once.
    let heap: &'static mut [u8] = unsafe { &mut (&mut *addr_of_mut!(HEAP))[..size] };
    // SAFETY: called once; the stack from here up to _stack_top holds every frame that calls
    // into the interpreter, and stack_len keeps MicroPython's limit inside the stack area.
    let mut py = unsafe { Interpreter::init(heap, stack_top, stack_len, rt::write) };

    // With the whole heap, the import runs with the GC off so that `alloc` counts every byte it
    // allocates; with a smaller heap (the bisection) the GC runs as it normally does.
    let measuring = size == HEAP_SIZE;
    py.gc_collect();
    let base = py.heap().used;
    py.set_gc_auto(!measuring);
    let imported = py.import("main").is_ok();
    let allocated = py.heap().used - base;
    py.set_gc_auto(true);
    py.gc_collect();
    let live = py.heap().used - base;
    rt::Line::new()
        .str("ram alloc=")
        .dec(allocated)
        .str(" live=")
        .dec(live)
        .str(" heap=")
        .dec(size)
        .print_err();
    if !imported {
        return 1;
    }
    #[cfg(feature = "raise-demo")]
    if py.exec("from net.report import format_line\nformat_line('t0', None)\n").is_err() {
        return 1;
    }
    0
}
