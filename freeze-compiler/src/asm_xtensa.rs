//! Xtensa machine-code assembler: the instruction encodings and the convenience sequences
//! MicroPython's native emitter uses (`py/asmxtensa.c`, `py/asmbase.c`), with the same choices of
//! short and long forms so that the bytes are mpy-cross's. One assembler serves both of
//! MicroPython's Xtensa targets; they differ only in the calling convention ([`Abi`]): how a
//! function is entered and left, and how it calls the runtime.
//!
//! Code is assembled over passes: in the compute passes only sizes and label offsets are
//! worked out (forward labels unknown, so forward branches take their long form), in the
//! emit pass the bytes are written. A 32-bit constant that no `movi` holds goes to a table
//! at the start of the function, read with `l32r`.

use crate::native::asm_base::AsmBase;

/// Registers a0..a15.
pub const A0: u32 = 0;
pub const A1: u32 = 1;
pub const A2: u32 = 2;
pub const A3: u32 = 3;
pub const A4: u32 = 4;
pub const A5: u32 = 5;
pub const A6: u32 = 6;
pub const A7: u32 = 7;
pub const A8: u32 = 8;
pub const A9: u32 = 9;
pub const A10: u32 = 10;
pub const A11: u32 = 11;
pub const A12: u32 = 12;
pub const A13: u32 = 13;
pub const A14: u32 = 14;
pub const A15: u32 = 15;

/// Conditions of `beqz`/`bnez`/`bltz`/`bgez`.
pub const CCZ_EQ: u32 = 0;
pub const CCZ_NE: u32 = 1;
pub const CCZ_LT: u32 = 2;
pub const CCZ_GE: u32 = 3;

/// Conditions of the two-register branches (`beq`, `blt`, ...).
pub const CC_NONE: u32 = 0;
pub const CC_EQ: u32 = 1;
pub const CC_LT: u32 = 2;
pub const CC_LTU: u32 = 3;
pub const CC_ALL: u32 = 4;
pub const CC_BC: u32 = 5;
pub const CC_ANY: u32 = 8;
pub const CC_NE: u32 = 9;
pub const CC_GE: u32 = 10;
pub const CC_GEU: u32 = 11;
pub const CC_NALL: u32 = 12;
pub const CC_BS: u32 = 13;

/// The calling convention of the code (`-march=xtensa` or `-march=xtensawin`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abi {
    /// The ESP8266's call0 ABI: `call0`/`ret`, callee-saved a12..a15 spilled to the frame.
    Call0,
    /// The ESP32 family's windowed ABI (window size 8): `entry`/`retw`, runtime calls by
    /// `callx8`, so that a0..a7 survive calls and the callee's arguments go in a10...
    Windowed,
}

/// Call0: registers saved in the frame on entry: a0, a12..a15.
pub const NUM_REGS_SAVED: u32 = 5;
/// Windowed: only a0 is saved in the frame (the window keeps the rest); a0 because
/// [`AsmXtensa::mov_reg_pcrel`] overwrites it with `call0`.
pub const NUM_REGS_SAVED_WIN: u32 = 1;
/// Call0: holds the native function table.
pub const REG_FUN_TABLE: u32 = A15;
/// Windowed: holds the native function table (a register that survives `callx8`).
pub const REG_FUN_TABLE_WIN: u32 = A7;
/// The assembler's own scratch register (for stores at large offsets). The same register for
/// both ABIs: mpy-cross's assembler is compiled once, without the windowed choice of a12
/// (`N_XTENSAWIN` is only defined where the emitter is compiled), so its windowed code uses a6.
pub const REG_TEMPORARY: u32 = A6;

const WORD_SIZE: u32 = 4;

fn signed_fit(x: u32, bits: u32) -> bool {
    let mask = !0u32 << (bits - 1);
    x & mask == 0 || x & mask == mask
}

