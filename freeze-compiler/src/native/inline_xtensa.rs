//! The Xtensa inline assembler: the instructions a `@micropython.asm_xtensa` function may
//! use, their operands and their encodings, as mpy-cross 1.29 assembles them at
//! `-march=xtensa` (call0 ABI) and `-march=xtensawin` (windowed ABI) — `py/emitinlinextensa.c`.
//!
//! The statements around the instructions (labels, `align`, `data`, the passes, where an error
//! is reported) are [`super::inline_asm`]'s; this module turns one instruction into bytes
//! through [`AsmXtensa`]. Its quirks are mpy-cross's and kept, because the bytes must be the
//! same: `movi` always loads through the constant table, `addi_n` with 0 (or -1) writes
//! `0xfffb`, `call0` takes an unscaled displacement, the `beqz_n`/`bnez_n` names give the
//! 3-byte `beqz`/`bnez`, and an operand error does not stop the instruction: the last error
//! of a statement is the one reported.

use crate::asm_xtensa::AsmXtensa;
pub use crate::native::inline_asm::{AsmError, Operand};
use crate::native::inline_asm::LabelNames;

/// Where each of the three register fields of a table instruction comes from.
#[derive(Clone, Copy)]
enum Field {
    /// A fixed value.
    Fixed(u32),
    /// The register named by operand `n`.
    Reg(usize),
}

/// Immediate operand of an RRI8 instruction (always the third operand).
#[derive(Clone, Copy)]
enum Imm {
    /// -128..=127, as is.
    Signed,
    /// 0..=255 << scale, stored shifted right by `scale`.
    Unsigned { scale: u32 },
}

#[derive(Clone, Copy)]
enum Form {
    /// 24-bit, with op1 and op2.
    Rrr { op2: u32, op1: u32 },
    /// 24-bit with an 8-bit immediate in the top byte.
    Rri8(Imm),
    /// 16-bit (the `.n` narrow forms).
    Rrrn,
}

/// An instruction of the regular table: name, operand count, form, op0, r, s, t.
struct TableOp {
    name: &'static str,
    operands: usize,
    form: Form,
    op0: u32,
    r: Field,
    s: Field,
    t: Field,
}

const fn rrr(
    name: &'static str,
    operands: usize,
    op2: u32,
    op1: u32,
    r: Field,
    s: Field,
    t: Field,
) -> TableOp {
    TableOp {
        name,
        operands,
        form: Form::Rrr { op2, op1 },
        op0: 0,
        r,
        s,
        t,
    }
}
const fn rri8(name: &'static str, imm: Imm, r: u32) -> TableOp {
    // loads and stores and addi: `name(at, as, imm)` with at in t, as in s
    TableOp {
        name,
        operands: 3,
        form: Form::Rri8(imm),
        op0: 2,
        r: Field::Fixed(r),
        s: Field::Reg(1),
        t: Field::Reg(0),
    }
}
const fn rrrn(
    name: &'static str,
    operands: usize,
    op0: u32,
    r: Field,
    s: Field,
    t: Field,
) -> TableOp {
    TableOp {
        name,
        operands,
        form: Form::Rrrn,
        op0,
        r,
        s,
        t,
    }
}

use Field::{Fixed as F, Reg as R};

