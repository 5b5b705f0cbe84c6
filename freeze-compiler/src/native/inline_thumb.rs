//! The Thumb inline assembler: the instructions a `@micropython.asm_thumb` function may use,
//! their operands and their encodings, as mpy-cross 1.29 assembles them at `-march=armv6m`,
//! `armv7m`, `armv7em`, `armv7emsp` and `armv7emdp` (`py/emitinlinethumb.c`), and at
//! `-march=armv6` (an ARM core) with the armv6m instructions behind an ARM-state entry.
//!
//! The statements around the instructions (labels, `align`, `data`, the passes, where an error
//! is reported) are [`super::inline_asm`]'s; this module turns one instruction into bytes
//! through [`AsmThumb`]. The Thumb-2 instructions (`movw`, `sdiv`, `it`, wide branches, ...)
//! exist from armv7m on, the single-precision float ones (`vadd`, `vldr`, ...) at armv7emsp
//! and armv7emdp only. Every branch has one size in every pass (`b` is always 16 bits, `bl` 32,
//! `b<cc>` 16 unless named `b<cc>_w`), so no label moves between passes; a branch too far for
//! its form is only found in the emit pass. As in mpy-cross an operand error does not stop the
//! instruction: the last error of a statement is the one reported.

use crate::asm_thumb::AsmThumb;
use crate::native::inline_asm::{AsmError, InlineAssembler, LabelNames, Operand, MAX_CODE_BYTES};
use crate::native::Arch;

/// The register names and their numbers (`sl`, `fp`, `sp`, `lr`, `pc` are aliases).
const REGISTERS: [(&str, u32); 21] = [
    ("r0", 0),
    ("r1", 1),
    ("r2", 2),
    ("r3", 3),
    ("r4", 4),
    ("r5", 5),
    ("r6", 6),
    ("r7", 7),
    ("r8", 8),
    ("r9", 9),
    ("r10", 10),
    ("r11", 11),
    ("r12", 12),
    ("r13", 13),
    ("r14", 14),
    ("r15", 15),
    ("sl", 10),
    ("fp", 11),
    ("sp", 13),
    ("lr", 14),
    ("pc", 15),
];

/// The special registers `mrs` reads, by their SYSm number.
const SPECIAL_REGISTERS: [(&str, u32); 2] = [("IPSR", 5), ("BASEPRI", 17)];

/// The condition codes, at the index of their 4-bit value (no `al`, no `hs`/`lo` aliases).
const CONDITIONS: [&str; 14] = [
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le",
];

/// The 16-bit two-low-register ALU instructions (format 4), by name (`and` is `and_`, a
/// Python keyword otherwise).
const ALU_OPS: [(&str, u32); 16] = [
    ("and_", 0x4000),
    ("eor", 0x4040),
    ("lsl", 0x4080),
    ("lsr", 0x40c0),
    ("asr", 0x4100),
    ("adc", 0x4140),
    ("sbc", 0x4180),
    ("ror", 0x41c0),
    ("tst", 0x4200),
    ("neg", 0x4240),
    ("cmp", 0x4280),
    ("cmn", 0x42c0),
    ("orr", 0x4300),
    ("mul", 0x4340),
    ("bic", 0x4380),
    ("mvn", 0x43c0),
];

/// A load or store with an immediate offset (formats 9 and 10): its opcode and how many low
/// bits of the offset its access size drops.
struct LoadStore {
    name: &'static str,
    op: u32,
    scale: u32,
}

const LOAD_STORES: [LoadStore; 6] = [
    LoadStore {
        name: "ldr",
        op: 0x6800,
        scale: 2,
    },
    LoadStore {
        name: "ldrb",
        op: 0x7800,
        scale: 0,
    },
    LoadStore {
        name: "ldrh",
        op: 0x8800,
        scale: 1,
    },
    LoadStore {
        name: "str",
        op: 0x6000,
        scale: 2,
    },
    LoadStore {
        name: "strb",
        op: 0x7000,
        scale: 0,
    },
    LoadStore {
        name: "strh",
        op: 0x8000,
        scale: 1,
    },
];