pub fn encode_rrr(op0: u32, op1: u32, op2: u32, r: u32, s: u32, t: u32) -> u32 {
    op2 << 20 | op1 << 16 | r << 12 | s << 8 | t << 4 | op0
}
pub fn encode_rri8(op0: u32, r: u32, s: u32, t: u32, imm8: u32) -> u32 {
    imm8 << 16 | r << 12 | s << 8 | t << 4 | op0
}
pub fn encode_ri16(op0: u32, t: u32, imm16: u32) -> u32 {
    imm16 << 8 | t << 4 | op0
}
pub fn encode_call(op0: u32, n: u32, offset: u32) -> u32 {
    offset << 6 | n << 4 | op0
}
pub fn encode_callx(op0: u32, op1: u32, op2: u32, r: u32, s: u32, m: u32, n: u32) -> u32 {
    op2 << 20 | op1 << 16 | r << 12 | s << 8 | m << 6 | n << 4 | op0
}
pub fn encode_bri12(op0: u32, s: u32, m: u32, n: u32, imm12: u32) -> u32 {
    imm12 << 12 | s << 8 | m << 6 | n << 4 | op0
}
pub fn encode_rrrn(op0: u32, r: u32, s: u32, t: u32) -> u32 {
    r << 12 | s << 8 | t << 4 | op0
}
pub fn encode_ri7(op0: u32, s: u32, imm7: u32) -> u32 {
    (imm7 & 0xf) << 12 | s << 8 | (imm7 & 0x70) | op0
}

/// An Xtensa assembler over MicroPython's passes (`asm_xtensa_t`).
pub struct AsmXtensa {
    pub base: AsmBase,
    cur_const: u32,
    pub num_const: u32,
    /// Offset of the constant table in the code (when there is one).
    const_table: Option<u32>,
    stack_adjust: u32,
    pub abi: Abi,
    /// A store in this pass went through [`REG_TEMPORARY`] (its offset too far for the
    /// instruction): that register no longer holds what it held.
    pub temporary_clobbered: bool,
    /// An out-of-range branch (mpy-cross fails with RuntimeError "ERROR: xtensa ... out of range").
    pub error: Option<String>,
}

impl Default for AsmXtensa {
    fn default() -> Self {
        AsmXtensa::new(0, Abi::Call0)
    }
}

impl AsmXtensa {
    pub fn new(max_labels: usize, abi: Abi) -> Self {
        AsmXtensa {
            base: AsmBase::new(max_labels),
            cur_const: 0,
            num_const: 0,
            const_table: None,
            stack_adjust: 0,
            abi,
            temporary_clobbered: false,
            error: None,
        }
    }

    /// A new pass: the constant table's place is found again.
    pub fn start_pass(&mut self, emit: bool) {
        self.base.start_pass(emit);
        self.const_table = None;
        self.temporary_clobbered = false;
    }

    /// `asm_xtensa_end_pass`: the number of constants of this pass sizes the next one's table.
    pub fn end_pass(&mut self) {
        self.num_const = self.cur_const;
        self.cur_const = 0;
    }

    fn alloc(&mut self, n: u32) -> Option<u32> {
        self.base.alloc(n)
    }

    pub fn data(&mut self, size: u32, val: u64) {
        self.base.data(size, val);
    }

    pub fn op16(&mut self, op: u32) {
        self.data(2, op as u64 & 0xffff);
    }

    pub fn op24(&mut self, op: u32) {
        self.data(3, op as u64 & 0xff_ffff);
    }

    // ------------------------------------------------------------------ raw instructions

