//! Bare-metal start-up for the ESP8266's LX106 core (CALL0 ABI), exception vectors, and the
//! console.
//!
//! Under QEMU (`qemu-system-xtensa -M sim -cpu lx106 -semihosting`, the default build) the
//! console is semihosting through the `simcall` instruction. LLVM's Xtensa assembler does not
//! know the `simcall` mnemonic, so it is written as its encoding, the bytes `00 51 00`.
//! Semihosting calls take the call number in a2 and arguments in a3..a5 and return in a2:
//! exit = 1 (a3 = status), write = 4 (a3 = fd, a4 = buffer, a5 = length).
//!
//! With the cargo feature `board` (a real ESP8266; untested on hardware here) the start-up code
//! first maps the flash into 0x40200000 with the mask ROM's `Cache_Read_Enable(0, 0, 1)` (the
//! code in `.text` runs from there), the console is UART0 (the boot ROM leaves it at 74880 baud
//! with a 26 MHz crystal) and "exit" prints the status and idles.

use core::arch::global_asm;

/// Whether this is the `board` build (an assembler constant below).
const BOARD: u32 = cfg!(feature = "board") as u32;

// Exception vectors, placed by esp8266.ld at VECBASE + the LX106 offsets. Any exception ends
// the program with exit status 100 + EXCCAUSE (debug and NMI: 100) instead of a hang; each
// vector holds the whole sequence (15 bytes; the debug vector has 16). On the board: a hang.
global_asm!(
    r#"
    .macro fatal_exit cause_reg
    .if {board}
    j .
    .else
    .ifb \cause_reg
    movi a3, 0
    .else
    rsr a3, \cause_reg
    .endif
    addi a3, a3, 100
    movi a2, 1
    .byte 0x00, 0x51, 0x00      # simcall: exit(a3)
    j .
    .endif
    .endm

    .section .vector.debug, "ax"
    fatal_exit
    .section .vector.nmi, "ax"
    fatal_exit
    .section .vector.kernel, "ax"
    fatal_exit exccause
    .section .vector.user, "ax"
    fatal_exit exccause
    .section .vector.double, "ax"
    fatal_exit exccause

    .section .iram.text, "ax"
    .align 4
.Llit_stack:   .4byte _stack_top
.Llit_vecbase: .4byte _vecbase
.Llit_bss:     .4byte _bss_start
.Llit_bss_end: .4byte _bss_end
.Llit_main:    .4byte firmware_main
.Llit_cache:   .4byte 0x40004678    # mask ROM: Cache_Read_Enable

    .global _start
    .type _start, @function
    .align 4
_start:
    l32r a1, .Llit_stack
    l32r a2, .Llit_vecbase
    wsr a2, vecbase
    movi a2, 0x2f               # PS: UM (user vector), EXCM off, INTLEVEL 15
    wsr a2, ps
    rsync
    l32r a2, .Llit_bss          # zero .bss
    l32r a3, .Llit_bss_end
    movi a4, 0
2:  bgeu a2, a3, 3f
    s32i a4, a2, 0
    addi a2, a2, 4
    j 2b
3:
    .if {board}
    movi a2, 0                  # Cache_Read_Enable(0, 0, 1): first MiB of flash at 0x40200000
    movi a3, 0
    movi a4, 1
    l32r a0, .Llit_cache
    callx0 a0
    .endif
    l32r a0, .Llit_main
    callx0 a0                   # never returns
4:  j 4b
"#,
    board = const BOARD,
);

#[cfg(not(feature = "board"))]
#[inline(always)]
fn simcall(nr: u32, a: u32, b: u32, c: u32) -> u32 {
    let ret: u32;
    // SAFETY: the semihosting call reads `c` bytes at `b` (write) or ends the program (exit); it
    // changes no memory of ours and only a2/a3.
    unsafe {
        core::arch::asm!(
            ".byte 0x00, 0x51, 0x00",
            inout("a2") nr => ret,
            inout("a3") a => _,
            in("a4") b,
            in("a5") c,
            options(nostack, readonly),
        );
    }
    ret
}