/// The three-register float arithmetic: name, and the bits of the opcode's two halves that
/// select it (`0xee00 | hi`, `0x0a00 | lo`).
const FLOAT_ARITHMETIC: [(&str, u32, u32); 4] = [
    ("vadd", 0x30, 0x00),
    ("vsub", 0x30, 0x40),
    ("vmul", 0x20, 0x00),
    ("vdiv", 0x80, 0x00),
];

const OP_NOP: u32 = 0xbf00;
const OP_WFI: u32 = 0xbf30;
const OP_CPSID_I: u32 = 0xb672;
const OP_CPSIE_I: u32 = 0xb662;
const OP_IT: u32 = 0xbf00;
const OP_MOVW: u32 = 0xf240;
const OP_MOVT: u32 = 0xf2c0;

/// Whether `x` is a sign-extended value of `bits` bits (checked on its low 32 bits).
fn signed_fits(x: i32, bits: u32) -> bool {
    let high = (x as u32) & (!0u32 << (bits - 1));
    high == 0 || high == !0u32 << (bits - 1)
}

/// The inline assembler of one module: one label table and one [`AsmThumb`] reused for each
/// `@micropython.asm_thumb` function, as mpy-cross reuses its emitter.
pub struct InlineThumb {
    asm: AsmThumb,
    armv7m: bool,
    float: bool,
    /// Code for an ARM core (armv6): it is entered in ARM state and must switch to Thumb.
    arm_state_entry: bool,
    labels: LabelNames,
    /// The statement's error slot.
    error: Option<String>,
    /// What mpy-cross aborts on (a failed assertion) in this statement: refused, whatever
    /// the error slot holds.
    abort: Option<String>,
}

impl InlineThumb {
    /// The assembler for `arch` (armv6, or one of the Thumb architectures).
    pub fn new(max_labels: usize, arch: Arch) -> Self {
        // (at least one label slot: a label not found reads label 0, even in a module
        // without labels)
        let slots = max_labels.max(1);
        let armv7m = matches!(
            arch,
            Arch::Armv7m | Arch::Armv7em | Arch::Armv7emsp | Arch::Armv7emdp
        );
        InlineThumb {
            asm: AsmThumb::new(slots, armv7m),
            armv7m,
            float: matches!(arch, Arch::Armv7emsp | Arch::Armv7emdp),
            arm_state_entry: arch == Arch::Armv6,
            labels: LabelNames::new(slots),
            error: None,
            abort: None,
        }
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// `movw`/`movt` of `dest` (mpy-cross asserts that `dest` is not pc).
    fn mov_reg_i16(&mut self, name: &str, op: u32, dest: u32, i16: u32) {
        if dest == 15 {
            self.abort = Some(format!(
                "not supported yet by mpy-freeze: '{name}' into pc (mpy-cross 1.29 aborts on an assertion)"
            ));
        }
        self.asm.mov_reg_i16(op, dest, i16);
    }

    fn unknown(&mut self, name: &str, n: usize) {
        self.set_error(format!(
            "unsupported Thumb instruction '{name}' with {n} arguments"
        ));
    }

    fn reg(&mut self, op: &str, arg: &Operand, max: u32) -> u32 {
        if let Operand::Name(n) = arg {
            if let Some(&(_, r)) = REGISTERS.iter().find(|(name, _)| name == n) {
                if r > max {
                    self.set_error(format!("'{op}' expects at most r{max}"));
                    return 0;
                }
                return r;
            }
        }
        self.set_error(format!("'{op}' expects a register"));
        0
    }

    fn special_reg(&mut self, op: &str, arg: &Operand) -> u32 {
        if let Operand::Name(n) = arg {
            if let Some(&(_, r)) = SPECIAL_REGISTERS.iter().find(|(name, _)| name == n) {
                return r;
            }
        }
        self.set_error(format!("'{op}' expects a special register"));
        0
    }

    /// A float register `s0`..`s31` (any digits after the `s`, leading zeros too).
    fn float_reg(&mut self, op: &str, arg: &Operand) -> u32 {
        if let Operand::Name(n) = arg {
            if let Some(digits) = n.strip_prefix('s') {
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    // (the number is accumulated in a wrapping 64-bit word, as in mpy-cross)
                    let number = digits.bytes().fold(0u64, |acc, b| {
                        acc.wrapping_mul(10).wrapping_add((b - b'0') as u64)
                    });
                    if number > 31 {
                        self.set_error(format!("'{op}' expects at most r31"));
                        return 0;
                    }
                    return number as u32;
                }
            }
        }
        self.set_error(format!("'{op}' expects an FPU register"));
        0
    }