    pub fn op_entry(&mut self, reg_src: u32, num_bytes: u32) {
        self.op24(encode_bri12(6, reg_src, 0, 3, (num_bytes / 8) & 0xfff));
    }
    pub fn op_add_n(&mut self, d: u32, a: u32, b: u32) {
        self.op16(encode_rrrn(10, d, a, b));
    }
    pub fn op_addi(&mut self, d: u32, s: u32, imm8: i32) {
        self.op24(encode_rri8(2, 12, s, d, imm8 as u32 & 0xff));
    }
    pub fn op_addx2(&mut self, d: u32, a: u32, b: u32) {
        self.op24(encode_rrr(0, 0, 9, d, a, b));
    }
    pub fn op_addx4(&mut self, d: u32, a: u32, b: u32) {
        self.op24(encode_rrr(0, 0, 10, d, a, b));
    }
    pub fn op_and(&mut self, d: u32, a: u32, b: u32) {
        self.op24(encode_rrr(0, 0, 1, d, a, b));
    }
    pub fn op_bcc(&mut self, cond: u32, r1: u32, r2: u32, rel8: i32) {
        self.op24(encode_rri8(7, cond, r1, r2, rel8 as u32 & 0xff));
    }
    pub fn op_bccz(&mut self, cond: u32, r: u32, rel12: i32) {
        self.op24(encode_bri12(6, r, cond, 1, rel12 as u32 & 0xfff));
    }
    pub fn op_call0(&mut self, rel18: i32) {
        self.op24(encode_call(5, 0, rel18 as u32 & 0x3ffff));
    }
    pub fn op_callx0(&mut self, r: u32) {
        self.op24(encode_callx(0, 0, 0, 0, r, 3, 0));
    }
    pub fn op_callx8(&mut self, r: u32) {
        self.op24(encode_callx(0, 0, 0, 0, r, 3, 2));
    }
    pub fn op_j(&mut self, rel18: i32) {
        self.op24(encode_call(6, 0, rel18 as u32 & 0x3ffff));
    }
    pub fn op_jx(&mut self, r: u32) {
        self.op24(encode_callx(0, 0, 0, 0, r, 2, 2));
    }
    pub fn op_l8ui(&mut self, d: u32, base: u32, off: u32) {
        self.op24(encode_rri8(2, 0, base, d, off & 0xff));
    }
    pub fn op_l16ui(&mut self, d: u32, base: u32, off: u32) {
        self.op24(encode_rri8(2, 1, base, d, off & 0xff));
    }
    pub fn op_l32i(&mut self, d: u32, base: u32, off: u32) {
        self.op24(encode_rri8(2, 2, base, d, off & 0xff));
    }
    pub fn op_l32i_n(&mut self, d: u32, base: u32, off: u32) {
        self.op16(encode_rrrn(8, off & 0xf, base, d));
    }
    pub fn op_l32r(&mut self, d: u32, op_off: u32, dest_off: u32) {
        let rel = dest_off.wrapping_sub((op_off + 3) & !3) >> 2;
        self.op24(encode_ri16(1, d, rel & 0xffff));
    }
    pub fn op_mov_n(&mut self, d: u32, s: u32) {
        self.op16(encode_rrrn(13, 0, s, d));
    }
    pub fn op_movi(&mut self, d: u32, imm12: i32) {
        self.op24(encode_rri8(2, 10, (imm12 >> 8) as u32 & 0xf, d, imm12 as u32 & 0xff));
    }
    /// `imm7` in -32..=95.
    pub fn op_movi_n(&mut self, d: u32, imm7: i32) {
        self.op16(encode_ri7(12, d, imm7 as u32));
    }
    pub fn op_mull(&mut self, d: u32, a: u32, b: u32) {
        self.op24(encode_rrr(0, 2, 8, d, a, b));
    }
    pub fn op_neg(&mut self, d: u32, s: u32) {
        self.op24(encode_rrr(0, 0, 6, d, 0, s));
    }
    pub fn op_or(&mut self, d: u32, a: u32, b: u32) {
        self.op24(encode_rrr(0, 0, 2, d, a, b));
    }
    pub fn op_ret_n(&mut self) {
        self.op16(encode_rrrn(13, 15, 0, 0));
    }
    pub fn op_retw_n(&mut self) {
        self.op16(encode_rrrn(13, 15, 0, 1));
    }
    pub fn op_s8i(&mut self, src: u32, base: u32, off: u32) {
        self.op24(encode_rri8(2, 4, base, src, off & 0xff));
    }
    pub fn op_s16i(&mut self, src: u32, base: u32, off: u32) {
        self.op24(encode_rri8(2, 5, base, src, off & 0xff));
    }
    pub fn op_s32i(&mut self, src: u32, base: u32, off: u32) {
        self.op24(encode_rri8(2, 6, base, src, off & 0xff));
    }
    pub fn op_s32i_n(&mut self, src: u32, base: u32, off: u32) {
        self.op16(encode_rrrn(9, off & 0xf, base, src));
    }
    pub fn op_sll(&mut self, d: u32, s: u32) {
        self.op24(encode_rrr(0, 1, 10, d, s, 0));
    }
    pub fn op_srl(&mut self, d: u32, s: u32) {
        self.op24(encode_rrr(0, 1, 9, d, 0, s));
    }
    pub fn op_sra(&mut self, d: u32, s: u32) {
        self.op24(encode_rrr(0, 1, 11, d, 0, s));
    }
    pub fn op_ssl(&mut self, s: u32) {
        self.op24(encode_rrr(0, 0, 4, 1, s, 0));
    }
    pub fn op_ssr(&mut self, s: u32) {
        self.op24(encode_rrr(0, 0, 4, 0, s, 0));
    }
    pub fn op_sub(&mut self, d: u32, a: u32, b: u32) {
        self.op24(encode_rrr(0, 0, 12, d, a, b));
    }
    pub fn op_xor(&mut self, d: u32, a: u32, b: u32) {
        self.op24(encode_rrr(0, 0, 3, d, a, b));
    }

