//! The assembler interface of the native emitter: the operations `py/emitnative.c` names with
//! its `ASM_*` macros, with each architecture's registers and calling convention
//! (`py/asmxtensa.h`, `py/asmx64.h`, `py/asmthumb.h`), so that one emitter writes code for
//! every target. Xtensa's two ABIs are one assembler ([`xt::Abi`]) with two register
//! assignments. What every assembler shares (passes, code buffer, labels) is [`AsmBase`],
//! reached through [`NativeAsm::base`]; the trait's defaults use it.

use crate::asm_thumb::{self as thumb, AsmThumb};
use crate::asm_x64::{self as x64, AsmX64};
use crate::asm_xtensa::{self as xt, AsmXtensa};
use crate::native::asm_base::AsmBase;

/// The registers the emitter uses (`REG_*`): physical numbers of the architecture. Several
/// may be the same register (xtensa: `ret`, `arg1` and `temp0` are all a2); the emitter relies
/// on those identities as MicroPython does.
#[derive(Clone, Copy, Debug)]
pub struct Regs {
    /// `REG_PARENT_*`: where this function's own arguments arrive and its result leaves.
    /// The same registers as the call registers below, except with xtensa's windowed ABI,
    /// where a callee sees its caller's a10.. as a2.. (`REG_PARENT_ARG_1` is a2, but the
    /// functions it calls take their arguments in a10..).
    pub parent_ret: u32,
    pub parent_arg1: u32,
    pub parent_arg2: u32,
    pub parent_arg3: u32,
    pub parent_arg4: u32,
    pub ret: u32,
    pub arg1: u32,
    pub arg2: u32,
    pub arg3: u32,
    pub arg4: u32,
    pub temp0: u32,
    pub temp1: u32,
    pub temp2: u32,
    pub local1: u32,
    pub local2: u32,
    /// `REG_LOCAL_3`: holds the qstr table (mpy-cross saves native code).
    pub local3: u32,
    pub fun_table: u32,
}

impl Regs {
    /// The registers that hold locals (`reg_local_table`, two when native code is saved).
    pub fn local_table(&self) -> [u32; 2] {
        [self.local1, self.local2]
    }
    pub fn qstr_table(&self) -> u32 {
        self.local3
    }
}

pub const XTENSA_REGS: Regs = Regs {
    parent_ret: xt::A2,
    parent_arg1: xt::A2,
    parent_arg2: xt::A3,
    parent_arg3: xt::A4,
    parent_arg4: xt::A5,
    ret: xt::A2,
    arg1: xt::A2,
    arg2: xt::A3,
    arg3: xt::A4,
    arg4: xt::A5,
    temp0: xt::A2,
    temp1: xt::A3,
    temp2: xt::A4,
    local1: xt::A12,
    local2: xt::A13,
    local3: xt::A14,
    fun_table: xt::REG_FUN_TABLE,
};

/// Xtensa's windowed ABI (window size 8): calls go out in a10.., a2..a7 survive them.
pub const XTENSAWIN_REGS: Regs = Regs {
    parent_ret: xt::A2,
    parent_arg1: xt::A2,
    parent_arg2: xt::A3,
    parent_arg3: xt::A4,
    parent_arg4: xt::A5,
    ret: xt::A10,
    arg1: xt::A10,
    arg2: xt::A11,
    arg3: xt::A12,
    arg4: xt::A13,
    temp0: xt::A10,
    temp1: xt::A11,
    temp2: xt::A12,
    local1: xt::A4,
    local2: xt::A5,
    local3: xt::A6,
    fun_table: xt::REG_FUN_TABLE_WIN,
};