/// The instructions encoded field by field (the ESP8266's common subset; mpy-cross 1.29 is
/// built without the uncommon ones such as `rsr`, `wsr`, `memw`).
const TABLE: &[TableOp] = &[
    rrr("abs_", 2, 6, 0, R(0), F(1), R(1)),
    rrr("add", 3, 8, 0, R(0), R(1), R(2)),
    rrrn("add_n", 3, 10, R(0), R(1), R(2)),
    rri8("addi", Imm::Signed, 12),
    rrr("addx2", 3, 9, 0, R(0), R(1), R(2)),
    rrr("addx4", 3, 10, 0, R(0), R(1), R(2)),
    rrr("addx8", 3, 11, 0, R(0), R(1), R(2)),
    rrr("and_", 3, 1, 0, R(0), R(1), R(2)),
    rrr("callx0", 1, 0, 0, F(0), R(0), F(12)),
    rrr("jx", 1, 0, 0, F(0), R(0), F(10)),
    rri8("l16si", Imm::Unsigned { scale: 1 }, 9),
    rri8("l16ui", Imm::Unsigned { scale: 1 }, 1),
    rri8("l32i", Imm::Unsigned { scale: 2 }, 2),
    rri8("l8ui", Imm::Unsigned { scale: 0 }, 0),
    rrrn("mov", 2, 13, F(0), R(1), R(0)),
    rrrn("mov_n", 2, 13, F(0), R(1), R(0)),
    rrr("mull", 3, 8, 2, R(0), R(1), R(2)),
    rrr("neg", 2, 6, 0, R(0), F(0), R(1)),
    rrr("nop", 0, 0, 0, F(2), F(0), F(15)),
    rrrn("nop_n", 0, 13, F(15), F(0), F(3)),
    rrr("nsa", 2, 4, 0, F(14), R(1), R(0)),
    rrr("nsau", 2, 4, 0, F(15), R(1), R(0)),
    rrr("or_", 3, 2, 0, R(0), R(1), R(2)),
    rrrn("ret", 0, 13, F(15), F(0), F(0)),
    rrrn("ret_n", 0, 13, F(15), F(0), F(0)),
    rri8("s16i", Imm::Unsigned { scale: 1 }, 5),
    rri8("s32i", Imm::Unsigned { scale: 2 }, 6),
    rri8("s8i", Imm::Unsigned { scale: 0 }, 4),
    rrr("sll", 2, 10, 1, R(0), R(1), F(0)),
    rrr("sra", 2, 11, 1, R(0), F(0), R(1)),
    rrr("src", 3, 8, 1, R(0), R(1), R(2)),
    rrr("srl", 2, 9, 1, R(0), F(0), R(1)),
    rrr("ssa8b", 1, 4, 0, F(3), R(0), F(0)),
    rrr("ssa8l", 1, 4, 0, F(2), R(0), F(0)),
    rrr("ssl", 1, 4, 0, F(1), R(0), F(0)),
    rrr("ssr", 1, 4, 0, F(0), R(0), F(0)),
    rrr("sub", 3, 12, 0, R(0), R(1), R(2)),
    rrr("subx2", 3, 13, 0, R(0), R(1), R(2)),
    rrr("subx4", 3, 14, 0, R(0), R(1), R(2)),
    rrr("subx8", 3, 15, 0, R(0), R(1), R(2)),
    rrr("xor", 3, 3, 0, R(0), R(1), R(2)),
];

/// Two-register branches by their condition number (`bnone` is 0, ...; 6 and 7 unused).
const BRANCHES: [&str; 14] = [
    "bnone", "beq", "blt", "bltu", "ball", "bbc", "", "", "bany", "bne", "bge", "bgeu", "bnall",
    "bbs",
];

/// Branches on one register; the condition is the index modulo 4 (so `beqz_n` is `beqz`).
const BRANCHES_ZERO: [&str; 6] = ["beqz", "bnez", "bltz", "bgez", "beqz_n", "bnez_n"];

/// The inline assembler of one module: one label table and one [`AsmXtensa`] reused for each
/// `@micropython.asm_xtensa` function, as mpy-cross reuses its emitter.
pub struct InlineXtensa {
    asm: AsmXtensa,
    windowed: bool,
    labels: LabelNames,
    /// The statement's error slot.
    error: Option<String>,
}

pub use crate::native::inline_asm::MAX_CODE_BYTES;

impl InlineXtensa {
    pub fn new(max_labels: usize, windowed: bool) -> Self {
        // (at least one label slot: a label not found reads label 0, even in a module
        // without labels)
        let slots = max_labels.max(1);
        InlineXtensa {
            asm: AsmXtensa::new(slots, if windowed { crate::asm_xtensa::Abi::Windowed } else { crate::asm_xtensa::Abi::Call0 }),
            windowed,
            labels: LabelNames::new(slots),
            error: None,
        }
    }

    /// Starts a pass over one function: the compute passes forget the label names, then the
    /// prologue.
    pub fn start_pass(&mut self, emit: bool) {
        self.labels.start_pass(emit);
        self.error = None;
        self.asm.start_pass(emit);
        if self.windowed {
            self.asm.inline_entry_windowed();
        } else {
            self.asm.entry(0);
        }
    }