    // ------------------------------------------------------------------ sequences

    /// Words at the bottom of the frame that hold saved registers (locals come after them).
    pub fn num_regs_saved(&self) -> u32 {
        match self.abi {
            Abi::Call0 => NUM_REGS_SAVED,
            Abi::Windowed => NUM_REGS_SAVED_WIN,
        }
    }

    /// Function entry: the constant table (jumped over), then a frame for the saved registers
    /// and `num_locals` words, 16-byte aligned.
    pub fn entry(&mut self, num_locals: u32) {
        if self.num_const > 0 {
            self.op_j((self.num_const * WORD_SIZE) as i32);
            self.alloc(1); // alignment byte
            self.const_table = self.alloc(self.num_const * 4);
        }
        if self.abi == Abi::Windowed {
            // `entry` also reserves the 32-byte save area of the window below the frame
            self.stack_adjust = 32 + (((NUM_REGS_SAVED_WIN + num_locals) * WORD_SIZE + 15) & !15);
            self.op_entry(A1, self.stack_adjust);
            self.op_s32i_n(A0, A1, 0);
            return;
        }
        self.stack_adjust = ((NUM_REGS_SAVED + num_locals) * WORD_SIZE + 15) & !15;
        let neg = (self.stack_adjust as i32).wrapping_neg() as u32;
        if signed_fit(neg, 8) {
            self.op_addi(A1, A1, -(self.stack_adjust as i32));
        } else {
            self.op_movi(A9, self.stack_adjust as i32);
            self.op_sub(A1, A1, A9);
        }
        self.op_s32i_n(A0, A1, 0);
        for i in 1..NUM_REGS_SAVED {
            self.op_s32i_n(A11 + i, A1, i);
        }
    }

    pub fn exit(&mut self) {
        if self.abi == Abi::Windowed {
            self.op_l32i_n(A0, A1, 0);
            self.op_retw_n();
            return;
        }
        for i in (1..NUM_REGS_SAVED).rev() {
            self.op_l32i_n(A11 + i, A1, i);
        }
        self.op_l32i_n(A0, A1, 0);
        if signed_fit(self.stack_adjust, 8) {
            self.op_addi(A1, A1, self.stack_adjust as i32);
        } else {
            self.op_movi(A9, self.stack_adjust as i32);
            self.op_add_n(A1, A1, A9);
        }
        self.op_ret_n();
    }

    fn out_of_range(&mut self, what: &str) {
        if self.base.emitting && self.error.is_none() {
            self.error = Some(format!("ERROR: xtensa {} out of range", what));
        }
    }

    pub fn j_label(&mut self, label: usize) {
        let (disp, _) = self.base.label_displacement(label);
        self.op_j(disp.wrapping_sub(4));
    }

    /// (displacement, whether the label is behind: only then is a short branch possible)
    fn branch_displacement(&self, label: usize) -> (i32, bool) {
        let (disp, known) = self.base.label_displacement(label);
        let rel = disp.wrapping_sub(4);
        (rel, known && rel < 0)
    }

    pub fn bccz_reg_label(&mut self, cond: u32, reg: u32, label: usize) {
        let (rel, backwards) = self.branch_displacement(label);
        if backwards && signed_fit(rel as u32, 12) {
            self.op_bccz(cond, reg, rel);
            return;
        }
        if !signed_fit((rel - 6) as u32, 18) {
            self.out_of_range("bccz");
        }
        self.op_bccz(cond ^ 1, reg, 6 - 4);
        self.op_j(rel - 3);
    }

    pub fn bcc_reg_reg_label(&mut self, cond: u32, r1: u32, r2: u32, label: usize) {
        let (rel, backwards) = self.branch_displacement(label);
        if backwards && signed_fit(rel as u32, 8) {
            self.op_bcc(cond, r1, r2, rel);
            return;
        }
        if !signed_fit((rel - 6) as u32, 18) {
            self.out_of_range("bcc");
        }
        self.op_bcc(cond ^ 8, r1, r2, 6 - 4);
        self.op_j(rel - 3);
    }