pub const THUMB_REGS: Regs = Regs {
    parent_ret: thumb::R0,
    parent_arg1: thumb::R0,
    parent_arg2: thumb::R1,
    parent_arg3: thumb::R2,
    parent_arg4: thumb::R3,
    ret: thumb::R0,
    arg1: thumb::R0,
    arg2: thumb::R1,
    arg3: thumb::R2,
    arg4: thumb::R3,
    temp0: thumb::R0,
    temp1: thumb::R1,
    temp2: thumb::R2,
    local1: thumb::R4,
    local2: thumb::R5,
    local3: thumb::R6,
    fun_table: thumb::REG_FUN_TABLE,
};

pub const X64_REGS: Regs = Regs {
    parent_ret: x64::RAX,
    parent_arg1: x64::RDI,
    parent_arg2: x64::RSI,
    parent_arg3: x64::RDX,
    parent_arg4: x64::RCX,
    ret: x64::RAX,
    arg1: x64::RDI,
    arg2: x64::RSI,
    arg3: x64::RDX,
    arg4: x64::RCX,
    temp0: x64::RAX,
    temp1: x64::RDI,
    temp2: x64::RSI,
    local1: x64::RBX,
    local2: x64::R12,
    local3: x64::R13,
    fun_table: x64::REG_FUN_TABLE,
};

/// A two-register arithmetic operation (`ASM_<OP>_REG_REG(dest, src)`: `dest op= src`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alu {
    Or,
    Xor,
    And,
    Add,
    Sub,
    Mul,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    Lsl,
    Lsr,
    Asr,
}

/// What the native emitter asks of an assembler.
pub trait NativeAsm {
    fn regs(&self) -> Regs;
    /// `ASM_WORD_SIZE`.
    fn word_size(&self) -> u32;
    /// The x86 family's special cases in the emitter (shifts through cl, byte stores from the
    /// low registers, comparisons with setcc).
    fn is_x86(&self) -> bool;
    /// `nlr_buf_t`'s word that holds `REG_LOCAL_1` (the active handler's PC).
    fn nlr_buf_idx_local_1(&self) -> u32;
    /// The registers `nlr_buf_t` saves on the target, as mpy-cross sizes the buffer
    /// (`nlr_buf_num_regs`: the largest of the target's variants).
    fn nlr_buf_num_regs(&self) -> u32;
    /// `N_NLR_SETJMP`: the target's nlr is setjmp-based, so the code calls `setjmp` on the
    /// buffer's register area itself after `nlr_push` (a function that returned from
    /// `nlr_push` could not be jumped back into).
    fn nlr_uses_setjmp(&self) -> bool {
        false
    }
    /// `REG_ZERO`: a register that always reads 0, where the architecture has one (then a
    /// local is cleared by storing it, with no register cleared first).
    fn zero_reg(&self) -> Option<u32> {
        None
    }
    /// The register the assembler overwrote for itself in this pass (for a store too far
    /// from its base), if any.
    fn clobbered_scratch(&self) -> Option<u32> {
        None
    }

    /// The passes, code buffer and labels every assembler has.
    fn base(&self) -> &AsmBase;
    fn base_mut(&mut self) -> &mut AsmBase;