    /// The epilogue; the number of constants this pass loaded sizes the next pass's table.
    pub fn end_pass(&mut self) {
        if self.windowed {
            self.asm.inline_exit_windowed();
        } else {
            self.asm.exit();
        }
        self.asm.end_pass();
    }

    /// The code of the emit pass just ended.
    pub fn code(&self) -> &[u8] {
        &self.asm.base.code
    }

    /// Where the next byte goes.
    pub fn offset(&self) -> u32 {
        self.asm.base.offset
    }

    /// Whether the label keeps the offset the compute pass gave it (mpy-cross asserts it).
    pub fn label_in_place(&self, label: usize) -> bool {
        !self.labels.emit_pass()
            || label >= self.asm.label_capacity()
            || self.asm.base.label_offset(label) == self.asm.base.offset
    }

    /// The number of positional arguments, from the parameters' names (`None` for a
    /// parameter that is not a bare name: a default, an annotation, `*`, `**`).
    pub fn count_params(params: &[Option<&str>]) -> Result<usize, String> {
        if params.len() > 4 {
            return Err("can only have up to 4 parameters to Xtensa assembly".to_string());
        }
        for (i, p) in params.iter().enumerate() {
            if *p != Some(["a2", "a3", "a4", "a5"][i]) {
                return Err("parameters must be registers in sequence a2 to a5".to_string());
            }
        }
        Ok(params.len())
    }

    /// Defines label number `label`; false when the name is already a label of this function
    /// (checked in the compute passes only).
    pub fn label(&mut self, label: usize, name: &str) -> bool {
        if !self.labels.define(label, name) {
            return false;
        }
        if label < self.asm.label_capacity() {
            self.asm.base.label_assign(label);
        }
        true
    }

    /// `align(n)` for `n` >= 1; `Err` with the offset it would reach past [`MAX_CODE_BYTES`].
    pub fn align(&mut self, n: u32) -> Result<(), u64> {
        self.asm.base.align_within(n, MAX_CODE_BYTES)
    }

    /// `data(size, value)`: `size` bytes of `value`, little-endian (zeros past its 8 bytes).
    pub fn data(&mut self, size: u32, value: u64) -> Result<(), u64> {
        self.asm.base.data_within(size, value, MAX_CODE_BYTES)
    }

    /// Assembles one instruction; then [`take_error`](Self::take_error) tells whether it failed.
    pub fn op(&mut self, name: &str, args: &[Operand]) {
        if let Some(entry) = TABLE.iter().find(|e| e.name == name) {
            if args.len() != entry.operands {
                return self.unsupported(name, args.len());
            }
            return self.table_op(name, entry, args);
        }
        match args.len() {
            1 => match name {
                "j" => {
                    let label = self.label_arg(name, &args[0]);
                    self.asm.j_label(label);
                }
                "ssai" => {
                    let sa = self.int_arg(name, &args[0], 0, 31);
                    self.asm.op24(crate::asm_xtensa::encode_rrr(
                        0,
                        0,
                        4,
                        4,
                        sa & 0xf,
                        (sa >> 4) & 1,
                    ));
                }
                "call0" => {
                    let label = self.label_arg(name, &args[0]);
                    self.asm.inline_call0(label);
                }
                _ => self.unsupported(name, 1),
            },
            2 => {
                // (the first operand is read as a register before the name is looked at)
                let r0 = self.reg_arg(name, &args[0]);
                if let Some(i) = BRANCHES_ZERO.iter().position(|b| *b == name) {
                    let label = self.label_arg(name, &args[1]);
                    self.asm.bccz_reg_label(i as u32 & 3, r0, label);
                    return;
                }
                match name {
                    "movi" => {
                        // any 32-bit value: through the constant table, never a `movi`
                        let value = self.int_arg(name, &args[1], 0, 0);
                        self.asm.mov_reg_i32(r0, value);
                    }
                    "l32r" => {
                        let label = self.label_arg(name, &args[1]);
                        self.asm.inline_l32r(r0, label);
                    }
                    "movi_n" => {
                        let imm = self.int_arg(name, &args[1], -32, 95);
                        self.asm.op_movi_n(r0, imm as i32);
                    }
                    _ => self.unsupported(name, 2),
                }
            }
            3 => self.op3(name, args),
            n => self.unsupported(name, n),
        }
    }