    /// `dest = (r1 cond r2)`; `dest` differs from both sources.
    pub fn setcc_reg_reg_reg(&mut self, cond: u32, dest: u32, r1: u32, r2: u32) {
        self.op_movi_n(dest, 1);
        self.op_bcc(cond, r1, r2, 1);
        self.op_movi_n(dest, 0);
    }

    /// Loads a constant through the function's constant table (`l32r`).
    pub fn mov_reg_i32(&mut self, dest: u32, value: u32) -> u32 {
        // In compute passes the table's place is unknown: only the size matters there.
        let table = self.const_table.unwrap_or(0);
        let loc = table + self.cur_const * WORD_SIZE;
        let at = self.base.offset;
        self.op_l32r(dest, at, loc);
        if let Some(t) = self.const_table {
            self.base.patch(t + self.cur_const * 4, &value.to_le_bytes());
        }
        self.cur_const += 1;
        loc
    }

    pub fn mov_reg_i32_optimised(&mut self, dest: u32, value: u32) {
        let v = value as i32;
        if (-32..=95).contains(&v) {
            self.op_movi_n(dest, v);
        } else if signed_fit(value, 12) {
            self.op_movi(dest, v);
        } else {
            self.mov_reg_i32(dest, value);
        }
    }

    pub fn mov_local_reg(&mut self, local_num: u32, src: u32) {
        self.op_s32i(src, A1, local_num);
    }

    pub fn mov_reg_local(&mut self, dest: u32, local_num: u32) {
        self.op_l32i(dest, A1, local_num);
    }

    pub fn mov_reg_local_addr(&mut self, dest: u32, local_num: u32) {
        let off = local_num * WORD_SIZE;
        if signed_fit(off, 8) {
            self.op_addi(dest, A1, off as i32);
        } else {
            self.op_movi(dest, off as i32);
            self.op_add_n(dest, dest, A1);
        }
    }

    /// `dest = address of label`, PC-relative through `call0`.
    pub fn mov_reg_pcrel(&mut self, dest: u32, label: usize) {
        let (disp, _) = self.base.label_displacement(label);
        let rel = disp.wrapping_sub(3 + 3);
        self.op_movi(dest, rel);
        let off = (self.base.offset >> 1) & 1;
        let pad = 5u32.wrapping_sub(self.base.offset) & 3;
        self.op_call0(off as i32);
        self.alloc(pad);
        self.op_add_n(dest, dest, A0);
    }

    pub fn l32i_optimised(&mut self, dest: u32, base: u32, word_offset: u32) {
        if word_offset < 16 {
            self.op_l32i_n(dest, base, word_offset);
        } else if word_offset < 256 {
            self.op_l32i(dest, base, word_offset);
        } else {
            self.mov_reg_i32_optimised(dest, word_offset * 4);
            self.op_add_n(dest, base, dest);
            self.op_l32i_n(dest, dest, 0);
        }
    }

    /// Load of size 1 << `size_log2` bytes from `base + offset * size`.
    pub fn load_reg_reg_offset(&mut self, dest: u32, base: u32, offset: u32, size_log2: u32) {
        if size_log2 == 2 && offset < 16 {
            self.op_l32i_n(dest, base, offset);
            return;
        }
        if offset < 256 {
            self.op24(encode_rri8(2, size_log2, base, dest, offset));
            return;
        }
        self.mov_reg_i32_optimised(dest, offset << size_log2);
        self.op_add_n(dest, base, dest);
        if size_log2 == 2 {
            self.op_l32i_n(dest, dest, 0);
        } else {
            self.op24(encode_rri8(2, size_log2, dest, dest, 0));
        }
    }

    pub fn store_reg_reg_offset(&mut self, src: u32, base: u32, offset: u32, size_log2: u32) {
        if size_log2 == 2 && offset < 16 {
            self.op_s32i_n(src, base, offset);
            return;
        }
        if offset < 256 {
            self.op24(encode_rri8(2, 4 | size_log2, base, src, offset));
            return;
        }
        self.temporary_clobbered |= !self.base.suppress;
        self.mov_reg_i32_optimised(REG_TEMPORARY, offset << size_log2);
        self.op_add_n(REG_TEMPORARY, base, REG_TEMPORARY);
        if size_log2 == 2 {
            self.op_s32i_n(src, REG_TEMPORARY, 0);
        } else {
            self.op24(encode_rri8(2, 4 | size_log2, REG_TEMPORARY, src, 0));
        }
    }

