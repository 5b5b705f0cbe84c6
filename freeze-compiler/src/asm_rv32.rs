//! RISC-V RV32IMC machine-code assembler (ESP32-C3/C6, RP2350's Hazard3): the instruction
//! encodings and the sequences MicroPython's native emitter uses on rv32imc (`py/asmrv32.c`),
//! with the same choices between compressed and full-size forms so that the bytes are
//! mpy-cross's, and the two optional extensions `-march-flags=` can enable: Zba (`sh1add`,
//! `sh2add` for scaled viper indexing) and Zcmp (`cm.push` / `cm.popret` frames).
//!
//! As for the other targets, code is assembled over passes: the compute passes only work out
//! sizes and label offsets, the emit pass writes the bytes. A branch takes its short form only
//! to a label already behind it (in every pass the same choice, so sizes never change); every
//! other branch is the long `auipc` + `jalr` pair, which reaches anywhere.
//!
//! One piece of state outlives a function: the set of registers a frame saves. mpy-cross keeps
//! one assembler for all native functions of a module and only ever adds to that set (the
//! return address and the scratch `s0` join it at the first call that needs them), so a
//! function's prologue depends on the functions compiled before it. [`AsmRv32`] is kept the
//! same way by the native emitter, which makes the bytes follow.

use crate::native::asm::{Alu, NativeAsm, Regs, Shift};
use crate::native::asm_base::{AsmBase, UNASSIGNED};

pub const ZERO: u32 = 0;
pub const RA: u32 = 1;
pub const SP: u32 = 2;
pub const S0: u32 = 8;
pub const S1: u32 = 9;
pub const A0: u32 = 10;
pub const A1: u32 = 11;
pub const A2: u32 = 12;
pub const A3: u32 = 13;
pub const A4: u32 = 14;
pub const A5: u32 = 15;
pub const A6: u32 = 16;
pub const S2: u32 = 18;
pub const S3: u32 = 19;
pub const S4: u32 = 20;

/// `-march-flags=` bits (as `Arch::parse_flags` reads them): the Zba and Zcmp extensions.
pub const EXT_ZBA: u32 = 1;
pub const EXT_ZCMP: u32 = 2;

/// Holds the native function table.
pub const REG_FUN_TABLE: u32 = S1;
/// The emitter's `REG_TEMP0`: also the scratch of large stack adjustments.
const REG_TEMP0: u32 = A4;
/// The emitter's `REG_TEMP2`, which the assembler also takes for long jumps and far offsets.
const REG_TEMP2: u32 = A6;
/// The callee-saved scratch register of short table calls (`c.lw` needs one of x8..x15).
const CALL_SCRATCH: u32 = S0;

/// The registers the emitter uses on rv32imc (a0..a3 carry arguments and the result).
pub const RV32_REGS: Regs = Regs {
    parent_ret: A0,
    parent_arg1: A0,
    parent_arg2: A1,
    parent_arg3: A2,
    parent_arg4: A3,
    ret: A0,
    arg1: A0,
    arg2: A1,
    arg3: A2,
    arg4: A3,
    temp0: A4,
    temp1: A5,
    temp2: A6,
    local1: S3,
    local2: S2,
    local3: S4,
    fun_table: REG_FUN_TABLE,
};

/// The callee-saved registers every frame saves: the function table and the three locals.
const FRAME_REGS: u32 = 1 << REG_FUN_TABLE | 1 << S3 | 1 << S2 | 1 << S4;


// mpy-cross's range tests look at the low 32 bits of a (64-bit) value only; these do the same.
fn fits_signed(value: u64, bits: u32) -> bool {
    let high = !((1u32 << (bits - 1)) - 1);
    let x = value as u32 & high;
    x == 0 || x == high
}
fn fits_unsigned(value: u64, bits: u32) -> bool {
    value as u32 & !((1u32 << bits) - 1) == 0
}
/// x8..x15: the registers a compressed instruction's 3-bit fields can name.
fn is_compressible(reg: u32) -> bool {
    (S0..=A5).contains(&reg)
}
fn creg(reg: u32) -> u32 {
    reg - S0
}

/// `imm` as an `auipc`/`lui` part and a sign-extended 12-bit rest: `upper + sext(lower) == imm`
/// (upper may carry into bit 32, as mpy-cross's does; only its low 32 bits are encoded).
fn split_immediate(imm: u64) -> (u64, u64) {
    let mut upper = imm & 0xffff_f000;
    let lower = imm & 0xfff;
    if lower & 0x800 != 0 {
        upper += 0x1000;
    }
    (upper, lower)
}

// ---------------------------------------------------------------------- instruction formats