    fn op3(&mut self, name: &str, args: &[Operand]) {
        use crate::asm_xtensa::{encode_rri8, encode_rrr, encode_rrrn};
        if let Some(cond) = BRANCHES.iter().position(|b| !b.is_empty() && *b == name) {
            let r0 = self.reg_arg(name, &args[0]);
            let r1 = self.reg_arg(name, &args[1]);
            let label = self.label_arg(name, &args[2]);
            self.asm.bcc_reg_reg_label(cond as u32, r0, r1, label);
            return;
        }
        match name {
            "addi_n" => {
                let r0 = self.reg_arg(name, &args[0]);
                let r1 = self.reg_arg(name, &args[1]);
                let imm = self.int_arg(name, &args[2], -1, 15) as i32;
                // mpy-cross writes -1 for 0 and -1, whose sign bits fill the whole halfword
                let t = if imm != 0 { imm } else { -1 };
                let op = encode_rrrn(11, r0, r1, 0) | ((t as u32) << 4);
                self.asm.op16(op);
            }
            "addmi" => {
                let r0 = self.reg_arg(name, &args[0]);
                let r1 = self.reg_arg(name, &args[1]);
                let imm = self.int_arg(name, &args[2], -128 * 256, 127 * 256);
                if imm & 0xff != 0 {
                    self.error = Some(format!("{} is not a multiple of 256", imm as i32));
                } else {
                    self.asm.op24(encode_rri8(2, 13, r1, r0, (imm >> 8) & 0xff));
                }
            }
            "bbci" | "bbsi" => {
                let r0 = self.reg_arg(name, &args[0]);
                let bit = self.int_arg(name, &args[1], 0, 31);
                let label = self.label_arg(name, &args[2]);
                let condition = if name == "bbci" { 6 } else { 14 };
                self.asm.inline_bit_branch(r0, bit, label, condition);
            }
            "slli" => {
                let r0 = self.reg_arg(name, &args[0]);
                let r1 = self.reg_arg(name, &args[1]);
                let bits = 32u32.wrapping_sub(self.int_arg(name, &args[2], 1, 31));
                self.asm
                    .op24(encode_rrr(0, 1, (bits >> 4) & 1, r0, r1, bits & 0xf));
            }
            "srai" => {
                let r0 = self.reg_arg(name, &args[0]);
                let r1 = self.reg_arg(name, &args[1]);
                let bits = self.int_arg(name, &args[2], 0, 31);
                self.asm
                    .op24(encode_rrr(0, 1, 2 | ((bits >> 4) & 1), r0, bits & 0xf, r1));
            }
            "srli" => {
                let r0 = self.reg_arg(name, &args[0]);
                let r1 = self.reg_arg(name, &args[1]);
                let bits = self.int_arg(name, &args[2], 0, 15);
                self.asm.op24(encode_rrr(0, 1, 4, r0, bits, r1));
            }
            "l32i_n" | "s32i_n" => {
                let r0 = self.reg_arg(name, &args[0]);
                let r1 = self.reg_arg(name, &args[1]);
                let imm = self.int_arg(name, &args[2], 0, 60);
                if imm & 3 != 0 {
                    self.error = Some(format!("{} is not a multiple of 4", imm as i32));
                } else if name == "l32i_n" {
                    self.asm.op_l32i_n(r0, r1, imm >> 2);
                } else {
                    self.asm.op_s32i_n(r0, r1, imm >> 2);
                }
            }
            _ => self.unsupported(name, 3),
        }
    }