    /// A register list `{r0, r1, ...}` as a bit mask.
    fn reg_list(&mut self, op: &str, arg: &Operand) -> u32 {
        match arg {
            Operand::Braces(items) if items.len() == 1 && matches!(items[0], Operand::Name(_)) => {
                1 << self.reg(op, &items[0], 15)
            }
            Operand::Braces(items) if items.len() > 1 => {
                let mut list = 0;
                for item in items {
                    list |= 1 << self.reg(op, item, 15);
                }
                list
            }
            _ => {
                self.set_error(format!("'{op}' expects {{r0, r1, ...}}"));
                0
            }
        }
    }

    /// An integer whose bits must lie within `mask` (truncated to 32 bits first).
    fn int(&mut self, op: &str, arg: &Operand, mask: u32) -> u32 {
        let Operand::Int(v) = arg else {
            self.set_error(format!("'{op}' expects an integer"));
            return 0;
        };
        let i = *v as u32;
        if i & !mask != 0 {
            self.set_error(format!(
                "'{op}' integer 0x{i:x} doesn't fit in mask 0x{mask:x}"
            ));
            return 0;
        }
        i
    }

    /// An address `[base, offset]`: its two operands.
    fn address<'a>(&mut self, op: &str, arg: &'a Operand) -> Option<(&'a Operand, &'a Operand)> {
        if let Operand::Brackets(items) = arg {
            if let [base, offset] = items.as_slice() {
                return Some((base, offset));
            }
        }
        self.set_error(format!("'{op}' expects an address of the form [a, b]"));
        None
    }

    /// A label's number (see [`LabelNames::lookup`]).
    fn label_arg(&mut self, op: &str, arg: &Operand) -> usize {
        let (label, error) = self.labels.lookup(op, arg);
        if let Some(e) = error {
            self.set_error(e);
        }
        label
    }

    /// Bytes from the instruction to the label, less the 4 of the prefetch.
    fn branch_offset(&self, label: usize) -> i32 {
        let dest = self.asm.base.label_offset(label);
        dest.wrapping_sub(self.asm.base.offset).wrapping_sub(4) as i32
    }

    /// Records "branch not in range" when a branch of `bits` bits does not reach (the emit
    /// pass only: the compute pass does not know forward labels).
    fn check_reach(&mut self, rel: i32, bits: u32) {
        if self.labels.emit_pass() && !signed_fits(rel, bits) {
            self.set_error("branch not in range".to_string());
        }
    }

    fn condition(name: &str) -> Option<u32> {
        CONDITIONS.iter().position(|c| *c == name).map(|i| i as u32)
    }

    fn op1(&mut self, name: &str, arg: &Operand) {
        match name {
            "b" => {
                let label = self.label_arg(name, arg);
                let rel = self.branch_offset(label);
                self.asm.op16(0xe000 | ((rel >> 1) as u32 & 0x07ff));
                self.check_reach(rel, 12);
            }
            "bl" => {
                let label = self.label_arg(name, arg);
                let rel = self.branch_offset(label);
                self.asm.op32(
                    0xf000 | ((rel >> 12) as u32 & 0x07ff),
                    0xf800 | ((rel >> 1) as u32 & 0x07ff),
                );
                self.check_reach(rel, 23);
            }
            "bx" => {
                let r = self.reg(name, arg, 15);
                self.asm.op16(0x4700 | r << 3);
            }
            _ if self.is_conditional_branch(name) => {
                let Some(cc) = name.get(1..3).and_then(Self::condition) else {
                    return self.unknown(name, 1);
                };
                let label = self.label_arg(name, arg);
                let rel = self.branch_offset(label);
                if name.ends_with("_w") {
                    let hi = 0xf000
                        | cc << 6
                        | ((rel >> 10) as u32 & 0x0400)
                        | ((rel >> 12) as u32 & 0x003f);
                    let lo = 0x8000
                        | ((rel >> 5) as u32 & 0x2000)
                        | ((rel >> 8) as u32 & 0x0800)
                        | ((rel >> 1) as u32 & 0x07ff);
                    // (no reach check for the wide form, as in mpy-cross)
                    self.asm.op32(hi, lo);
                } else {
                    self.asm
                        .op16(0xd000 | cc << 8 | ((rel >> 1) as u32 & 0x00ff));
                    self.check_reach(rel, 9);
                }
            }
            _ if self.armv7m && name.starts_with("it") => self.it(name, arg),
            // (the operand, meant to be `i`, is not looked at)
            "cpsid" => self.asm.op16(OP_CPSID_I),
            "cpsie" => self.asm.op16(OP_CPSIE_I),
            "push" => {
                let list = self.reg_list(name, arg);
                if list & 0xbf00 == 0 {
                    if list & (1 << 14) == 0 {
                        self.asm.op16(0xb400 | list);
                    } else {
                        // low registers and lr
                        self.asm.op16(0xb500 | (list & 0xff));
                    }
                } else if self.armv7m {
                    self.asm.op32(0xe92d, list);
                } else {
                    self.unknown(name, 1);
                }
            }
            "pop" => {
                let list = self.reg_list(name, arg);
                if list & 0x7f00 == 0 {
                    if list & (1 << 15) == 0 {
                        self.asm.op16(0xbc00 | list);
                    } else {
                        // low registers and pc
                        self.asm.op16(0xbd00 | (list & 0xff));
                    }
                } else if self.armv7m {
                    self.asm.op32(0xe8bd, list);
                } else {
                    self.unknown(name, 1);
                }
            }
            _ => self.unknown(name, 1),
        }
    }

    /// `b<cc>`, `b<cc>_n`, and from armv7m `b<cc>_w` (by shape; the condition is checked
    /// after).
    fn is_conditional_branch(&self, name: &str) -> bool {
        let b = name.as_bytes();
        b[0] == b'b'
            && (b.len() == 3
                || (b.len() == 5
                    && b[3] == b'_'
                    && (b[4] == b'n' || (self.armv7m && b[4] == b'w'))))
    }

    /// `it`, `itt`, `ite`, ... up to four conditions, with the first condition as operand.
    fn it(&mut self, name: &str, arg: &Operand) {
        let cc = match arg {
            Operand::Name(n) if n.len() == 2 => Self::condition(n),
            _ => None,
        };
        let Some(cc) = cc else {
            return self.unknown(name, 1);
        };
        let pattern = &name.as_bytes()[2..];
        if pattern.len() > 3 {
            return self.unknown(name, 1);
        }
        let mut mask = 8;
        for &c in pattern.iter().rev() {
            mask >>= 1;
            match c {
                b't' => mask |= (cc & 1) << 3,
                b'e' => mask |= (!cc & 1) << 3,
                _ => return self.unknown(name, 1),
            }
        }
        self.asm.op16(OP_IT | cc << 4 | mask);
    }

    fn op2(&mut self, name: &str, args: &[Operand]) {
        if matches!(args[1], Operand::Name(_)) {
            return self.op2_registers(name, args);
        }
        match name {
            "mov" | "cmp" | "add" | "sub" => {
                let op = match name {
                    "mov" => 0x2000,
                    "cmp" => 0x2800,
                    "add" => 0x3000,
                    _ => 0x3800,
                };
                let rlo = self.reg(name, &args[0], 7);
                let i8 = self.int(name, &args[1], 0xff);
                self.asm.op16(op | rlo << 8 | i8);
            }
            "movw" | "movt" if self.armv7m => {
                let op = if name == "movw" { OP_MOVW } else { OP_MOVT };
                let dest = self.reg(name, &args[0], 15);
                let i16 = self.int(name, &args[1], 0xffff);
                self.mov_reg_i16(name, op, dest, i16);
            }
            // a convenience: `movw` and `movt` of one 32-bit value
            "movwt" if self.armv7m => {
                let dest = self.reg(name, &args[0], 15);
                let i32 = self.int(name, &args[1], 0xffff_ffff);
                self.mov_reg_i16(name, OP_MOVW, dest, i32 & 0xffff);
                self.mov_reg_i16(name, OP_MOVT, dest, i32 >> 16);
            }
            "ldrex" if self.armv7m => {
                let dest = self.reg(name, &args[0], 15);
                if let Some((base, offset)) = self.address(name, &args[1]) {
                    let base = self.reg(name, base, 15);
                    let i8 = self.int(name, offset, 0xff) >> 2;
                    self.asm.op32(0xe850 | base, 0x0f00 | dest << 12 | i8);
                }
            }
            _ => {
                let Some(ls) = LOAD_STORES.iter().find(|l| l.name == name) else {
                    return self.unknown(name, 2);
                };
                let rlo = self.reg(name, &args[0], 7);
                let Some((base, offset)) = self.address(name, &args[1]) else {
                    // (a malformed address reads as an unknown instruction here)
                    return self.unknown(name, 2);
                };
                let base = self.reg(name, base, 7);
                let i5 = self.int(name, offset, 0x1f << ls.scale) >> ls.scale;
                self.asm
                    .op16(ls.op | ((i5 << 6) & 0x07c0) | base << 3 | rlo);
            }
        }
    }

    /// Two operands, the second a name (a register, or else an error).
    fn op2_registers(&mut self, name: &str, args: &[Operand]) {
        match name {
            "mov" => {
                let dest = self.reg(name, &args[0], 15);
                let src = self.reg(name, &args[1], 15);
                self.asm.mov_reg_reg(dest, src);
            }
            "clz" | "rbit" if self.armv7m => {
                let (hi, lo) = if name == "clz" {
                    (0xfab0, 0xf080)
                } else {
                    (0xfa90, 0xf0a0)
                };
                let rd = self.reg(name, &args[0], 15);
                let rm = self.reg(name, &args[1], 15);
                self.asm.op32(hi | rm, lo | rd << 8 | rm);
            }
            "mrs" if self.armv7m => {
                let dest = self.reg(name, &args[0], 12);
                let src = self.special_reg(name, &args[1]);
                self.asm.op32(0xf3ef, 0x8000 | dest << 8 | src);
            }
            _ => {
                let Some(&(_, op)) = ALU_OPS.iter().find(|(n, _)| *n == name) else {
                    return self.unknown(name, 2);
                };
                let dest = self.reg(name, &args[0], 7);
                let src = self.reg(name, &args[1], 7);
                self.asm.format_4(op, dest, src);
            }
        }
    }

    fn op3(&mut self, name: &str, args: &[Operand]) {
        match name {
            "lsl" | "lsr" | "asr" => {
                let op = match name {
                    "lsl" => 0x0000,
                    "lsr" => 0x0800,
                    _ => 0x1000,
                };
                let dest = self.reg(name, &args[0], 7);
                let src = self.reg(name, &args[1], 7);
                let i5 = self.int(name, &args[2], 0x1f);
                self.asm.op16(op | i5 << 6 | src << 3 | dest);
            }
            "add" | "sub" => {
                let mut op = if name == "add" { 0x1800 } else { 0x1a00 };
                let dest = self.reg(name, &args[0], 7);
                let src = self.reg(name, &args[1], 7);
                let b = if matches!(args[2], Operand::Name(_)) {
                    self.reg(name, &args[2], 7)
                } else {
                    op |= 0x0400;
                    self.int(name, &args[2], 0x7)
                };
                self.asm.op16(op | b << 6 | src << 3 | dest);
            }
            "sdiv" | "udiv" if self.armv7m => {
                let hi = if name == "sdiv" { 0xfb90 } else { 0xfbb0 };
                let rd = self.reg(name, &args[0], 15);
                let rn = self.reg(name, &args[1], 15);
                let rm = self.reg(name, &args[2], 15);
                self.asm.op32(hi | rn, 0xf0f0 | rd << 8 | rm);
            }
            "strex" if self.armv7m => {
                let dest = self.reg(name, &args[0], 15);
                let src = self.reg(name, &args[1], 15);
                if let Some((base, offset)) = self.address(name, &args[2]) {
                    let base = self.reg(name, base, 15);
                    let i8 = self.int(name, offset, 0xff) >> 2;
                    self.asm.op32(0xe840 | base, src << 12 | dest << 8 | i8);
                }
            }
            _ => self.unknown(name, 3),
        }
    }

    /// The float instructions (every name starting with `v` where they are allowed).
    fn op_float(&mut self, name: &str, args: &[Operand]) {
        match args.len() {
            2 => self.op_float2(name, args),
            3 => {
                let Some(&(_, hi, lo)) = FLOAT_ARITHMETIC.iter().find(|(n, _, _)| *n == name)
                else {
                    return self.unknown(name, 3);
                };
                let vd = self.float_reg(name, &args[0]);
                let vn = self.float_reg(name, &args[1]);
                let vm = self.float_reg(name, &args[2]);
                self.asm.op32(
                    0xee00 | hi | (vd & 1) << 6 | vn >> 1,
                    0x0a00 | lo | vm >> 1 | (vm & 1) << 5 | (vd & 0x1e) << 11 | (vn & 1) << 7,
                );
            }
            n => self.unknown(name, n),
        }
    }

    fn op_float2(&mut self, name: &str, args: &[Operand]) {
        let name_of = |a: &Operand| match a {
            Operand::Name(n) => n.clone(),
            _ => String::new(),
        };
        let two_registers = match name {
            "vcmp" => Some((0xeeb4, 0x0ac0)),
            "vsqrt" => Some((0xeeb1, 0x0ac0)),
            "vneg" => Some((0xeeb1, 0x0a40)),
            "vcvt_f32_s32" => Some((0xeeb8, 0x0ac0)),
            "vcvt_s32_f32" => Some((0xeebd, 0x0ac0)),
            _ => None,
        };
        if let Some((hi, lo)) = two_registers {
            let vd = self.float_reg(name, &args[0]);
            let vm = self.float_reg(name, &args[1]);
            self.asm.op32(
                hi | (vd & 1) << 6,
                lo | (vd & 0x1e) << 11 | (vm & 1) << 5 | (vm & 0x1e) >> 1,
            );
            return;
        }
        match name {
            "vmrs" => {
                let dest = if name_of(&args[0]) == "APSR_nzcv" {
                    15
                } else {
                    self.reg(name, &args[0], 15)
                };
                if name_of(&args[1]) == "FPSCR" {
                    self.asm.op32(0xeef1, 0x0a10 | dest << 12);
                } else {
                    self.unknown(name, 2);
                }
            }
            "vmov" => {
                let (arm, vm, to_arm) = if name_of(&args[0]).starts_with('r') {
                    let arm = self.reg(name, &args[0], 15);
                    (arm, self.float_reg(name, &args[1]), 0x10)
                } else {
                    let vm = self.float_reg(name, &args[0]);
                    (self.reg(name, &args[1], 15), vm, 0)
                };
                self.asm.op32(
                    0xee00 | to_arm | (vm & 0x1e) >> 1,
                    0x0a10 | arm << 12 | (vm & 1) << 7,
                );
            }
            "vldr" | "vstr" => {
                let hi = if name == "vldr" { 0xed90 } else { 0xed80 };
                let vd = self.float_reg(name, &args[0]);
                if let Some((base, offset)) = self.address(name, &args[1]) {
                    let base = self.reg(name, base, 7);
                    let i8 = self.int(name, offset, 0x3fc) >> 2;
                    self.asm
                        .op32(hi | base | (vd & 1) << 6, 0x0a00 | (vd & 0x1e) << 11 | i8);
                }
            }
            _ => self.unknown(name, 2),
        }
    }
}