fn r_type(funct3: u32, funct7: u32, rd: u32, rs1: u32, rs2: u32) -> u32 {
    funct7 << 25 | (rs2 & 31) << 20 | (rs1 & 31) << 15 | funct3 << 12 | (rd & 31) << 7 | 0x33
}
fn i_type(opcode: u32, funct3: u32, rd: u32, rs1: u32, imm: u64) -> u32 {
    (imm as u32 & 0xfff) << 20 | (rs1 & 31) << 15 | funct3 << 12 | (rd & 31) << 7 | opcode
}
fn s_type(funct3: u32, base: u32, src: u32, imm: u64) -> u32 {
    let imm = imm as u32;
    (imm >> 5 & 0x7f) << 25 | (src & 31) << 20 | (base & 31) << 15 | funct3 << 12 | (imm & 31) << 7 | 0x23
}
fn b_type(funct3: u32, rs1: u32, rs2: u32, offset: i64) -> u32 {
    let o = offset as u32;
    (o >> 12 & 1) << 31
        | (o >> 5 & 0x3f) << 25
        | (rs2 & 31) << 20
        | (rs1 & 31) << 15
        | funct3 << 12
        | (o >> 1 & 0xf) << 8
        | (o >> 11 & 1) << 7
        | 0x63
}
fn u_type(opcode: u32, rd: u32, imm: u64) -> u32 {
    imm as u32 & 0xffff_f000 | (rd & 31) << 7 | opcode
}
/// CI format (`c.addi`, `c.li`, `c.lui`): a 6-bit immediate split over bit 12 and bits 6..2.
fn ci_type(funct3: u32, op: u32, rd: u32, imm6: u32) -> u32 {
    funct3 << 13 | (imm6 >> 5 & 1) << 12 | (rd & 31) << 7 | (imm6 & 31) << 2 | op
}
/// CB format branches (`c.beqz`, `c.bnez`), offset in -256..=254.
fn cb_branch(funct3: u32, rs: u32, offset: i64) -> u32 {
    let o = offset as u32;
    funct3 << 13
        | (o >> 8 & 1) << 12
        | (o >> 3 & 3) << 10
        | creg(rs) << 7
        | (o >> 6 & 3) << 5
        | (o >> 1 & 3) << 3
        | (o >> 5 & 1) << 2
        | 1
}

/// An RV32IMC assembler over MicroPython's passes (`mp_asm_base_t` + `asm_rv32_t`).
pub struct AsmRv32 {
    /// The passes, code buffer and labels.
    pub base: AsmBase,
    /// `EXT_ZBA` | `EXT_ZCMP`, as enabled by `-march-flags=`.
    extensions: u32,
    /// Registers the frames save (bit n: xn); only grows, over all functions of a module.
    saved_regs: u32,
    locals_count: u32,
    /// The frame's size in bytes (Zcmp: the part below `cm.push`'s block, with the number of
    /// 16-byte chunks `cm.push` added in the low two bits).
    stack_size: u64,
    /// Where the locals start above `sp` (after the saved registers; 0 under Zcmp, which
    /// saves them at the top of the frame).
    locals_stack_offset: u64,
}

impl AsmRv32 {
    pub fn new(max_labels: usize, extensions: u32) -> Self {
        AsmRv32 {
            base: AsmBase::new(max_labels),
            extensions,
            saved_regs: 0,
            locals_count: 0,
            stack_size: 0,
            locals_stack_offset: 0,
        }
    }

    fn zba(&self) -> bool {
        self.extensions & EXT_ZBA != 0
    }
    fn zcmp(&self) -> bool {
        self.extensions & EXT_ZCMP != 0
    }

    fn op32(&mut self, op: u32) {
        self.base.data(4, op as u64);
    }
    fn op16(&mut self, op: u32) {
        self.base.data(2, op as u64 & 0xffff);
    }

    /// (displacement from here, whether the label is behind: only then is a short form used)
    fn displacement(&self, label: usize) -> (i64, bool) {
        let target = self.base.label_offset(label);
        let d = target as i64 - self.base.offset as i64;
        (d, target != UNASSIGNED && d < 0)
    }

    // ------------------------------------------------------------------ full-size instructions