    fn table_op(&mut self, name: &str, e: &TableOp, args: &[Operand]) {
        let fixed = |f: Field| if let Field::Fixed(v) = f { v } else { 0 };
        let mut op = fixed(e.r) << 12 | fixed(e.s) << 8 | fixed(e.t) << 4 | e.op0;
        match e.form {
            Form::Rrr { op2, op1 } => op |= op2 << 20 | op1 << 16,
            Form::Rri8(imm) => {
                let (min, max, scale) = match imm {
                    Imm::Signed => (-128, 127, 0),
                    Imm::Unsigned { scale } => (0, 0xff << scale, scale),
                };
                let value = self.int_arg(name, &args[2], min, max);
                op |= ((value >> scale) & 0xff) << 16;
            }
            Form::Rrrn => {}
        }
        for (field, shift) in [(e.r, 12), (e.s, 8), (e.t, 4)] {
            if let Field::Reg(n) = field {
                op |= self.reg_arg(name, &args[n]) << shift;
            }
        }
        if matches!(e.form, Form::Rrrn) {
            self.asm.op16(op);
        } else {
            self.asm.op24(op);
        }
    }

    fn unsupported(&mut self, name: &str, n: usize) {
        self.error = Some(format!(
            "unsupported Xtensa instruction '{name}' with {n} arguments"
        ));
    }

    fn reg_arg(&mut self, op: &str, arg: &Operand) -> u32 {
        if let Operand::Name(n) = arg {
            if let Some(r) = n.strip_prefix('a').and_then(|d| d.parse::<u32>().ok()) {
                if r < 16 && *n == format!("a{r}") {
                    return r;
                }
            }
        }
        self.error = Some(format!("'{op}' expects a register"));
        0
    }

    /// An integer operand truncated to 32 bits, checked (as signed) against `min..=max`
    /// unless both are equal.
    fn int_arg(&mut self, op: &str, arg: &Operand, min: i32, max: i32) -> u32 {
        let Operand::Int(v) = arg else {
            self.error = Some(format!("'{op}' expects an integer"));
            return 0;
        };
        let i = *v as u32;
        if min != max && ((i as i32) < min || (i as i32) > max) {
            self.error = Some(format!(
                "'{op}' integer {} isn't within range {min}..{max}",
                i as i32
            ));
            return 0;
        }
        i
    }

    /// A label's number; a label not (yet) known reads as label 0, an error only in the emit
    /// pass (forward labels are known there, from the compute pass).
    fn label_arg(&mut self, op: &str, arg: &Operand) -> usize {
        let (label, error) = self.labels.lookup(op, arg);
        if error.is_some() {
            self.error = error;
        }
        label
    }

    /// The error of the statement just assembled, if any: a RuntimeError raised in it wins
    /// (mpy-cross raises it at once, leaving the error slot unreported).
    pub fn take_error(&mut self) -> Option<AsmError> {
        if let Some(e) = self.asm.error.take() {
            self.error = None;
            return Some(AsmError::Runtime(e));
        }
        self.error.take().map(AsmError::Syntax)
    }
}

impl crate::native::inline_asm::InlineAssembler for InlineXtensa {
    // the second compute pass sizes the constant table `movi` fills
    const COMPUTE_PASSES: usize = 2;

    fn start_pass(&mut self, emit: bool) {
        InlineXtensa::start_pass(self, emit)
    }
    fn end_pass(&mut self) {
        InlineXtensa::end_pass(self)
    }
    fn code(&self) -> &[u8] {
        InlineXtensa::code(self)
    }
    fn offset(&self) -> u32 {
        InlineXtensa::offset(self)
    }
    fn label_in_place(&self, label: usize) -> bool {
        InlineXtensa::label_in_place(self, label)
    }
    fn count_params(&self, params: &[Option<&str>]) -> Result<usize, String> {
        InlineXtensa::count_params(params)
    }
    fn label(&mut self, label: usize, name: &str) -> bool {
        InlineXtensa::label(self, label, name)
    }
    fn align(&mut self, n: u32) -> Result<(), u64> {
        InlineXtensa::align(self, n)
    }
    fn data(&mut self, size: u32, value: u64) -> Result<(), u64> {
        InlineXtensa::data(self, size, value)
    }
    fn op(&mut self, name: &str, args: &[Operand]) {
        InlineXtensa::op(self, name, args)
    }
    fn take_error(&mut self) -> Option<AsmError> {
        InlineXtensa::take_error(self)
    }
}