    fn set_max_labels(&mut self, n: usize) {
        self.base_mut().set_max_labels(n)
    }
    fn start_pass(&mut self, emit: bool) {
        self.base_mut().start_pass(emit)
    }
    fn end_pass(&mut self) {}
    fn offset(&self) -> u32 {
        self.base().offset
    }
    /// Code after this is dead until the next label (`mp_asm_base_suppress_code`).
    fn suppress(&mut self) {
        self.base_mut().suppress = true;
    }
    fn take_code(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.base_mut().code)
    }
    /// An error found while assembling: "Kind: message" for mpy-cross's own errors, else what
    /// mpy-freeze cannot do yet.
    fn take_error(&mut self) -> Option<String> {
        None
    }
    fn data(&mut self, size: u32, val: u64) {
        self.base_mut().data(size, val)
    }
    fn label_assign(&mut self, label: usize) {
        self.base_mut().label_assign(label)
    }

    fn entry(&mut self, num_locals: u32);
    fn exit(&mut self);
    fn jump(&mut self, label: usize);
    fn jump_if_reg_zero(&mut self, reg: u32, label: usize, bool_test: bool);
    fn jump_if_reg_nonzero(&mut self, reg: u32, label: usize, bool_test: bool);
    fn jump_if_reg_eq(&mut self, reg1: u32, reg2: u32, label: usize);
    fn jump_reg(&mut self, reg: u32);
    fn call_ind(&mut self, idx: u32);
    /// A call whose four argument registers are all in use (`mp_setup_code_state`): thumb
    /// loads the function through r4, not through r3 (its fourth argument).
    fn call_ind_4_args(&mut self, idx: u32) {
        self.call_ind(idx)
    }

    fn mov_local_reg(&mut self, local: u32, reg: u32);
    fn mov_reg_local(&mut self, reg: u32, local: u32);
    fn mov_reg_local_addr(&mut self, reg: u32, local: u32);
    fn mov_reg_imm(&mut self, reg: u32, imm: i64);
    fn mov_reg_reg(&mut self, dest: u32, src: u32);
    fn mov_reg_pcrel(&mut self, reg: u32, label: usize);
    fn clr_reg(&mut self, reg: u32);

    /// `ASM_NOT_REG`, where the architecture has it (false: the emitter xors with -1).
    fn not_reg(&mut self, reg: u32) -> bool;
    fn neg_reg(&mut self, reg: u32);
    fn alu(&mut self, op: Alu, dest: u32, src: u32);
    /// `reg = reg <shift> amount` (x64: the amount is in cl, whatever `amount` says).
    fn shift(&mut self, op: Shift, reg: u32, amount: u32);
    /// `dest = lhs <cmp> rhs` for viper integers; `op_idx` as emitnative.c numbers it
    /// (`MP_BINARY_OP_LESS`.. relative, +6 for signed).
    fn compare(&mut self, op_idx: usize, dest: u32, lhs: u32, rhs: u32);

    /// `ASM_LOAD_REG_REG_OFFSET`: a machine word at `base + word_offset` words.
    fn load_reg_reg_offset(&mut self, dest: u32, base: u32, word_offset: u32);
    /// `ASM_STORE_REG_REG_OFFSET`: a machine word to `base + word_offset` words.
    fn store_reg_reg_offset(&mut self, src: u32, base: u32, word_offset: u32);
    /// `ASM_LOAD{8,16,32}_REG_REG_OFFSET`: `1 << size_log2` bytes, zero-extended, at element
    /// `index` of `base`.
    fn load_sized(&mut self, size_log2: u32, dest: u32, base: u32, index: u32);
    fn store_sized(&mut self, size_log2: u32, src: u32, base: u32, index: u32);
    /// `ASM_LOAD{8,16,32}_REG_REG_REG` or its fallback: element `index_reg` of `base` (which
    /// may be clobbered).
    fn load_indexed(&mut self, size_log2: u32, dest: u32, base: u32, index_reg: u32);
    fn store_indexed(&mut self, size_log2: u32, src: u32, base: u32, index_reg: u32);
}