    pub fn op_add(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(0, 0, rd, rs1, rs2));
    }
    pub fn op_sub(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(0, 0x20, rd, rs1, rs2));
    }
    pub fn op_sll(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(1, 0, rd, rs1, rs2));
    }
    pub fn op_slt(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(2, 0, rd, rs1, rs2));
    }
    pub fn op_sltu(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(3, 0, rd, rs1, rs2));
    }
    pub fn op_xor(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(4, 0, rd, rs1, rs2));
    }
    pub fn op_srl(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(5, 0, rd, rs1, rs2));
    }
    pub fn op_sra(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(5, 0x20, rd, rs1, rs2));
    }
    pub fn op_or(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(6, 0, rd, rs1, rs2));
    }
    pub fn op_and(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(7, 0, rd, rs1, rs2));
    }
    pub fn op_mul(&mut self, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(0, 1, rd, rs1, rs2));
    }
    /// Zba `sh1add` (`shift` 1) / `sh2add` (2): `rd = (rs1 << shift) + rs2`.
    pub fn op_shadd(&mut self, shift: u32, rd: u32, rs1: u32, rs2: u32) {
        self.op32(r_type(shift << 1, 0x10, rd, rs1, rs2));
    }
    pub fn op_addi(&mut self, rd: u32, rs: u32, imm: u64) {
        self.op32(i_type(0x13, 0, rd, rs, imm));
    }
    pub fn op_slli(&mut self, rd: u32, rs: u32, shamt: u32) {
        self.op32(i_type(0x13, 1, rd, rs, (shamt & 31) as u64));
    }
    pub fn op_sltiu(&mut self, rd: u32, rs: u32, imm: u64) {
        self.op32(i_type(0x13, 3, rd, rs, imm));
    }
    pub fn op_xori(&mut self, rd: u32, rs: u32, imm: u64) {
        self.op32(i_type(0x13, 4, rd, rs, imm));
    }
    /// `lbu` (`size_log2` 0), `lhu` (1) or `lw` (2).
    pub fn op_load(&mut self, size_log2: u32, rd: u32, base: u32, offset: u64) {
        const FUNCT3: [u32; 3] = [4, 5, 2];
        self.op32(i_type(0x03, FUNCT3[size_log2 as usize], rd, base, offset));
    }
    /// `sb` (`size_log2` 0), `sh` (1) or `sw` (2).
    pub fn op_store(&mut self, size_log2: u32, src: u32, base: u32, offset: u64) {
        self.op32(s_type(size_log2, base, src, offset));
    }
    pub fn op_jalr(&mut self, rd: u32, rs: u32, offset: u64) {
        self.op32(i_type(0x67, 0, rd, rs, offset));
    }
    pub fn op_lui(&mut self, rd: u32, imm: u64) {
        self.op32(u_type(0x37, rd, imm));
    }
    pub fn op_auipc(&mut self, rd: u32, imm: u64) {
        self.op32(u_type(0x17, rd, imm));
    }
    pub fn op_beq(&mut self, rs1: u32, rs2: u32, offset: i64) {
        self.op32(b_type(0, rs1, rs2, offset));
    }
    pub fn op_bne(&mut self, rs1: u32, rs2: u32, offset: i64) {
        self.op32(b_type(1, rs1, rs2, offset));
    }

    // ------------------------------------------------------------------ compressed instructions

    pub fn op_c_add(&mut self, rd: u32, rs: u32) {
        self.op16(0x9002 | rd << 7 | rs << 2);
    }
    pub fn op_c_mv(&mut self, rd: u32, rs: u32) {
        self.op16(0x8002 | rd << 7 | rs << 2);
    }
    pub fn op_c_jr(&mut self, rs: u32) {
        self.op16(0x8002 | rs << 7);
    }
    pub fn op_c_jalr(&mut self, rs: u32) {
        self.op16(0x9002 | rs << 7);
    }
    pub fn op_c_addi(&mut self, rd: u32, imm: u64) {
        self.op16(ci_type(0, 1, rd, imm as u32 & 0x3f));
    }
    pub fn op_c_li(&mut self, rd: u32, imm: u64) {
        self.op16(ci_type(2, 1, rd, imm as u32 & 0x3f));
    }
    /// `c.lui rd, imm >> 12` (only the 6 bits the instruction holds are encoded).
    pub fn op_c_lui(&mut self, rd: u32, imm: u64) {
        self.op16(ci_type(3, 1, rd, (imm >> 12) as u32 & 0x3f));
    }
    /// `c.lw rd, offset(base)`: both registers in x8..x15, offset a multiple of 4 below 128.
    pub fn op_c_lw(&mut self, rd: u32, base: u32, offset: u32) {
        self.op16(
            0x4000
                | (offset >> 3 & 7) << 10
                | creg(base) << 7
                | (offset >> 2 & 1) << 6
                | (offset >> 6 & 1) << 5
                | creg(rd) << 2,
        );
    }
    pub fn op_c_sw(&mut self, src: u32, base: u32, offset: u32) {
        self.op16(
            0xc000
                | (offset >> 3 & 7) << 10
                | creg(base) << 7
                | (offset >> 2 & 1) << 6
                | (offset >> 6 & 1) << 5
                | creg(src) << 2,
        );
    }
    /// `c.lwsp rd, offset(sp)`, offset a multiple of 4 below 256.
    pub fn op_c_lwsp(&mut self, rd: u32, offset: u64) {
        let o = offset as u32;
        self.op16(0x4002 | (o >> 5 & 1) << 12 | rd << 7 | (o >> 2 & 7) << 4 | (o >> 6 & 3) << 2);
    }
    pub fn op_c_swsp(&mut self, src: u32, offset: u64) {
        let o = offset as u32;
        self.op16(0xc002 | (o >> 2 & 0xf) << 9 | (o >> 6 & 3) << 7 | src << 2);
    }
    /// `c.addi4spn rd, sp, imm`: rd in x8..x15, imm a nonzero multiple of 4 below 1024.
    pub fn op_c_addi4spn(&mut self, rd: u32, imm: u64) {
        let i = imm as u32;
        self.op16((i >> 4 & 3) << 11 | (i >> 6 & 0xf) << 7 | (i >> 2 & 1) << 6 | (i >> 3 & 1) << 5 | creg(rd) << 2);
    }
    pub fn op_c_j(&mut self, offset: i64) {
        let o = offset as u32;
        self.op16(
            0xa001
                | (o >> 11 & 1) << 12
                | (o >> 4 & 1) << 11
                | (o >> 8 & 3) << 9
                | (o >> 10 & 1) << 8
                | (o >> 6 & 1) << 7
                | (o >> 7 & 1) << 6
                | (o >> 1 & 7) << 3
                | (o >> 5 & 1) << 2,
        );
    }
    pub fn op_c_beqz(&mut self, rs: u32, offset: i64) {
        self.op16(cb_branch(6, rs, offset));
    }
    pub fn op_c_bnez(&mut self, rs: u32, offset: i64) {
        self.op16(cb_branch(7, rs, offset));
    }
    /// Zcmp `cm.push {ra, s0-..}, -(base + 16 * chunks)`; `rlist` as the instruction numbers
    /// the register lists (4: ra alone, 5: ra and s0, ...).
    pub fn op_cm_push(&mut self, rlist: u32, chunks: u32) {
        self.op16(0xb802 | (rlist & 0xf) << 4 | (chunks & 3) << 2);
    }
    pub fn op_cm_popret(&mut self, rlist: u32, chunks: u32) {
        self.op16(0xbe02 | (rlist & 0xf) << 4 | (chunks & 3) << 2);
    }

    // ------------------------------------------------------------------ immediates

    /// The upper part of a constant (`c.lui` where it fits and is not zero).
    fn load_upper(&mut self, rd: u32, upper: u64) {
        if fits_signed(upper, 17) && upper >> 12 != 0 {
            self.op_c_lui(rd, upper);
        } else {
            self.op_lui(rd, upper);
        }
    }

    /// Adds the low 12 bits after `load_upper` (nothing when they are zero).
    fn load_lower(&mut self, rd: u32, lower: u64) {
        if lower == 0 {
            return;
        }
        if fits_signed(lower, 6) {
            self.op_c_addi(rd, lower);
        } else {
            self.op_addi(rd, rd, lower);
        }
    }

    fn load_full(&mut self, rd: u32, imm: u64) {
        let (upper, lower) = split_immediate(imm);
        self.load_upper(rd, upper);
        self.load_lower(rd, lower);
    }

    /// `rd = imm`, in the shortest of `c.li`, `addi` and an upper/lower pair.
    pub fn mov_reg_imm(&mut self, rd: u32, imm: i64) {
        let imm = imm as u64;
        if fits_signed(imm, 6) {
            self.op_c_li(rd, imm);
        } else if fits_signed(imm, 12) {
            self.op_addi(rd, ZERO, imm);
        } else {
            self.load_full(rd, imm);
        }
    }

    // ------------------------------------------------------------------ frames

    fn adjust_stack(&mut self, bytes: i64) {
        let b = bytes as u64;
        if bytes == 0 {
        } else if fits_signed(b, 6) {
            self.op_c_addi(SP, b);
        } else if fits_signed(b, 12) {
            self.op_addi(SP, SP, b);
        } else {
            // (a caller-saved register: nothing of the caller's lives in it here)
            self.load_full(REG_TEMP0, b);
            self.op_c_add(SP, REG_TEMP0);
        }
    }

    /// Function entry: a frame of the saved registers (at the bottom) and `locals` words.
    pub fn entry(&mut self, locals: u32) {
        self.locals_count = locals;
        self.saved_regs |= FRAME_REGS;
        if self.zcmp() {
            self.entry_zcmp();
            return;
        }
        let regs = self.saved_regs;
        let count = regs.count_ones() as u64;
        self.stack_size = (count + locals as u64) * 4;
        self.adjust_stack(-(self.stack_size as i64));
        let mut offset = 0;
        for r in (0..32).filter(|r| regs & 1 << r != 0) {
            self.op_c_swsp(r, offset);
            offset += 4;
        }
        self.locals_stack_offset = count * 4;
    }

    pub fn exit(&mut self) {
        if self.zcmp() {
            self.adjust_stack((self.stack_size & !3) as i64);
            let rlist = (3 + zcmp_list_length(self.saved_regs)).min(15);
            self.op_cm_popret(rlist, (self.stack_size & 3) as u32);
            return;
        }
        let regs = self.saved_regs;
        let mut offset = 0;
        for r in (0..32).filter(|r| regs & 1 << r != 0) {
            self.op_c_lwsp(r, offset);
            offset += 4;
        }
        self.adjust_stack(self.stack_size as i64);
        self.op_c_jr(RA);
    }

    /// Zcmp entry: `cm.push` saves ra and s0..sN at the top of a 16-byte-aligned block and
    /// can lower `sp` by up to three more 16-byte chunks; what the locals need beyond that
    /// (the block's slack first) is an ordinary stack adjustment.
    fn entry_zcmp(&mut self) {
        let len = zcmp_list_length(self.saved_regs);
        let block = (len + 3) & !3;
        let slack = block - len;
        let mut locals_left = self.locals_count.saturating_sub(slack);
        let chunks = (locals_left / 4).min(3);
        locals_left -= chunks * 4;
        let bytes = locals_left as u64 * 4;
        self.op_cm_push((3 + len).min(15), chunks);
        self.adjust_stack(-(bytes as i64));
        self.stack_size = bytes | chunks as u64;
    }

    // ------------------------------------------------------------------ calls and jumps

    /// Calls entry `index` of the native function table.
    pub fn call_ind(&mut self, index: u32) {
        let offset = index as u64 * 4;
        self.saved_regs |= 1 << RA;
        if fits_unsigned(offset, 6) {
            self.saved_regs |= 1 << CALL_SCRATCH;
            self.op_c_lw(CALL_SCRATCH, REG_FUN_TABLE, offset as u32);
            self.op_c_jalr(CALL_SCRATCH);
        } else if fits_unsigned(offset, 11) {
            self.op_load(2, REG_TEMP2, REG_FUN_TABLE, offset);
            self.op_c_jalr(REG_TEMP2);
        } else {
            let (upper, lower) = split_immediate(offset);
            self.load_upper(REG_TEMP2, upper);
            self.op_c_add(REG_TEMP2, REG_FUN_TABLE);
            self.op_load(2, REG_TEMP2, REG_TEMP2, lower);
            self.op_c_jalr(REG_TEMP2);
        }
    }

    /// `auipc` + `jalr` to `here + displacement` (displacement from the `auipc`).
    fn far_jump(&mut self, displacement: i64) {
        let (upper, lower) = split_immediate(displacement as u64);
        self.op_auipc(REG_TEMP2, upper);
        self.op_jalr(ZERO, REG_TEMP2, lower);
    }

    pub fn jump(&mut self, label: usize) {
        let (d, backwards) = self.displacement(label);
        if backwards && fits_signed(d as u64, 12) {
            self.op_c_j(d);
        } else {
            self.far_jump(d);
        }
    }

    pub fn jump_if_reg_eq(&mut self, rs1: u32, rs2: u32, label: usize) {
        let (d, backwards) = self.displacement(label);
        if backwards && fits_signed(d as u64, 13) {
            self.op_beq(rs1, rs2, d);
            return;
        }
        self.op_bne(rs1, rs2, 12);
        self.far_jump(d - 4);
    }

    pub fn jump_if_reg_nonzero(&mut self, rs: u32, label: usize) {
        let (d, backwards) = self.displacement(label);
        if backwards && fits_signed(d as u64, 8) && is_compressible(rs) {
            self.op_c_bnez(rs, d);
        } else if backwards && fits_signed(d as u64, 13) {
            self.op_bne(rs, ZERO, d);
        } else if backwards && is_compressible(rs) {
            self.op_c_beqz(rs, 10);
            self.far_jump(d - 2);
        } else {
            self.op_beq(rs, ZERO, 12);
            self.far_jump(d - 4);
        }
    }

    /// `rd = address of label` (PC-relative).
    pub fn mov_reg_pcrel(&mut self, rd: u32, label: usize) {
        let (d, _) = self.displacement(label);
        let (upper, lower) = split_immediate(d as u64);
        self.op_auipc(rd, upper);
        self.op_addi(rd, rd, lower);
    }

    // ------------------------------------------------------------------ memory

    fn local_offset(&self, local: u32) -> u64 {
        self.locals_stack_offset + local as u64 * 4
    }

    pub fn mov_local_reg(&mut self, local: u32, rs: u32) {
        let offset = self.local_offset(local);
        if fits_unsigned(offset >> 2, 6) {
            self.op_c_swsp(rs, offset);
        } else if fits_unsigned(offset, 11) {
            self.op_store(2, rs, SP, offset);
        } else {
            let (upper, lower) = split_immediate(offset);
            self.load_upper(REG_TEMP2, upper);
            self.op_c_add(REG_TEMP2, SP);
            self.op_store(2, rs, REG_TEMP2, lower);
        }
    }

    pub fn mov_reg_local(&mut self, rd: u32, local: u32) {
        let offset = self.local_offset(local);
        if fits_unsigned(offset >> 2, 6) {
            self.op_c_lwsp(rd, offset);
        } else if fits_unsigned(offset, 11) {
            self.op_load(2, rd, SP, offset);
        } else {
            let (upper, lower) = split_immediate(offset);
            self.load_upper(rd, upper);
            self.op_c_add(rd, SP);
            self.op_load(2, rd, rd, lower);
        }
    }

    pub fn mov_reg_local_addr(&mut self, rd: u32, local: u32) {
        let offset = self.local_offset(local);
        if fits_unsigned(offset, 10) && offset != 0 && is_compressible(rd) {
            self.op_c_addi4spn(rd, offset);
        } else if fits_unsigned(offset, 11) {
            self.op_addi(rd, SP, offset);
        } else {
            self.load_full(rd, offset);
            self.op_c_add(rd, SP);
        }
    }

    /// A load of `1 << size_log2` bytes (zero-extended) at element `index` of `base`.
    pub fn load_reg_reg_offset(&mut self, rd: u32, base: u32, index: i32, size_log2: u32) {
        let scaled = index.wrapping_shl(size_log2);
        let s = scaled as i64 as u64;
        if scaled >= 0 && size_log2 == 2 && is_compressible(rd) && is_compressible(base) && fits_unsigned(s, 6) {
            self.op_c_lw(rd, base, scaled as u32);
        } else if fits_signed(s, 12) {
            self.op_load(size_log2, rd, base, s);
        } else {
            let (upper, lower) = split_immediate(s);
            self.load_upper(rd, upper);
            self.op_c_add(rd, base);
            self.op_load(size_log2, rd, rd, lower);
        }
    }

    pub fn store_reg_reg_offset(&mut self, src: u32, base: u32, index: i32, size_log2: u32) {
        let scaled = index.wrapping_shl(size_log2);
        let s = scaled as i64 as u64;
        if scaled >= 0 && size_log2 == 2 && is_compressible(src) && is_compressible(base) && fits_unsigned(s, 6) {
            self.op_c_sw(src, base, scaled as u32);
        } else if fits_signed(s, 12) {
            self.op_store(size_log2, src, base, s);
        } else {
            let (upper, lower) = split_immediate(s);
            self.load_upper(REG_TEMP2, upper);
            self.op_c_add(REG_TEMP2, base);
            self.op_store(size_log2, src, REG_TEMP2, lower);
        }
    }

    /// `REG_TEMP2 = base + (index << size_log2)`, leaving both registers as they are.
    fn scaled_address(&mut self, base: u32, index: u32, size_log2: u32) {
        if size_log2 > 0 && self.zba() {
            self.op_shadd(size_log2, REG_TEMP2, index, base);
        } else if size_log2 > 0 {
            self.op_slli(REG_TEMP2, index, size_log2);
            self.op_c_add(REG_TEMP2, base);
        } else {
            self.op_add(REG_TEMP2, base, index);
        }
    }

    // ------------------------------------------------------------------ comparisons

    fn set_less(&mut self, unsigned: bool, rd: u32, rs1: u32, rs2: u32) {
        if unsigned {
            self.op_sltu(rd, rs1, rs2);
        } else {
            self.op_slt(rd, rs1, rs2);
        }
    }
}