/// Writes `bytes` (in RAM) to the host's stdout.
#[cfg(not(feature = "board"))]
pub fn write(bytes: &[u8]) {
    simcall(4, 1, bytes.as_ptr() as u32, bytes.len() as u32);
}

/// Writes `bytes` (in RAM) to the host's stderr.
#[cfg(not(feature = "board"))]
pub fn write_err(bytes: &[u8]) {
    simcall(4, 2, bytes.as_ptr() as u32, bytes.len() as u32);
}

/// Ends the program; QEMU exits with `status`.
#[cfg(not(feature = "board"))]
pub fn exit(status: u8) -> ! {
    simcall(1, u32::from(status), 0, 0);
    loop {}
}

/// Writes `bytes` to UART0 (newlines as CR LF).
#[cfg(feature = "board")]
pub fn write(bytes: &[u8]) {
    const UART0_FIFO: *mut u32 = 0x6000_0000 as *mut u32;
    const UART0_STATUS: *const u32 = 0x6000_001c as *const u32;
    let put = |b: u8| {
        // SAFETY: UART0's memory-mapped registers; TX FIFO count in bits 16..24 of STATUS.
        unsafe {
            while (core::ptr::read_volatile(UART0_STATUS) >> 16) & 0xff >= 126 {}
            core::ptr::write_volatile(UART0_FIFO, u32::from(b));
        }
    };
    for i in 0..bytes.len() {
        let b = flash_safe_byte(bytes, i);
        if b == b'\n' {
            put(b'\r');
        }
        put(b);
    }
}

/// `bytes[i]`, read with an aligned 32-bit load: MicroPython hands the console text that may
/// lie in its constant data, which this firmware places in flash (esp8266.ld), where the chip
/// faults on byte loads.
#[cfg(feature = "board")]
fn flash_safe_byte(bytes: &[u8], i: usize) -> u8 {
    let addr = bytes[i..].as_ptr() as usize;
    // SAFETY: the aligned word holding bytes[i] is mapped memory (flash, IRAM or DRAM: all
    // word-addressable on the ESP8266) and is only read.
    let word = unsafe { core::ptr::read_volatile((addr & !3) as *const u32) };
    (word >> (8 * (addr & 3))) as u8
}

/// The board has one console.
#[cfg(feature = "board")]
pub fn write_err(bytes: &[u8]) {
    write(bytes);
}

/// Prints the status and idles (there is no one to exit to).
#[cfg(feature = "board")]
pub fn exit(status: u8) -> ! {
    Line::new().str("exit ").dec(usize::from(status)).print();
    loop {
        core::hint::spin_loop();
    }
}

/// A line being assembled on the stack, written with one semihosting call.
pub struct Line {
    buf: [u8; 160],
    len: usize,
}

impl Line {
    pub const fn new() -> Self {
        Line { buf: [0; 160], len: 0 }
    }

    pub fn bytes(&mut self, s: &[u8]) -> &mut Self {
        for &b in s {
            if self.len < self.buf.len() {
                self.buf[self.len] = b;
                self.len += 1;
            }
        }
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    /// A string from flash, copied out through the runtime's word loads.
    pub fn rom(&mut self, s: freeze::runtime::RomStr<'_>) -> &mut Self {
        for b in s.bytes().iter() {
            self.bytes(&[b]);
        }
        self
    }

    pub fn dec(&mut self, mut n: usize) -> &mut Self {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes(&digits[i..])
    }

    pub fn hex8(&mut self, n: u32) -> &mut Self {
        for i in (0..8).rev() {
            let d = ((n >> (4 * i)) & 0xf) as u8;
            self.bytes(&[if d < 10 { b'0' + d } else { b'a' + d - 10 }]);
        }
        self
    }

    pub fn print(&mut self) {
        self.bytes(b"\n");
        write(&self.buf[..self.len]);
        self.len = 0;
    }

    /// As [`print`](Self::print), on stderr.
    pub fn print_err(&mut self) {
        self.bytes(b"\n");
        write_err(&self.buf[..self.len]);
        self.len = 0;
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    write(b"panic\n");
    exit(99)
}