impl NativeAsm for AsmXtensa {
    fn regs(&self) -> Regs {
        match self.abi {
            xt::Abi::Call0 => XTENSA_REGS,
            xt::Abi::Windowed => XTENSAWIN_REGS,
        }
    }
    fn word_size(&self) -> u32 {
        4
    }
    fn is_x86(&self) -> bool {
        false
    }
    fn nlr_buf_idx_local_1(&self) -> u32 {
        // (after nlr_buf_t's two link words, the saved registers in the order nlr_push
        // stores them)
        match self.abi {
            xt::Abi::Call0 => 2 + 6,    // a12
            xt::Abi::Windowed => 2 + 4, // a4
        }
    }
    fn nlr_buf_num_regs(&self) -> u32 {
        match self.abi {
            xt::Abi::Call0 => 10,
            xt::Abi::Windowed => 17,
        }
    }
    fn nlr_uses_setjmp(&self) -> bool {
        self.abi == xt::Abi::Windowed
    }
    fn clobbered_scratch(&self) -> Option<u32> {
        self.temporary_clobbered.then_some(xt::REG_TEMPORARY)
    }
    fn base(&self) -> &AsmBase {
        &self.base
    }
    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }
    fn start_pass(&mut self, emit: bool) {
        AsmXtensa::start_pass(self, emit)
    }
    fn end_pass(&mut self) {
        AsmXtensa::end_pass(self)
    }
    fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }
    fn entry(&mut self, num_locals: u32) {
        AsmXtensa::entry(self, num_locals)
    }
    fn exit(&mut self) {
        AsmXtensa::exit(self)
    }
    fn jump(&mut self, label: usize) {
        self.j_label(label)
    }
    fn jump_if_reg_zero(&mut self, reg: u32, label: usize, _bool_test: bool) {
        self.bccz_reg_label(xt::CCZ_EQ, reg, label)
    }
    fn jump_if_reg_nonzero(&mut self, reg: u32, label: usize, _bool_test: bool) {
        self.bccz_reg_label(xt::CCZ_NE, reg, label)
    }
    fn jump_if_reg_eq(&mut self, reg1: u32, reg2: u32, label: usize) {
        self.bcc_reg_reg_label(xt::CC_EQ, reg1, reg2, label)
    }
    fn jump_reg(&mut self, reg: u32) {
        self.op_jx(reg)
    }
    fn call_ind(&mut self, idx: u32) {
        AsmXtensa::call_ind(self, idx)
    }
    fn mov_local_reg(&mut self, local: u32, reg: u32) {
        AsmXtensa::mov_local_reg(self, self.num_regs_saved() + local, reg)
    }
    fn mov_reg_local(&mut self, reg: u32, local: u32) {
        AsmXtensa::mov_reg_local(self, reg, self.num_regs_saved() + local)
    }
    fn mov_reg_local_addr(&mut self, reg: u32, local: u32) {
        AsmXtensa::mov_reg_local_addr(self, reg, self.num_regs_saved() + local)
    }
    fn mov_reg_imm(&mut self, reg: u32, imm: i64) {
        self.mov_reg_i32_optimised(reg, imm as u32)
    }
    fn mov_reg_reg(&mut self, dest: u32, src: u32) {
        self.op_mov_n(dest, src)
    }
    fn mov_reg_pcrel(&mut self, reg: u32, label: usize) {
        AsmXtensa::mov_reg_pcrel(self, reg, label)
    }
    fn clr_reg(&mut self, reg: u32) {
        self.op_movi_n(reg, 0)
    }
    fn not_reg(&mut self, _reg: u32) -> bool {
        false
    }
    fn neg_reg(&mut self, reg: u32) {
        self.op_neg(reg, reg)
    }
    fn alu(&mut self, op: Alu, dest: u32, src: u32) {
        match op {
            Alu::Or => self.op_or(dest, dest, src),
            Alu::Xor => self.op_xor(dest, dest, src),
            Alu::And => self.op_and(dest, dest, src),
            Alu::Add => self.op_add_n(dest, dest, src),
            Alu::Sub => self.op_sub(dest, dest, src),
            Alu::Mul => self.op_mull(dest, dest, src),
        }
    }
    fn shift(&mut self, op: Shift, reg: u32, amount: u32) {
        match op {
            Shift::Lsl => {
                self.op_ssl(amount);
                self.op_sll(reg, reg);
            }
            Shift::Lsr => {
                self.op_ssr(amount);
                self.op_srl(reg, reg);
            }
            Shift::Asr => {
                self.op_ssr(amount);
                self.op_sra(reg, reg);
            }
        }
    }
    fn compare(&mut self, op_idx: usize, dest: u32, lhs: u32, rhs: u32) {
        // LESS, MORE, EQUAL, LESS_EQUAL, MORE_EQUAL, NOT_EQUAL (unsigned, then signed); MORE
        // and LESS_EQUAL swap the operands
        const SWAP: u32 = 0x80;
        const CCS: [u32; 12] = [
            xt::CC_LTU,
            SWAP | xt::CC_LTU,
            xt::CC_EQ,
            SWAP | xt::CC_GEU,
            xt::CC_GEU,
            xt::CC_NE,
            xt::CC_LT,
            SWAP | xt::CC_LT,
            xt::CC_EQ,
            SWAP | xt::CC_GE,
            xt::CC_GE,
            xt::CC_NE,
        ];
        let cc = CCS[op_idx];
        if cc & SWAP == 0 {
            self.setcc_reg_reg_reg(cc, dest, lhs, rhs);
        } else {
            self.setcc_reg_reg_reg(cc & !SWAP, dest, rhs, lhs);
        }
    }
    fn load_reg_reg_offset(&mut self, dest: u32, base: u32, word_offset: u32) {
        AsmXtensa::load_reg_reg_offset(self, dest, base, word_offset, 2)
    }
    fn store_reg_reg_offset(&mut self, src: u32, base: u32, word_offset: u32) {
        AsmXtensa::store_reg_reg_offset(self, src, base, word_offset, 2)
    }
    fn load_sized(&mut self, size_log2: u32, dest: u32, base: u32, index: u32) {
        AsmXtensa::load_reg_reg_offset(self, dest, base, index, size_log2)
    }
    fn store_sized(&mut self, size_log2: u32, src: u32, base: u32, index: u32) {
        AsmXtensa::store_reg_reg_offset(self, src, base, index, size_log2)
    }
    fn load_indexed(&mut self, size_log2: u32, dest: u32, base: u32, index_reg: u32) {
        match size_log2 {
            0 => {
                self.op_add_n(base, index_reg, base);
                self.op_l8ui(dest, base, 0);
            }
            1 => {
                self.op_addx2(base, index_reg, base);
                self.op_l16ui(dest, base, 0);
            }
            _ => {
                self.op_addx4(base, index_reg, base);
                self.op_l32i_n(dest, base, 0);
            }
        }
    }
    fn store_indexed(&mut self, size_log2: u32, src: u32, base: u32, index_reg: u32) {
        match size_log2 {
            0 => {
                self.op_add_n(base, index_reg, base);
                self.op_s8i(src, base, 0);
            }
            1 => {
                self.op_addx2(base, index_reg, base);
                self.op_s16i(src, base, 0);
            }
            _ => {
                self.op_addx4(base, index_reg, base);
                self.op_s32i_n(src, base, 0);
            }
        }
    }
}