/// How many registers `cm.push` saves to cover `regs`: ra and s0 up to the highest s register
/// needed (s0..s10 is no list of Zcmp's: it takes s11 too).
fn zcmp_list_length(regs: u32) -> u32 {
    let s0_s1 = regs >> S0 & 3;
    let s2_s11 = regs >> S2 & 0x3ff;
    let bits = (regs >> RA & 1) | s0_s1 << 1 | s2_s11 << 3;
    let len = 32 - bits.leading_zeros();
    if len == 12 {
        13
    } else {
        len
    }
}

impl NativeAsm for AsmRv32 {
    fn regs(&self) -> Regs {
        RV32_REGS
    }
    fn word_size(&self) -> u32 {
        4
    }
    fn is_x86(&self) -> bool {
        false
    }
    fn nlr_buf_idx_local_1(&self) -> u32 {
        6 // s3
    }
    fn nlr_buf_num_regs(&self) -> u32 {
        14
    }
    fn zero_reg(&self) -> Option<u32> {
        Some(ZERO)
    }
    fn base(&self) -> &AsmBase {
        &self.base
    }
    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }
    fn entry(&mut self, num_locals: u32) {
        AsmRv32::entry(self, num_locals)
    }
    fn exit(&mut self) {
        AsmRv32::exit(self)
    }
    fn jump(&mut self, label: usize) {
        AsmRv32::jump(self, label)
    }
    fn jump_if_reg_zero(&mut self, reg: u32, label: usize, _bool_test: bool) {
        self.jump_if_reg_eq(reg, ZERO, label)
    }
    fn jump_if_reg_nonzero(&mut self, reg: u32, label: usize, _bool_test: bool) {
        AsmRv32::jump_if_reg_nonzero(self, reg, label)
    }
    fn jump_if_reg_eq(&mut self, reg1: u32, reg2: u32, label: usize) {
        AsmRv32::jump_if_reg_eq(self, reg1, reg2, label)
    }
    fn jump_reg(&mut self, reg: u32) {
        self.op_c_jr(reg)
    }
    fn call_ind(&mut self, idx: u32) {
        AsmRv32::call_ind(self, idx)
    }
    fn mov_local_reg(&mut self, local: u32, reg: u32) {
        AsmRv32::mov_local_reg(self, local, reg)
    }
    fn mov_reg_local(&mut self, reg: u32, local: u32) {
        AsmRv32::mov_reg_local(self, reg, local)
    }
    fn mov_reg_local_addr(&mut self, reg: u32, local: u32) {
        AsmRv32::mov_reg_local_addr(self, reg, local)
    }
    fn mov_reg_imm(&mut self, reg: u32, imm: i64) {
        AsmRv32::mov_reg_imm(self, reg, imm)
    }
    fn mov_reg_reg(&mut self, dest: u32, src: u32) {
        self.op_c_mv(dest, src)
    }
    fn mov_reg_pcrel(&mut self, reg: u32, label: usize) {
        AsmRv32::mov_reg_pcrel(self, reg, label)
    }
    fn clr_reg(&mut self, reg: u32) {
        self.op_c_li(reg, 0)
    }
    fn not_reg(&mut self, reg: u32) -> bool {
        self.op_xori(reg, reg, u64::MAX);
        true
    }
    fn neg_reg(&mut self, reg: u32) {
        self.op_sub(reg, ZERO, reg)
    }
    fn alu(&mut self, op: Alu, dest: u32, src: u32) {
        match op {
            Alu::Or => self.op_or(dest, dest, src),
            Alu::Xor if dest == src => self.op_c_li(dest, 0),
            Alu::Xor => self.op_xor(dest, dest, src),
            // (mpy-cross's operand order; the same result)
            Alu::And => self.op_and(dest, src, dest),
            Alu::Add => self.op_c_add(dest, src),
            Alu::Sub => self.op_sub(dest, dest, src),
            Alu::Mul => self.op_mul(dest, dest, src),
        }
    }
    fn shift(&mut self, op: Shift, reg: u32, amount: u32) {
        match op {
            Shift::Lsl => self.op_sll(reg, reg, amount),
            Shift::Lsr => self.op_srl(reg, reg, amount),
            Shift::Asr => self.op_sra(reg, reg, amount),
        }
    }
    fn compare(&mut self, op_idx: usize, dest: u32, lhs: u32, rhs: u32) {
        // LESS, MORE, EQUAL, LESS_EQUAL, MORE_EQUAL, NOT_EQUAL: unsigned, then signed
        let unsigned = op_idx < 6;
        match op_idx % 6 {
            0 => self.set_less(unsigned, dest, lhs, rhs),
            1 => self.set_less(unsigned, dest, rhs, lhs),
            2 => {
                self.op_sub(dest, lhs, rhs);
                self.op_sltiu(dest, dest, 1);
            }
            3 => {
                self.set_less(unsigned, dest, rhs, lhs);
                self.op_xori(dest, dest, 1);
            }
            4 => {
                self.set_less(unsigned, dest, lhs, rhs);
                self.op_xori(dest, dest, 1);
            }
            _ => {
                // (mpy-cross subtracts in this order for !=)
                self.op_sub(dest, rhs, lhs);
                self.op_sltu(dest, ZERO, dest);
            }
        }
    }
    fn load_reg_reg_offset(&mut self, dest: u32, base: u32, word_offset: u32) {
        AsmRv32::load_reg_reg_offset(self, dest, base, word_offset as i32, 2)
    }
    fn store_reg_reg_offset(&mut self, src: u32, base: u32, word_offset: u32) {
        AsmRv32::store_reg_reg_offset(self, src, base, word_offset as i32, 2)
    }
    fn load_sized(&mut self, size_log2: u32, dest: u32, base: u32, index: u32) {
        AsmRv32::load_reg_reg_offset(self, dest, base, index as i32, size_log2)
    }
    fn store_sized(&mut self, size_log2: u32, src: u32, base: u32, index: u32) {
        AsmRv32::store_reg_reg_offset(self, src, base, index as i32, size_log2)
    }
    fn load_indexed(&mut self, size_log2: u32, dest: u32, base: u32, index_reg: u32) {
        self.scaled_address(base, index_reg, size_log2);
        AsmRv32::load_reg_reg_offset(self, dest, REG_TEMP2, 0, size_log2)
    }
    fn store_indexed(&mut self, size_log2: u32, src: u32, base: u32, index_reg: u32) {
        self.scaled_address(base, index_reg, size_log2);
        AsmRv32::store_reg_reg_offset(self, src, REG_TEMP2, 0, size_log2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// The encodings `llvm-mc` gives for `listing` (one instruction a line). Fails when
    /// llvm-mc is not installed, saying how to install it.
    fn llvm_mc(listing: &str, compressed: bool) -> Vec<Vec<u8>> {
        let attrs = if compressed { "+m,+c,+zba" } else { "+m,+zba" };
        let mut child = Command::new("llvm-mc")
            .args(["-triple=riscv32", &format!("-mattr={attrs}"), "-show-encoding"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("llvm-mc (the oracle for these encodings) cannot run: {e}; run scripts/asm-oracles-setup.sh (Debian's llvm)"));
        use std::io::Write;
        child.stdin.take().unwrap().write_all(listing.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "llvm-mc failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines()
            .filter_map(|l| l.split_once("encoding: [").map(|(_, r)| r.trim_end_matches(']').to_string()))
            .map(|bytes| {
                bytes.split(',').map(|b| u8::from_str_radix(b.trim().trim_start_matches("0x"), 16).unwrap()).collect()
            })
            .collect()
    }

    fn ours(f: &dyn Fn(&mut AsmRv32)) -> Vec<u8> {
        let mut a = AsmRv32::new(4, 0);
        a.start_pass(true);
        f(&mut a);
        a.base.code
    }

    type Case<'a> = (String, Box<dyn Fn(&mut AsmRv32) + 'a>);

    fn check(cases: Vec<Case>, compressed: bool) {
        let listing: String = cases.iter().map(|(t, _)| format!("{t}\n")).collect();
        let expected = llvm_mc(&listing, compressed);
        assert_eq!(expected.len(), cases.len(), "llvm-mc gave another number of instructions");
        for ((text, f), want) in cases.iter().zip(&expected) {
            assert_eq!(&ours(f.as_ref()), want, "{text}");
        }
    }

    /// Every full-size instruction the assembler writes, against llvm-mc.
    #[test]
    fn full_size_encodings_match_llvm_mc() {
        let mut cases: Vec<Case> = Vec::new();
        let name = |r: u32| format!("x{r}");
        for (d, s, t) in [(A0, A1, A2), (S3, S2, A6), (ZERO, S4, RA), (A6, A6, SP)] {
            let (dn, sn, tn) = (name(d), name(s), name(t));
            let rrr: [(&str, fn(&mut AsmRv32, u32, u32, u32)); 11] = [
                ("add", AsmRv32::op_add),
                ("sub", AsmRv32::op_sub),
                ("sll", AsmRv32::op_sll),
                ("slt", AsmRv32::op_slt),
                ("sltu", AsmRv32::op_sltu),
                ("xor", AsmRv32::op_xor),
                ("srl", AsmRv32::op_srl),
                ("sra", AsmRv32::op_sra),
                ("or", AsmRv32::op_or),
                ("and", AsmRv32::op_and),
                ("mul", AsmRv32::op_mul),
            ];
            for (op, f) in rrr {
                cases.push((format!("{op} {dn}, {sn}, {tn}"), Box::new(move |a| f(a, d, s, t))));
            }
            for shift in [1, 2] {
                cases.push((format!("sh{shift}add {dn}, {sn}, {tn}"), Box::new(move |a| a.op_shadd(shift, d, s, t))));
            }
            for imm in [-2048i64, -1, 0, 1, 31, 2047] {
                let u = imm as u64;
                cases.push((format!("addi {dn}, {sn}, {imm}"), Box::new(move |a| a.op_addi(d, s, u))));
                cases.push((format!("sltiu {dn}, {sn}, {imm}"), Box::new(move |a| a.op_sltiu(d, s, u))));
                cases.push((format!("xori {dn}, {sn}, {imm}"), Box::new(move |a| a.op_xori(d, s, u))));
                cases.push((format!("jalr {dn}, {imm}({sn})"), Box::new(move |a| a.op_jalr(d, s, u))));
                for (size, load, store) in [(0, "lbu", "sb"), (1, "lhu", "sh"), (2, "lw", "sw")] {
                    cases.push((format!("{load} {dn}, {imm}({sn})"), Box::new(move |a| a.op_load(size, d, s, u))));
                    cases.push((format!("{store} {dn}, {imm}({sn})"), Box::new(move |a| a.op_store(size, d, s, u))));
                }
            }
            for sh in [0, 1, 2, 31] {
                cases.push((format!("slli {dn}, {sn}, {sh}"), Box::new(move |a| a.op_slli(d, s, sh))));
            }
            for imm in [0u64, 1, 0x12345, 0xfffff] {
                cases.push((format!("lui {dn}, {imm}"), Box::new(move |a| a.op_lui(d, imm << 12))));
                cases.push((format!("auipc {dn}, {imm}"), Box::new(move |a| a.op_auipc(d, imm << 12))));
            }
            for off in [-4096i64, -2, 2, 12, 4094] {
                cases.push((format!("beq {sn}, {tn}, {off}"), Box::new(move |a| a.op_beq(s, t, off))));
                cases.push((format!("bne {sn}, {tn}, {off}"), Box::new(move |a| a.op_bne(s, t, off))));
            }
        }
        check(cases, false);
    }

    /// Every compressed instruction the assembler writes, against llvm-mc (Zcmp's `cm.push`
    /// and `cm.popret` are newer than Debian's llvm-mc 14: the corpus test checks them).
    #[test]
    fn compressed_encodings_match_llvm_mc() {
        let mut cases: Vec<Case> = Vec::new();
        let name = |r: u32| format!("x{r}");
        for (d, s) in [(A0, A1), (S3, S2), (A6, RA), (S0, A5), (SP, A4)] {
            let (dn, sn) = (name(d), name(s));
            cases.push((format!("c.add {dn}, {sn}"), Box::new(move |a| a.op_c_add(d, s))));
            cases.push((format!("c.mv {dn}, {sn}"), Box::new(move |a| a.op_c_mv(d, s))));
            cases.push((format!("c.jr {dn}"), Box::new(move |a| a.op_c_jr(d))));
            cases.push((format!("c.jalr {dn}"), Box::new(move |a| a.op_c_jalr(d))));
            for imm in [-32i64, -1, 1, 31] {
                cases.push((format!("c.addi {dn}, {imm}"), Box::new(move |a| a.op_c_addi(d, imm as u64))));
            }
            if d != SP {
                for imm in [-32i64, -1, 0, 1, 31] {
                    cases.push((format!("c.li {dn}, {imm}"), Box::new(move |a| a.op_c_li(d, imm as u64))));
                }
                for imm in [1u64, 31, 0xfffe0, 0xfffff] {
                    cases.push((format!("c.lui {dn}, {imm}"), Box::new(move |a| a.op_c_lui(d, imm << 12))));
                }
            }
            for off in [0u64, 4, 60, 64, 252] {
                cases.push((format!("c.lwsp {dn}, {off}(sp)"), Box::new(move |a| a.op_c_lwsp(d, off))));
                cases.push((format!("c.swsp {sn}, {off}(sp)"), Box::new(move |a| a.op_c_swsp(s, off))));
            }
        }
        for (d, s) in [(A0, A1), (S0, S1), (A5, A4)] {
            let (dn, sn) = (name(d), name(s));
            for off in [0u32, 4, 60, 64, 124] {
                cases.push((format!("c.lw {dn}, {off}({sn})"), Box::new(move |a| a.op_c_lw(d, s, off))));
                cases.push((format!("c.sw {dn}, {off}({sn})"), Box::new(move |a| a.op_c_sw(d, s, off))));
            }
            for imm in [4u64, 8, 60, 64, 1020] {
                cases.push((format!("c.addi4spn {dn}, sp, {imm}"), Box::new(move |a| a.op_c_addi4spn(d, imm))));
            }
            for off in [-256i64, -2, 2, 10, 254] {
                cases.push((format!("c.beqz {dn}, {off}"), Box::new(move |a| a.op_c_beqz(d, off))));
                cases.push((format!("c.bnez {dn}, {off}"), Box::new(move |a| a.op_c_bnez(d, off))));
            }
        }
        for off in [-2048i64, -1000, -2, 2, 682, 2046] {
            cases.push((format!("c.j {off}"), Box::new(move |a| a.op_c_j(off))));
        }
        check(cases, true);
    }

    /// Zcmp's register lists: ra and s0 up to the highest saved s register, s0..s10 widened.
    #[test]
    fn zcmp_register_lists() {
        assert_eq!(zcmp_list_length(FRAME_REGS), 6);
        assert_eq!(zcmp_list_length(FRAME_REGS | 1 << RA | 1 << S0), 6);
        assert_eq!(zcmp_list_length(1 << RA), 1);
        assert_eq!(zcmp_list_length(1 << 26), 13);
        assert_eq!(zcmp_list_length(1 << 27), 13);
    }
}