impl InlineAssembler for InlineThumb {
    const COMPUTE_PASSES: usize = 1;

    fn start_pass(&mut self, emit: bool) {
        self.labels.start_pass(emit);
        self.error = None;
        self.abort = None;
        self.asm.base.start_pass(emit);
        if self.arm_state_entry {
            // ARM code that calls the Thumb code after it (the address + 1 selects Thumb
            // state) and returns its result: push {r4, lr}; add lr, pc, #9; blx lr;
            // pop {r4, lr}; bx lr
            for word in [
                0xe92d_4010u32,
                0xe28f_e009,
                0xe12f_ff3e,
                0xe8bd_4010,
                0xe12f_ff1e,
            ] {
                self.asm.op32(word & 0xffff, word >> 16);
            }
        }
        self.asm.entry(0);
    }

    fn end_pass(&mut self) {
        self.asm.exit();
    }

    fn code(&self) -> &[u8] {
        &self.asm.base.code
    }

    fn offset(&self) -> u32 {
        self.asm.base.offset
    }

    fn label_in_place(&self, label: usize) -> bool {
        !self.labels.emit_pass()
            || label >= self.asm.base.label_capacity()
            || self.asm.base.label_offset(label) == self.asm.base.offset
    }

    fn count_params(&self, params: &[Option<&str>]) -> Result<usize, String> {
        if params.len() > 4 {
            return Err("can only have up to 4 parameters to Thumb assembly".to_string());
        }
        for (i, p) in params.iter().enumerate() {
            if *p != Some(["r0", "r1", "r2", "r3"][i]) {
                return Err("parameters must be registers in sequence r0 to r3".to_string());
            }
        }
        Ok(params.len())
    }