impl NativeAsm for AsmX64 {
    fn regs(&self) -> Regs {
        X64_REGS
    }
    fn word_size(&self) -> u32 {
        8
    }
    fn is_x86(&self) -> bool {
        true
    }
    fn nlr_buf_idx_local_1(&self) -> u32 {
        5 // rbx
    }
    fn nlr_buf_num_regs(&self) -> u32 {
        10 // Windows x64 saves more than System V (8): mpy-cross sizes for both
    }
    fn base(&self) -> &AsmBase {
        &self.base
    }
    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }
    fn entry(&mut self, num_locals: u32) {
        AsmX64::entry(self, num_locals)
    }
    fn exit(&mut self) {
        AsmX64::exit(self)
    }
    fn jump(&mut self, label: usize) {
        self.jmp_label(label)
    }
    fn jump_if_reg_zero(&mut self, reg: u32, label: usize, bool_test: bool) {
        if bool_test {
            self.test_r8_with_r8(reg, reg);
        } else {
            self.test_r64_with_r64(reg, reg);
        }
        self.jcc_label(x64::CC_E, label);
    }
    fn jump_if_reg_nonzero(&mut self, reg: u32, label: usize, bool_test: bool) {
        if bool_test {
            self.test_r8_with_r8(reg, reg);
        } else {
            self.test_r64_with_r64(reg, reg);
        }
        self.jcc_label(x64::CC_NE, label);
    }
    fn jump_if_reg_eq(&mut self, reg1: u32, reg2: u32, label: usize) {
        self.cmp_r64_with_r64(reg1, reg2);
        self.jcc_label(x64::CC_E, label);
    }
    fn jump_reg(&mut self, reg: u32) {
        self.jmp_reg(reg)
    }
    fn call_ind(&mut self, idx: u32) {
        AsmX64::call_ind(self, idx, x64::RAX)
    }
    fn mov_local_reg(&mut self, local: u32, reg: u32) {
        self.mov_r64_to_local(reg, local)
    }
    fn mov_reg_local(&mut self, reg: u32, local: u32) {
        self.mov_local_to_r64(local, reg)
    }
    fn mov_reg_local_addr(&mut self, reg: u32, local: u32) {
        self.mov_local_addr_to_r64(local, reg)
    }
    fn mov_reg_imm(&mut self, reg: u32, imm: i64) {
        self.mov_i64_to_r64_optimised(imm, reg)
    }
    fn mov_reg_reg(&mut self, dest: u32, src: u32) {
        self.mov_r64_r64(dest, src)
    }
    fn mov_reg_pcrel(&mut self, reg: u32, label: usize) {
        AsmX64::mov_reg_pcrel(self, reg, label)
    }
    fn clr_reg(&mut self, reg: u32) {
        self.xor_r64_r64(reg, reg)
    }
    fn not_reg(&mut self, reg: u32) -> bool {
        self.not_r64(reg);
        true
    }
    fn neg_reg(&mut self, reg: u32) {
        self.neg_r64(reg)
    }
    fn alu(&mut self, op: Alu, dest: u32, src: u32) {
        match op {
            Alu::Or => self.or_r64_r64(dest, src),
            Alu::Xor => self.xor_r64_r64(dest, src),
            Alu::And => self.and_r64_r64(dest, src),
            Alu::Add => self.add_r64_r64(dest, src),
            Alu::Sub => self.sub_r64_r64(dest, src),
            Alu::Mul => self.mul_r64_r64(dest, src),
        }
    }
    fn shift(&mut self, op: Shift, reg: u32, _amount: u32) {
        match op {
            Shift::Lsl => self.shl_r64_cl(reg),
            Shift::Lsr => self.shr_r64_cl(reg),
            Shift::Asr => self.sar_r64_cl(reg),
        }
    }
    fn compare(&mut self, op_idx: usize, dest: u32, lhs: u32, rhs: u32) {
        const CCS: [u32; 12] = [
            x64::CC_B,
            x64::CC_A,
            x64::CC_E,
            x64::CC_BE,
            x64::CC_AE,
            x64::CC_NE,
            x64::CC_L,
            x64::CC_G,
            x64::CC_E,
            x64::CC_LE,
            x64::CC_GE,
            x64::CC_NE,
        ];
        self.xor_r64_r64(dest, dest);
        self.cmp_r64_with_r64(rhs, lhs);
        self.setcc_r8(CCS[op_idx], dest);
    }
    fn load_reg_reg_offset(&mut self, dest: u32, base: u32, word_offset: u32) {
        self.mov_mem64_to_r64(base, 8 * word_offset as i32, dest)
    }
    fn store_reg_reg_offset(&mut self, src: u32, base: u32, word_offset: u32) {
        self.mov_r64_to_mem64(src, base, 8 * word_offset as i32)
    }
    fn load_sized(&mut self, size_log2: u32, dest: u32, base: u32, index: u32) {
        let disp = (index as i32) << size_log2;
        match size_log2 {
            0 => self.mov_mem8_to_r64zx(base, disp, dest),
            1 => self.mov_mem16_to_r64zx(base, disp, dest),
            _ => self.mov_mem32_to_r64zx(base, disp, dest),
        }
    }
    fn store_sized(&mut self, size_log2: u32, src: u32, base: u32, index: u32) {
        let disp = (index as i32) << size_log2;
        match size_log2 {
            0 => self.mov_r8_to_mem8(src, base, disp),
            1 => self.mov_r16_to_mem16(src, base, disp),
            _ => self.mov_r32_to_mem32(src, base, disp),
        }
    }
    fn load_indexed(&mut self, size_log2: u32, dest: u32, base: u32, index_reg: u32) {
        for _ in 0..1 << size_log2 {
            self.add_r64_r64(base, index_reg);
        }
        self.load_sized(size_log2, dest, base, 0);
    }
    fn store_indexed(&mut self, size_log2: u32, src: u32, base: u32, index_reg: u32) {
        for _ in 0..1 << size_log2 {
            self.add_r64_r64(base, index_reg);
        }
        self.store_sized(size_log2, src, base, 0);
    }
}