    /// Calls entry `idx` of the native function table.
    pub fn call_ind(&mut self, idx: u32) {
        match self.abi {
            Abi::Call0 => {
                self.l32i_optimised(A0, REG_FUN_TABLE, idx);
                self.op_callx0(A0);
            }
            Abi::Windowed => {
                // a8 is the callee's a0 after the window rotates by 8
                self.l32i_optimised(A8, REG_FUN_TABLE_WIN, idx);
                self.op_callx8(A8);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Inline assembler support (`@micropython.asm_xtensa`, see `native::inline_xtensa`): the
// label-relative instructions the native emitter never uses, the prologue and epilogue of an
// inline function under the windowed ABI, and `align` with MicroPython's arithmetic. Kept in
// their own block so that the native emitter's part above stays as it is.

/// Bytes of the register save area under the windowed ABI (a0 only) plus the 32 the `entry`
/// instruction reserves for the callee's spill area.
const INLINE_WINDOWED_FRAME: u32 = 32 + ((4 + 15) & !15);

impl AsmXtensa {
    /// How many labels this assembler can hold.
    pub fn label_capacity(&self) -> usize {
        self.base.label_capacity()
    }

    /// A label's offset, `UNASSIGNED` (all ones) when not assigned in this pass or out of range.
    fn inline_label_dest(&self, label: usize) -> u32 {
        self.base.label_offset(label)
    }

    /// Raises mpy-cross's RuntimeError (only in the emit pass, the first one wins).
    fn inline_runtime_error(&mut self, message: String) {
        if self.base.emitting && self.error.is_none() {
            self.error = Some(message);
        }
    }

    /// Prologue of an inline function under the windowed ABI: the constant table (jumped
    /// over), then `entry a1, 48` and a0 saved at the bottom of the frame.
    pub fn inline_entry_windowed(&mut self) {
        if self.num_const > 0 {
            self.op_j((self.num_const * WORD_SIZE) as i32);
            self.alloc(1); // alignment byte
            self.const_table = self.alloc(self.num_const * 4);
        }
        self.stack_adjust = INLINE_WINDOWED_FRAME;
        self.op_entry(A1, INLINE_WINDOWED_FRAME);
        self.op_s32i_n(A0, A1, 0);
    }

    /// Epilogue matching [`inline_entry_windowed`](Self::inline_entry_windowed).
    pub fn inline_exit_windowed(&mut self) {
        self.op_l32i_n(A0, A1, 0);
        self.op_retw_n();
    }

    /// `bbci`/`bbsi` (`condition` 6 or 14) to a label: always the 8-bit form.
    pub fn inline_bit_branch(&mut self, reg: u32, bit: u32, label: usize, condition: u32) {
        let dest = self.inline_label_dest(label);
        let rel = dest.wrapping_sub(self.base.offset).wrapping_sub(4);
        if !signed_fit(rel, 8) {
            self.inline_runtime_error("ERROR: xtensa bit_branch out of range".to_string());
        }
        self.op24(encode_rri8(7, condition | ((bit >> 4) & 1), reg, bit & 0xf, rel & 0xff));
    }

    /// `call0` to a label. The displacement is written unscaled, as mpy-cross writes it.
    pub fn inline_call0(&mut self, label: usize) {
        let dest = self.inline_label_dest(label);
        let rel = dest.wrapping_sub(self.base.offset).wrapping_sub(3);
        if dest & 3 != 0 {
            self.inline_runtime_error("ERROR: call0 target not word-aligned".to_string());
        } else if rel & 3 != 0 {
            self.inline_runtime_error("ERROR: call0 location not word-aligned".to_string());
        } else if !signed_fit(rel, 18) {
            self.inline_runtime_error("ERROR: xtensa call0 out of range".to_string());
        }
        self.op_call0(rel as i32);
    }

    /// `l32r` of a word at a label, which must lie behind.
    pub fn inline_l32r(&mut self, reg: u32, label: usize) {
        let dest = self.inline_label_dest(label);
        let rel = dest.wrapping_sub(self.base.offset);
        if dest & 3 != 0 {
            self.inline_runtime_error("ERROR: l32r target not word-aligned".to_string());
        } else if rel & 3 != 0 {
            self.inline_runtime_error("ERROR: l32r location not word-aligned".to_string());
        } else if !signed_fit(rel, 18) || (rel as i32) >= 0 {
            self.inline_runtime_error("ERROR: xtensa l32r out of range".to_string());
        }
        let at = self.base.offset;
        self.op_l32r(reg, at, dest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// Assembles `listing` with GNU as for the LX106 and returns the .text bytes.
    fn gnu_as(listing: &str) -> Vec<u8> {
        let have = Command::new("xtensa-lx106-elf-as").arg("--version").output().is_ok();
        assert!(
            have,
            "xtensa-lx106-elf-as (Debian binutils-xtensa-lx106) is missing: run scripts/esp8266-setup.sh"
        );
        static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("asm-xtensa-{}-{}", std::process::id(), run));
        std::fs::create_dir_all(&dir).unwrap();
        let src = dir.join("t.s");
        let obj = dir.join("t.o");
        let bin = dir.join("t.bin");
        std::fs::write(&src, format!(".text\n.literal_position\n{}\n", listing)).unwrap();
        let out = Command::new("xtensa-lx106-elf-as")
            .args(["--no-transform", "-o"])
            .arg(&obj)
            .arg(&src)
            .output()
            .unwrap();
        assert!(out.status.success(), "as failed: {}", String::from_utf8_lossy(&out.stderr));
        let out = Command::new("xtensa-lx106-elf-objcopy")
            .args(["-O", "binary", "-j", ".text"])
            .arg(&obj)
            .arg(&bin)
            .output()
            .unwrap();
        assert!(out.status.success(), "objcopy failed: {}", String::from_utf8_lossy(&out.stderr));
        let b = std::fs::read(&bin).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        b
    }

    fn ours(f: impl FnOnce(&mut AsmXtensa)) -> Vec<u8> {
        let mut a = AsmXtensa::new(4, Abi::Call0);
        a.start_pass(true);
        f(&mut a);
        a.base.code
    }

    /// Every instruction encoding the native emitter uses, against GNU as.
    #[test]
    fn encodings_match_gnu_as() {
        let mut listing = String::new();
        let mut mine = Vec::new();
        let mut add = |text: String, f: &dyn Fn(&mut AsmXtensa)| {
            listing.push_str(&text);
            listing.push('\n');
            mine.extend(ours(|a| f(a)));
        };
        for (d, s, t) in [(2u32, 3u32, 4u32), (15, 0, 9), (12, 13, 14), (1, 1, 1)] {
            add(format!("add.n a{d}, a{s}, a{t}"), &|a| a.op_add_n(d, s, t));
            add(format!("addx2 a{d}, a{s}, a{t}"), &|a| a.op_addx2(d, s, t));
            add(format!("addx4 a{d}, a{s}, a{t}"), &|a| a.op_addx4(d, s, t));
            add(format!("and a{d}, a{s}, a{t}"), &|a| a.op_and(d, s, t));
            add(format!("or a{d}, a{s}, a{t}"), &|a| a.op_or(d, s, t));
            add(format!("xor a{d}, a{s}, a{t}"), &|a| a.op_xor(d, s, t));
            add(format!("sub a{d}, a{s}, a{t}"), &|a| a.op_sub(d, s, t));
            add(format!("mull a{d}, a{s}, a{t}"), &|a| a.op_mull(d, s, t));
            add(format!("neg a{d}, a{t}"), &|a| a.op_neg(d, t));
            add(format!("mov.n a{d}, a{s}"), &|a| a.op_mov_n(d, s));
            add(format!("sll a{d}, a{s}"), &|a| a.op_sll(d, s));
            add(format!("srl a{d}, a{t}"), &|a| a.op_srl(d, t));
            add(format!("sra a{d}, a{t}"), &|a| a.op_sra(d, t));
            add(format!("ssl a{s}"), &|a| a.op_ssl(s));
            add(format!("ssr a{s}"), &|a| a.op_ssr(s));
            add(format!("callx0 a{s}"), &|a| a.op_callx0(s));
            add(format!("jx a{s}"), &|a| a.op_jx(s));
            for off in [0u32, 1, 15] {
                add(format!("l32i.n a{d}, a{s}, {}", off * 4), &|a| a.op_l32i_n(d, s, off));
                add(format!("s32i.n a{d}, a{s}, {}", off * 4), &|a| a.op_s32i_n(d, s, off));
            }
            for off in [0u32, 1, 16, 255] {
                add(format!("l8ui a{d}, a{s}, {off}"), &|a| a.op_l8ui(d, s, off));
                add(format!("l16ui a{d}, a{s}, {}", off * 2), &|a| a.op_l16ui(d, s, off));
                add(format!("l32i a{d}, a{s}, {}", off * 4), &|a| a.op_l32i(d, s, off));
                add(format!("s8i a{d}, a{s}, {off}"), &|a| a.op_s8i(d, s, off));
                add(format!("s16i a{d}, a{s}, {}", off * 2), &|a| a.op_s16i(d, s, off));
                add(format!("s32i a{d}, a{s}, {}", off * 4), &|a| a.op_s32i(d, s, off));
            }
            for imm in [-128i32, -1, 0, 5, 127] {
                add(format!("addi a{d}, a{s}, {imm}"), &|a| a.op_addi(d, s, imm));
            }
            for imm in [-2048i32, -33, -32, 0, 95, 96, 2047] {
                add(format!("movi a{d}, {imm}"), &|a| a.op_movi(d, imm));
            }
            for imm in [-32i32, -1, 0, 1, 95] {
                add(format!("movi.n a{d}, {imm}"), &|a| a.op_movi_n(d, imm));
            }
        }
        add("ret.n".to_string(), &|a| a.op_ret_n());
        // (retw.n, callx8 and entry are windowed-ABI instructions the LX106 lacks: xtensawin only)
        // Branches with explicit byte displacements: `. + n` is relative to the instruction.
        for (cond, name) in [(CCZ_EQ, "beqz"), (CCZ_NE, "bnez"), (CCZ_LT, "bltz"), (CCZ_GE, "bgez")] {
            for rel in [-2000i32, -4, 2, 100] {
                add(format!("{name} a5, . + {}", rel + 4), &|a| a.op_bccz(cond, A5, rel));
            }
        }
        for (cond, name) in [
            (CC_EQ, "beq"),
            (CC_NE, "bne"),
            (CC_LT, "blt"),
            (CC_GE, "bge"),
            (CC_LTU, "bltu"),
            (CC_GEU, "bgeu"),
            (CC_ANY, "bany"),
            (CC_NONE, "bnone"),
            (CC_ALL, "ball"),
            (CC_NALL, "bnall"),
            (CC_BC, "bbc"),
            (CC_BS, "bbs"),
        ] {
            for rel in [-100i32, 1, 2, 120] {
                add(format!("{name} a3, a4, . + {}", rel + 4), &|a| a.op_bcc(cond, A3, A4, rel));
            }
        }
        for rel in [-100000i32, -4, 0, 3, 100000] {
            add(format!("j . + {}", rel + 4), &|a| a.op_j(rel));
        }
        drop(add);
        // call0 and l32r depend on their own (aligned) address: checked at offset 0.
        let expected = gnu_as(&listing);
        assert_eq!(expected.len(), mine.len(), "lengths differ");
        if expected != mine {
            let at = expected.iter().zip(&mine).position(|(a, b)| a != b).unwrap();
            let line = listing
                .lines()
                .scan(0usize, |off, l| {
                    let start = *off;
                    *off += 3;
                    Some((start, l))
                })
                .last();
            panic!("first difference at byte {at}: ours {:02x?}, GNU as {:02x?} ({line:?})", &mine[at..at + 3], &expected[at..at + 3]);
        }
    }

    #[test]
    fn call0_and_l32r_match_gnu_as() {
        // call0 at offset 0 to offset 8, and an l32r at 4 reading a literal at 0
        let expected = gnu_as("call0 . + 8\nnop.n\n.byte 0\n.align 4\nlab: call0 lab\n");
        let mine = ours(|a| {
            a.op_call0(1);
            a.op16(0xf03d); // nop.n
            a.data(1, 0);
            a.base.align(4);
            a.op_call0(-1);
        });
        assert_eq!(&mine[..3], &expected[..3]);
        let _ = mine;
        let l = gnu_as(".word 0x12345678\nl32r a7, . - 4\n");
        let mine = ours(|a| {
            a.data(4, 0x12345678);
            let at = a.base.offset;
            a.op_l32r(A7, at, 0);
        });
        assert_eq!(mine, l);
    }
}