    fn label(&mut self, label: usize, name: &str) -> bool {
        if !self.labels.define(label, name) {
            return false;
        }
        if label < self.asm.base.label_capacity() {
            self.asm.base.label_assign(label);
        }
        true
    }

    fn align(&mut self, n: u32) -> Result<(), u64> {
        self.asm.base.align_within(n, MAX_CODE_BYTES)
    }

    fn data(&mut self, size: u32, value: u64) -> Result<(), u64> {
        self.asm.base.data_within(size, value, MAX_CODE_BYTES)
    }

    fn op(&mut self, name: &str, args: &[Operand]) {
        if self.float && name.starts_with('v') {
            return self.op_float(name, args);
        }
        match args.len() {
            0 => match name {
                "nop" => self.asm.op16(OP_NOP),
                "wfi" => self.asm.op16(OP_WFI),
                _ => self.unknown(name, 0),
            },
            1 => self.op1(name, &args[0]),
            2 => self.op2(name, args),
            3 => self.op3(name, args),
            n => self.unknown(name, n),
        }
    }

    fn take_error(&mut self) -> Option<AsmError> {
        if let Some(refusal) = self.abort.take() {
            self.error = None;
            return Some(AsmError::Syntax(refusal));
        }
        self.error.take().map(AsmError::Syntax)
    }
}