impl NativeAsm for AsmThumb {
    fn regs(&self) -> Regs {
        THUMB_REGS
    }
    fn word_size(&self) -> u32 {
        4
    }
    fn is_x86(&self) -> bool {
        false
    }
    fn nlr_buf_idx_local_1(&self) -> u32 {
        3 // r4
    }
    fn nlr_buf_num_regs(&self) -> u32 {
        // (with the floating-point registers on every Cortex-M: the code runs on any of them)
        16
    }
    fn base(&self) -> &AsmBase {
        &self.base
    }
    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }
    fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }
    fn entry(&mut self, num_locals: u32) {
        AsmThumb::entry(self, num_locals)
    }
    fn exit(&mut self) {
        AsmThumb::exit(self)
    }
    fn jump(&mut self, label: usize) {
        self.b_label(label)
    }
    fn jump_if_reg_zero(&mut self, reg: u32, label: usize, _bool_test: bool) {
        self.cmp_rlo_i8(reg, 0);
        self.bcc_label(thumb::CC_EQ, label);
    }
    fn jump_if_reg_nonzero(&mut self, reg: u32, label: usize, _bool_test: bool) {
        self.cmp_rlo_i8(reg, 0);
        self.bcc_label(thumb::CC_NE, label);
    }
    fn jump_if_reg_eq(&mut self, reg1: u32, reg2: u32, label: usize) {
        self.cmp_rlo_rlo(reg1, reg2);
        self.bcc_label(thumb::CC_EQ, label);
    }
    fn jump_reg(&mut self, reg: u32) {
        self.bx_reg(reg)
    }
    fn call_ind(&mut self, idx: u32) {
        self.bl_ind(idx, thumb::R3)
    }
    fn call_ind_4_args(&mut self, idx: u32) {
        self.bl_ind(idx, thumb::R4)
    }
    fn mov_local_reg(&mut self, local: u32, reg: u32) {
        AsmThumb::mov_local_reg(self, local, reg)
    }
    fn mov_reg_local(&mut self, reg: u32, local: u32) {
        AsmThumb::mov_reg_local(self, reg, local)
    }
    fn mov_reg_local_addr(&mut self, reg: u32, local: u32) {
        AsmThumb::mov_reg_local_addr(self, reg, local)
    }
    fn mov_reg_imm(&mut self, reg: u32, imm: i64) {
        // (mpy-cross passes the value as a C int)
        self.mov_reg_i32_optimised(reg, imm as i32)
    }
    fn mov_reg_reg(&mut self, dest: u32, src: u32) {
        AsmThumb::mov_reg_reg(self, dest, src)
    }
    fn mov_reg_pcrel(&mut self, reg: u32, label: usize) {
        AsmThumb::mov_reg_pcrel(self, reg, label)
    }
    fn clr_reg(&mut self, reg: u32) {
        self.mov_rlo_i8(reg, 0)
    }
    fn not_reg(&mut self, reg: u32) -> bool {
        self.mvn_rlo_rlo(reg, reg);
        true
    }
    fn neg_reg(&mut self, reg: u32) {
        self.neg_rlo_rlo(reg, reg)
    }
    fn alu(&mut self, op: Alu, dest: u32, src: u32) {
        match op {
            Alu::Or => self.orr_rlo_rlo(dest, src),
            Alu::Xor => self.eor_rlo_rlo(dest, src),
            Alu::And => self.and_rlo_rlo(dest, src),
            Alu::Add => self.add_rlo_rlo_rlo(dest, dest, src),
            Alu::Sub => self.sub_rlo_rlo_rlo(dest, dest, src),
            Alu::Mul => self.mul_rlo_rlo(dest, src),
        }
    }
    fn shift(&mut self, op: Shift, reg: u32, amount: u32) {
        match op {
            Shift::Lsl => self.lsl_rlo_rlo(reg, amount),
            Shift::Lsr => self.lsr_rlo_rlo(reg, amount),
            Shift::Asr => self.asr_rlo_rlo(reg, amount),
        }
    }
    fn compare(&mut self, op_idx: usize, dest: u32, lhs: u32, rhs: u32) {
        const CCS: [u32; 12] = [
            thumb::CC_CC,
            thumb::CC_HI,
            thumb::CC_EQ,
            thumb::CC_LS,
            thumb::CC_CS,
            thumb::CC_NE,
            thumb::CC_LT,
            thumb::CC_GT,
            thumb::CC_EQ,
            thumb::CC_LE,
            thumb::CC_GE,
            thumb::CC_NE,
        ];
        self.setcc(CCS[op_idx], dest, lhs, rhs)
    }
    fn load_reg_reg_offset(&mut self, dest: u32, base: u32, word_offset: u32) {
        AsmThumb::load_reg_reg_offset(self, dest, base, word_offset, 2)
    }
    fn store_reg_reg_offset(&mut self, src: u32, base: u32, word_offset: u32) {
        AsmThumb::store_reg_reg_offset(self, src, base, word_offset, 2)
    }
    fn load_sized(&mut self, size_log2: u32, dest: u32, base: u32, index: u32) {
        AsmThumb::load_reg_reg_offset(self, dest, base, index, size_log2)
    }
    fn store_sized(&mut self, size_log2: u32, src: u32, base: u32, index: u32) {
        AsmThumb::store_reg_reg_offset(self, src, base, index, size_log2)
    }
    fn load_indexed(&mut self, size_log2: u32, dest: u32, base: u32, index_reg: u32) {
        // the scaled index in REG_TEMP2
        match size_log2 {
            0 => self.ldrb_rlo_rlo_rlo(dest, base, index_reg),
            1 => {
                self.lsl_rlo_rlo_i5(thumb::R2, index_reg, 1);
                self.ldrh_rlo_rlo_rlo(dest, base, thumb::R2);
            }
            _ => {
                self.lsl_rlo_rlo_i5(thumb::R2, index_reg, 2);
                self.ldr_rlo_rlo_rlo(dest, base, thumb::R2);
            }
        }
    }
    fn store_indexed(&mut self, size_log2: u32, src: u32, base: u32, index_reg: u32) {
        // the index register scaled in place, saved around the store
        match size_log2 {
            0 => self.strb_rlo_rlo_rlo(src, base, index_reg),
            1 => {
                self.push(1 << index_reg);
                self.lsl_rlo_rlo_i5(index_reg, index_reg, 1);
                self.strh_rlo_rlo_rlo(src, base, index_reg);
                self.pop(1 << index_reg);
            }
            _ => {
                self.push(1 << index_reg);
                self.lsl_rlo_rlo_i5(index_reg, index_reg, 2);
                self.str_rlo_rlo_rlo(src, base, index_reg);
                self.pop(1 << index_reg);
            }
        }
    }
}
