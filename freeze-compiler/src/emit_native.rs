//! The native emitter (`@micropython.native` functions): turns the code generator's calls into
//! machine code through an assembler, as MicroPython's `py/emitnative.c` does, so that the
//! bytes are mpy-cross's. It keeps MicroPython's model: a virtual stack whose entries are held
//! in registers, as immediates or in the C-stack frame, settled to the frame before jumps,
//! labels and calls; runtime operations are calls through the native function table
//! (`mp_fun_table`, `py/nativeglue.h`).
//!
//! So far: xtensa (call0 ABI, the ESP8266), non-generator functions without exception
//! handlers, closures or nested functions, and without viper types. Anything else sets
//! [`NativeEmitter::error`] ("not supported yet by mpy-freeze: ..."), which the code generator
//! turns into a compile error: never wrong bytes.
//!
//! [`Emitters`] puts this emitter and the bytecode emitter behind one [`Emitter`], switched per
//! scope by the code generator.

use crate::asm_xtensa::{self as x, AsmXtensa};
use crate::constant::Const;
use crate::emit::*;

// Indices into mp_fun_table (`mp_fun_kind_t`).
const F_CONST_NONE_OBJ: u32 = 0;
const F_CONST_FALSE_OBJ: u32 = 1;
const F_NATIVE_SWAP_GLOBALS: u32 = 5;
const F_LOAD_NAME: u32 = 6;
const F_LOAD_GLOBAL: u32 = 7;
const F_LOAD_BUILD_CLASS: u32 = 8;
const F_LOAD_ATTR: u32 = 9;
const F_LOAD_METHOD: u32 = 10;
const F_STORE_NAME: u32 = 12;
const F_STORE_GLOBAL: u32 = 13;
const F_STORE_ATTR: u32 = 14;
const F_OBJ_SUBSCR: u32 = 15;
const F_OBJ_IS_TRUE: u32 = 16;
const F_UNARY_OP: u32 = 17;
const F_BINARY_OP: u32 = 18;
const F_BUILD_TUPLE: u32 = 19;
const F_STORE_MAP: u32 = 25;
const F_NATIVE_CALL_FUNCTION_N_KW: u32 = 27;
const F_CALL_METHOD_N_KW: u32 = 28;
const F_CALL_METHOD_N_KW_VAR: u32 = 29;
const F_NATIVE_GETITER: u32 = 30;
const F_NATIVE_ITERNEXT: u32 = 31;
const F_NLR_PUSH: u32 = 32;
const F_NLR_POP: u32 = 33;
const F_NATIVE_RAISE: u32 = 34;
const F_IMPORT_NAME: u32 = 35;
const F_IMPORT_FROM: u32 = 36;
const F_NEW_SLICE: u32 = 38;
const F_UNPACK_SEQUENCE: u32 = 39;
const F_DELETE_NAME: u32 = 41;
const F_DELETE_GLOBAL: u32 = 42;
const F_SETUP_CODE_STATE: u32 = 45;

// Word offsets of the C structures the code reads (the same on every target).
const SIZEOF_CODE_STATE: u32 = 5;
const OFFSETOF_CODE_STATE_FUN_BC: u32 = 0;
const OFFSETOF_CODE_STATE_IP: u32 = 1;
const OFFSETOF_CODE_STATE_N_STATE: u32 = 3;
const OFFSETOF_OBJ_FUN_BC_CONTEXT: u32 = 1;
const OFFSETOF_MODULE_CONTEXT_GLOBALS: u32 = 1;
const OFFSETOF_MODULE_CONTEXT_QSTR_TABLE: u32 = 2;
const OFFSETOF_MODULE_CONTEXT_OBJ_TABLE: u32 = 3;
/// `nlr_buf_t` in words for xtensa: 2 + 10 registers + 1 (mpy-cross's conservative size).
const SIZEOF_NLR_BUF: u32 = 2 + 10 + 1;
const NLR_BUF_IDX_RET_VAL: u32 = 1;
const LOCAL_IDX_EXC_VAL: u32 = NLR_BUF_IDX_RET_VAL;
const LOCAL_IDX_RET_VAL: u32 = SIZEOF_NLR_BUF;

const MP_OBJ_SENTINEL: u32 = 4;
const ITER_BUF_NSLOTS: usize = 4;

// Registers (xtensa, call0).
const REG_RET: u32 = x::A2;
const REG_ARG_1: u32 = x::A2;
const REG_ARG_2: u32 = x::A3;
const REG_ARG_3: u32 = x::A4;
const REG_TEMP0: u32 = x::A2;
const REG_TEMP1: u32 = x::A3;
const REG_TEMP2: u32 = x::A4;
const REG_PARENT_RET: u32 = REG_RET;
const REG_PARENT_ARG_1: u32 = REG_ARG_1;
const REG_LOCAL_1: u32 = x::A12;
const REG_LOCAL_2: u32 = x::A13;
const REG_QSTR_TABLE: u32 = x::A14;
const REG_FUN_TABLE: u32 = x::REG_FUN_TABLE;
const MAX_REGS_FOR_LOCAL_VARS: usize = 2;
const REG_LOCAL_TABLE: [u32; MAX_REGS_FOR_LOCAL_VARS] = [REG_LOCAL_1, REG_LOCAL_2];

/// Scope flag: the function refers to globals (compile.c sets it; the native code then swaps
/// globals and wraps itself in an nlr context).
pub const SCOPE_FLAG_REFGLOBALS: u32 = 0x10;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum VType {
    PyObj,
    Bool,
    Int,
    PtrNone,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Value,
    Reg(u32),
    Imm(i64),
}

#[derive(Clone, Copy, Debug)]
struct StackInfo {
    vtype: VType,
    kind: Kind,
}

/// What the finished native scope is: its bytes and where the prelude starts.
pub struct NativeCode {
    pub code: Vec<u8>,
    pub prelude_offset: usize,
}

/// MicroPython's native emitter for one architecture (xtensa so far).
pub struct NativeEmitter {
    pub common: EmitCommon,
    pub asm: AsmXtensa,
    pass: Pass,
    /// Virtual stack entries; the first `sp` are live (entries above keep what they held, as
    /// MicroPython relies on when it pops and pushes back).
    stack: Vec<StackInfo>,
    sp: usize,
    max_stack: usize,
    saved_stack_vtype: VType,
    /// Labels the emitter uses itself start here (after the code generator's).
    label_base: usize,
    exit_label: usize,
    num_locals: usize,
    n_state: usize,
    code_state_start: u32,
    stack_start: u32,
    scope_flags: u32,
    num_pos_args: usize,
    num_kwonly_args: usize,
    num_def_pos_args: usize,
    simple_name: String,
    arg_names: Vec<String>,
    prelude_offset: usize,
    prelude_ptr_index: usize,
    n_info: usize,
    n_cell: usize,
    children: usize,
    /// The first construct this emitter cannot compile yet.
    pub error: Option<String>,
    pub finished: Option<NativeCode>,
}

impl NativeEmitter {
    pub fn new(common: EmitCommon, max_labels: usize) -> Self {
        NativeEmitter {
            common,
            asm: AsmXtensa::new(max_labels + 6),
            pass: Pass::StackSize,
            stack: Vec::new(),
            sp: 0,
            max_stack: 0,
            saved_stack_vtype: VType::PyObj,
            label_base: max_labels,
            exit_label: max_labels,
            num_locals: 0,
            n_state: 0,
            code_state_start: 0,
            stack_start: 0,
            scope_flags: 0,
            num_pos_args: 0,
            num_kwonly_args: 0,
            num_def_pos_args: 0,
            simple_name: String::new(),
            arg_names: Vec::new(),
            prelude_offset: 0,
            prelude_ptr_index: 0,
            n_info: 0,
            n_cell: 0,
            children: 0,
            error: None,
            finished: None,
        }
    }

    fn unsupported(&mut self, what: &str) {
        if self.error.is_none() {
            self.error = Some(format!("not supported yet by mpy-freeze: {} in native code", what));
        }
    }

    fn need_global_exc_handler(&self) -> bool {
        self.scope_flags & (SCOPE_FLAG_GENERATOR | SCOPE_FLAG_REFGLOBALS) != 0
    }

    fn local_idx_fun_obj(&self) -> u32 {
        self.code_state_start + OFFSETOF_CODE_STATE_FUN_BC
    }

    fn local_idx_old_globals(&self) -> u32 {
        self.code_state_start + OFFSETOF_CODE_STATE_IP
    }

    fn local_idx_local_var(&self, local_num: usize) -> u32 {
        self.stack_start + self.n_state as u32 - 1 - local_num as u32
    }

    // ------------------------------------------------------------------ asm helpers

    fn mov_local_reg(&mut self, local: u32, reg: u32) {
        self.asm.mov_local_reg(x::NUM_REGS_SAVED + local, reg);
    }
    fn mov_reg_local(&mut self, reg: u32, local: u32) {
        self.asm.mov_reg_local(reg, x::NUM_REGS_SAVED + local);
    }
    fn mov_reg_local_addr(&mut self, reg: u32, local: u32) {
        self.asm.mov_reg_local_addr(reg, x::NUM_REGS_SAVED + local);
    }
    fn load_reg_reg_offset(&mut self, dest: u32, base: u32, word: u32) {
        self.asm.load_reg_reg_offset(dest, base, word, 2);
    }
    fn mov_reg_imm(&mut self, reg: u32, imm: u32) {
        self.asm.mov_reg_i32_optimised(reg, imm);
    }
    fn call_ind(&mut self, idx: u32) {
        self.asm.call_ind(idx);
    }
    fn mov_reg_const(&mut self, reg: u32, idx: u32) {
        self.load_reg_reg_offset(reg, REG_FUN_TABLE, idx);
    }
    fn mov_reg_qstr(&mut self, reg: u32, q: &[u8]) {
        let i = self.common.use_qstr(q) as u32;
        self.asm.load_reg_reg_offset(reg, REG_QSTR_TABLE, i, 1);
    }

    // ------------------------------------------------------------------ virtual stack

    fn adjust_stack(&mut self, delta: i32) {
        let n = (self.sp as i32 + delta).max(0) as usize;
        self.sp = n;
        self.ensure_stack(n);
        if self.pass > Pass::Scope && n > self.max_stack {
            self.max_stack = n;
        }
    }

    fn ensure_stack(&mut self, n: usize) {
        if self.stack.len() < n {
            self.stack.resize(n, StackInfo { vtype: VType::PyObj, kind: Kind::Value });
        }
    }

    fn push(&mut self, si: StackInfo) {
        self.ensure_stack(self.sp + 1);
        self.stack[self.sp] = si;
        self.adjust_stack(1);
    }

    fn need_reg_single(&mut self, reg: u32, skip_pos: usize) {
        let skip = self.sp as isize - skip_pos as isize;
        for i in 0..self.sp {
            if i as isize != skip {
                if let Kind::Reg(r) = self.stack[i].kind {
                    if r == reg {
                        self.stack[i].kind = Kind::Value;
                        self.mov_local_reg(self.stack_start + i as u32, r);
                    }
                }
            }
        }
    }

    fn need_reg_all(&mut self) {
        for i in 0..self.sp {
            if let Kind::Reg(r) = self.stack[i].kind {
                self.stack[i].kind = Kind::Value;
                self.mov_local_reg(self.stack_start + i as u32, r);
            }
        }
    }

    fn load_reg_stack_imm(&mut self, reg: u32, si: StackInfo) -> VType {
        let Kind::Imm(imm) = si.kind else { unreachable!() };
        match si.vtype {
            VType::PyObj => self.mov_reg_imm(reg, imm as u32),
            VType::Bool => self.mov_reg_const(reg, F_CONST_FALSE_OBJ + imm as u32),
            VType::Int => self.mov_reg_imm(reg, ((imm << 1) | 1) as u32),
            VType::PtrNone => self.mov_reg_const(reg, F_CONST_NONE_OBJ),
        }
        VType::PyObj
    }

    fn need_stack_settled(&mut self) {
        self.need_reg_all();
        for i in 0..self.sp {
            let si = self.stack[i];
            if let Kind::Imm(_) = si.kind {
                self.stack[i].kind = Kind::Value;
                self.stack[i].vtype = self.load_reg_stack_imm(REG_TEMP1, si);
                self.mov_local_reg(self.stack_start + i as u32, REG_TEMP1);
            }
        }
    }

    /// pos 1 is the top.
    fn access_stack(&mut self, pos: usize, reg: u32) -> VType {
        if self.sp < pos {
            // only after a construct refused already (its stack effects are not modelled)
            self.unsupported("this construct");
            return VType::PyObj;
        }
        self.need_reg_single(reg, pos);
        let i = self.sp - pos;
        let si = self.stack[i];
        match si.kind {
            Kind::Value => {
                self.mov_reg_local(reg, self.stack_start + i as u32);
                si.vtype
            }
            Kind::Reg(r) => {
                if r != reg {
                    self.asm.op_mov_n(reg, r);
                }
                si.vtype
            }
            Kind::Imm(_) => self.load_reg_stack_imm(reg, si),
        }
    }

    fn pre_pop_reg_flexible(&mut self, reg: u32, not1: u32, not2: u32) -> (VType, u32) {
        if self.sp == 0 {
            self.unsupported("this construct");
            return (VType::PyObj, reg);
        }
        let si = self.stack[self.sp - 1];
        let out = match si.kind {
            Kind::Reg(r) if r != not1 && r != not2 => {
                self.need_reg_single(r, 1);
                (si.vtype, r)
            }
            _ => (self.access_stack(1, reg), reg),
        };
        self.adjust_stack(-1);
        out
    }

    fn pre_pop_reg(&mut self, reg: u32) -> VType {
        let v = self.access_stack(1, reg);
        self.adjust_stack(-1);
        v
    }

    fn post_push_reg(&mut self, vtype: VType, reg: u32) {
        self.push(StackInfo { vtype, kind: Kind::Reg(reg) });
    }

    fn post_push_imm(&mut self, vtype: VType, imm: i64) {
        self.push(StackInfo { vtype, kind: Kind::Imm(imm) });
    }

    fn call(&mut self, f: u32) {
        self.need_reg_all();
        self.call_ind(f);
    }

    fn call_with_imm_arg(&mut self, f: u32, arg: u32, reg: u32) {
        self.need_reg_all();
        self.mov_reg_imm(reg, arg);
        self.call_ind(f);
    }

    fn call_with_2_imm_args(&mut self, f: u32, a1: u32, r1: u32, a2: u32, r2: u32) {
        self.need_reg_all();
        self.mov_reg_imm(r1, a1);
        self.mov_reg_imm(r2, a2);
        self.call_ind(f);
    }

    fn call_with_qstr_arg(&mut self, f: u32, q: &[u8], reg: u32) {
        self.need_reg_all();
        self.mov_reg_qstr(reg, q);
        self.call_ind(f);
    }

    fn get_stack_pointer_to_reg_for_pop(&mut self, reg: u32, n_pop: usize) {
        self.need_reg_all();
        let len = self.sp;
        let n_pop = if n_pop > len {
            self.unsupported("this construct");
            len
        } else {
            n_pop
        };
        for i in 0..n_pop {
            let idx = len - 1 - i;
            let si = self.stack[idx];
            if let Kind::Imm(_) = si.kind {
                self.stack[idx].kind = Kind::Value;
                self.stack[idx].vtype = self.load_reg_stack_imm(reg, si);
                self.mov_local_reg(self.stack_start + idx as u32, reg);
            }
        }
        // (values are Python objects: viper types are not supported yet)
        self.adjust_stack(-(n_pop as i32));
        let at = self.stack_start + self.sp as u32;
        self.mov_reg_local_addr(reg, at);
    }

    fn get_stack_pointer_to_reg_for_push(&mut self, reg: u32, n_push: usize) {
        self.need_reg_all();
        self.ensure_stack(self.sp + n_push);
        for i in 0..n_push {
            self.stack[self.sp + i] = StackInfo { vtype: VType::PyObj, kind: Kind::Value };
        }
        let at = self.stack_start + self.sp as u32;
        self.mov_reg_local_addr(reg, at);
        self.adjust_stack(n_push as i32);
    }

    fn load_reg_with_object(&mut self, reg: u32, c: &Const) {
        let off = self.common.use_const(c) as u32;
        self.mov_reg_local(REG_TEMP0, self.local_idx_fun_obj());
        self.load_reg_reg_offset(REG_TEMP0, REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.load_reg_reg_offset(REG_TEMP0, REG_TEMP0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        self.load_reg_reg_offset(reg, REG_TEMP0, off);
    }

    fn label_assign_internal(&mut self, l: usize) {
        self.need_stack_settled();
        self.asm.label_assign(l);
    }

    // ------------------------------------------------------------------ entry and exit

    fn global_exc_entry(&mut self) {
        self.exit_label = self.label_base;
        if !self.need_global_exc_handler() {
            return;
        }
        let start_label = self.label_base + 2;
        // set new globals
        self.mov_reg_local(REG_ARG_1, self.local_idx_fun_obj());
        self.load_reg_reg_offset(REG_ARG_1, REG_ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.load_reg_reg_offset(REG_ARG_1, REG_ARG_1, OFFSETOF_MODULE_CONTEXT_GLOBALS);
        self.call(F_NATIVE_SWAP_GLOBALS);
        self.mov_local_reg(self.local_idx_old_globals(), REG_RET);
        // if the globals did not change, no nlr context
        self.asm.bccz_reg_label(x::CCZ_EQ, REG_RET, start_label);
        self.mov_reg_local_addr(REG_ARG_1, 0);
        self.call(F_NLR_PUSH);
        self.asm.bccz_reg_label(x::CCZ_EQ, REG_RET, start_label);
        // an exception: restore the globals and raise it again
        self.mov_reg_local(REG_ARG_1, self.local_idx_old_globals());
        self.call(F_NATIVE_SWAP_GLOBALS);
        self.mov_reg_local(REG_ARG_1, LOCAL_IDX_EXC_VAL);
        self.call(F_NATIVE_RAISE);
        self.label_assign_internal(start_label);
    }

    fn global_exc_exit(&mut self) {
        self.label_assign_internal(self.exit_label);
        if self.need_global_exc_handler() {
            self.mov_reg_local(REG_ARG_1, self.local_idx_old_globals());
            self.asm.bccz_reg_label(x::CCZ_EQ, REG_ARG_1, self.exit_label + 1);
            self.call(F_NATIVE_SWAP_GLOBALS);
            self.call(F_NLR_POP);
            self.label_assign_internal(self.exit_label + 1);
            self.mov_reg_local(REG_PARENT_RET, LOCAL_IDX_RET_VAL);
        }
        self.asm.exit();
    }

    fn can_use_regs_for_locals(&self) -> bool {
        self.scope_flags & SCOPE_FLAG_GENERATOR == 0
    }

    fn write_prelude(&mut self) {
        // signature: n_state, n_exc_stack (0 for native code), flags, args
        let mut s = self.n_state.max(1) - 1;
        let mut e = 0usize;
        let mut f = (self.scope_flags & 0x0f) as usize;
        let mut a = self.num_pos_args;
        let mut k = self.num_kwonly_args;
        let mut d = self.num_def_pos_args;
        let mut z = ((s & 0xf) << 3 | (e & 1) << 2 | (a & 3)) as u8;
        s >>= 4;
        e >>= 1;
        a >>= 2;
        while (s | e | f | a | k | d) != 0 {
            self.asm.data(1, (0x80 | z) as u64);
            z = ((f & 1) << 6 | (s & 3) << 4 | (k & 1) << 3 | (a & 1) << 2 | (e & 1) << 1 | (d & 1)) as u8;
            s >>= 2;
            e >>= 1;
            f >>= 1;
            a >>= 1;
            k >>= 1;
            d >>= 1;
        }
        self.asm.data(1, z as u64);
        // size: n_info, n_cell (from the previous pass)
        let mut i = self.n_info;
        let mut c = self.n_cell;
        loop {
            let mut z = ((i & 0x3f) << 1 | (c & 1)) as u8;
            c >>= 1;
            i >>= 6;
            if (c | i) != 0 {
                z |= 0x80;
            }
            self.asm.data(1, z as u64);
            if (c | i) == 0 {
                break;
            }
        }
        let info_start = self.asm.offset;
        let mut names = vec![self.simple_name.clone()];
        names.extend(self.arg_names.iter().cloned());
        for n in names {
            let q = self.common.use_qstr(n.as_bytes());
            for b in encode_uint(q) {
                self.asm.data(1, b as u64);
            }
        }
        self.n_info = (self.asm.offset - info_start) as usize;
        self.n_cell = 0;
    }
}

impl Emitter for NativeEmitter {
    fn start_pass(&mut self, pass: Pass, sig: &ScopeSig, stack_size: usize) {
        self.pass = pass;
        self.sp = 0;
        for si in self.stack.iter_mut() {
            *si = StackInfo { vtype: VType::PyObj, kind: Kind::Value };
        }
        self.max_stack = stack_size;
        self.num_locals = sig.n_state - stack_size;
        self.n_state = sig.n_state;
        self.scope_flags = sig.scope_flags;
        self.num_pos_args = sig.num_pos_args;
        self.num_kwonly_args = sig.num_kwonly_args;
        self.num_def_pos_args = sig.num_def_pos_args;
        self.simple_name = sig.simple_name.to_string();
        self.arg_names = sig.arg_names.clone();
        self.children = 0;
        if pass == Pass::Emit {
            self.finished = None;
        }
        if sig.scope_flags & (SCOPE_FLAG_GENERATOR | SCOPE_FLAG_VARARGS | SCOPE_FLAG_VARKEYWORDS) != 0 {
            // (varargs are fine for mp_setup_code_state, but not checked yet)
            if sig.scope_flags & SCOPE_FLAG_GENERATOR != 0 {
                self.unsupported("a generator");
            }
        }
        if sig.n_exc_stack > 0 {
            self.unsupported("an exception handler (try/with)");
        }
        self.asm.start_pass(pass == Pass::Emit);

        self.code_state_start = 0;
        if self.need_global_exc_handler() {
            // nlr_buf_t, return value
            self.code_state_start = SIZEOF_NLR_BUF + 1;
        }
        let fun_table_off = self.common.use_fun_table() as u32;

        // first word: index of the prelude pointer in the child table
        self.asm.data(4, self.prelude_ptr_index as u64);
        self.stack_start = self.code_state_start + SIZEOF_CODE_STATE;
        self.asm.entry(self.stack_start + self.n_state as u32);
        self.load_reg_reg_offset(REG_FUN_TABLE, REG_PARENT_ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.load_reg_reg_offset(REG_QSTR_TABLE, REG_FUN_TABLE, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
        self.load_reg_reg_offset(REG_FUN_TABLE, REG_FUN_TABLE, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        self.load_reg_reg_offset(REG_FUN_TABLE, REG_FUN_TABLE, fun_table_off);
        self.mov_local_reg(self.local_idx_fun_obj(), REG_PARENT_ARG_1);
        let n_state_idx = self.code_state_start + OFFSETOF_CODE_STATE_N_STATE;
        self.mov_reg_imm(REG_ARG_1, self.n_state as u32);
        self.mov_local_reg(n_state_idx, REG_ARG_1);
        self.mov_reg_local_addr(REG_ARG_1, self.code_state_start);
        self.call_ind(F_SETUP_CODE_STATE);

        self.global_exc_entry();

        if self.can_use_regs_for_locals() {
            for i in 0..MAX_REGS_FOR_LOCAL_VARS.min(self.num_locals) {
                let idx = self.local_idx_local_var(i);
                self.mov_reg_local(REG_LOCAL_TABLE[i], idx);
            }
        }
    }

    fn end_pass(&mut self, cells: &[usize]) -> bool {
        if !cells.is_empty() {
            self.unsupported("a closure (a variable used by an inner function)");
        }
        self.global_exc_exit();
        self.prelude_offset = self.asm.offset as usize;
        self.prelude_ptr_index = self.children;
        self.write_prelude();
        self.asm.end_pass();
        if self.pass == Pass::Emit {
            if let Some(e) = self.asm.error.take() {
                self.unsupported(&e);
            }
            self.finished = Some(NativeCode { code: std::mem::take(&mut self.asm.code), prelude_offset: self.prelude_offset });
        }
        true
    }

    fn pass(&self) -> Pass {
        self.pass
    }

    fn max_stack_size(&self) -> usize {
        self.max_stack
    }

    fn scope_flags_add(&self) -> u32 {
        0
    }

    fn adjust_stack_size(&mut self, delta: i32) {
        // values pushed by a jump to here are settled on the C stack
        if delta > 0 {
            self.ensure_stack(self.sp + delta as usize);
            for i in 0..delta as usize {
                let vtype = if delta == 1 { self.saved_stack_vtype } else { VType::PyObj };
                self.stack[self.sp + i] = StackInfo { vtype, kind: Kind::Value };
            }
        }
        self.adjust_stack(delta);
    }

    fn set_source_line(&mut self, _line: u32) {}

    fn label_assign(&mut self, label: usize) {
        self.label_assign_internal(label);
    }

    fn import_name(&mut self, q: &str) {
        // fromlist, level
        let _ = self.pre_pop_reg(REG_ARG_2);
        let _ = self.pre_pop_reg(REG_ARG_3);
        self.call_with_qstr_arg(F_IMPORT_NAME, q.as_bytes(), REG_ARG_1);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn import_from(&mut self, q: &str) {
        self.access_stack(1, REG_ARG_1);
        self.call_with_qstr_arg(F_IMPORT_FROM, q.as_bytes(), REG_ARG_2);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn import_star(&mut self) {
        self.unsupported("import *");
        self.adjust_stack(-1);
    }

    fn load_const_tok(&mut self, tok: Const) {
        match tok {
            Const::None => self.post_push_imm(VType::PtrNone, 0),
            Const::False => self.post_push_imm(VType::Bool, 0),
            Const::True => self.post_push_imm(VType::Bool, 1),
            other => self.load_const_obj(&other),
        }
    }

    fn load_const_small_int(&mut self, v: i64) {
        self.post_push_imm(VType::Int, v);
    }

    fn load_const_str(&mut self, q: &[u8]) {
        self.need_reg_single(REG_TEMP0, 0);
        self.load_reg_with_object(REG_TEMP0, &Const::Str(q.to_vec()));
        self.post_push_reg(VType::PyObj, REG_TEMP0);
    }

    fn load_const_obj(&mut self, c: &Const) {
        self.need_reg_single(REG_TEMP0, 0);
        self.load_reg_with_object(REG_TEMP0, c);
        self.post_push_reg(VType::PyObj, REG_TEMP0);
    }

    fn load_null(&mut self) {
        self.post_push_imm(VType::PyObj, 0);
    }

    fn local(&mut self, op: IdOp, kind: LocalKind, local_num: usize) {
        if kind == LocalKind::Deref {
            self.unsupported("a closure variable");
            match op {
                IdOp::Load => self.post_push_imm(VType::PyObj, 0),
                IdOp::Store => self.adjust_stack(-1),
                IdOp::Delete => {}
            }
            return;
        }
        let in_reg = local_num < MAX_REGS_FOR_LOCAL_VARS && self.can_use_regs_for_locals();
        match op {
            IdOp::Load => {
                if in_reg {
                    self.post_push_reg(VType::PyObj, REG_LOCAL_TABLE[local_num]);
                } else {
                    self.need_reg_single(REG_TEMP0, 0);
                    let idx = self.local_idx_local_var(local_num);
                    self.mov_reg_local(REG_TEMP0, idx);
                    self.post_push_reg(VType::PyObj, REG_TEMP0);
                }
            }
            IdOp::Store => {
                if in_reg {
                    self.pre_pop_reg(REG_LOCAL_TABLE[local_num]);
                } else {
                    self.pre_pop_reg(REG_TEMP0);
                    let idx = self.local_idx_local_var(local_num);
                    self.mov_local_reg(idx, REG_TEMP0);
                }
            }
            // (MicroPython stores None: not CPython's semantics, but its bytes)
            IdOp::Delete => {
                self.load_const_tok(Const::None);
                self.local(IdOp::Store, kind, local_num);
            }
        }
    }

    fn global(&mut self, op: IdOp, kind: GlobalKind, q: &str) {
        let (load, store) = match kind {
            GlobalKind::Name => (F_LOAD_NAME, F_STORE_NAME),
            GlobalKind::Global => (F_LOAD_GLOBAL, F_STORE_GLOBAL),
        };
        match op {
            IdOp::Load => {
                self.call_with_qstr_arg(load, q.as_bytes(), REG_ARG_1);
                self.post_push_reg(VType::PyObj, REG_RET);
            }
            IdOp::Store => {
                self.pre_pop_reg(REG_ARG_2);
                self.call_with_qstr_arg(store, q.as_bytes(), REG_ARG_1);
            }
            IdOp::Delete => {
                let f = if kind == GlobalKind::Name { F_DELETE_NAME } else { F_DELETE_GLOBAL };
                self.call_with_qstr_arg(f, q.as_bytes(), REG_ARG_1);
            }
        }
    }

    fn load_method(&mut self, q: &str, is_super: bool) {
        if is_super {
            self.unsupported("super()");
            self.adjust_stack(-1);
            return;
        }
        self.pre_pop_reg(REG_ARG_1);
        self.get_stack_pointer_to_reg_for_push(REG_ARG_3, 2);
        self.call_with_qstr_arg(F_LOAD_METHOD, q.as_bytes(), REG_ARG_2);
    }

    fn load_build_class(&mut self) {
        self.call(F_LOAD_BUILD_CLASS);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn subscr(&mut self, op: IdOp) {
        match op {
            IdOp::Load => {
                self.pre_pop_reg(REG_ARG_2);
                self.pre_pop_reg(REG_ARG_1);
                self.call_with_imm_arg(F_OBJ_SUBSCR, MP_OBJ_SENTINEL, REG_ARG_3);
                self.post_push_reg(VType::PyObj, REG_RET);
            }
            IdOp::Store => {
                // index, base, value
                self.pre_pop_reg(REG_ARG_2);
                self.pre_pop_reg(REG_ARG_1);
                self.pre_pop_reg(REG_ARG_3);
                self.call(F_OBJ_SUBSCR);
            }
            IdOp::Delete => {
                self.pre_pop_reg(REG_ARG_2);
                self.pre_pop_reg(REG_ARG_1);
                self.call_with_imm_arg(F_OBJ_SUBSCR, 0, REG_ARG_3);
            }
        }
    }

    fn attr(&mut self, q: &str, op: IdOp) {
        match op {
            IdOp::Load => {
                self.pre_pop_reg(REG_ARG_1);
                self.call_with_qstr_arg(F_LOAD_ATTR, q.as_bytes(), REG_ARG_2);
                self.post_push_reg(VType::PyObj, REG_RET);
            }
            IdOp::Store => {
                self.pre_pop_reg(REG_ARG_1);
                self.pre_pop_reg(REG_ARG_3);
                self.call_with_qstr_arg(F_STORE_ATTR, q.as_bytes(), REG_ARG_2);
            }
            IdOp::Delete => {
                self.pre_pop_reg(REG_ARG_1);
                self.asm.op_movi_n(REG_ARG_3, 0);
                self.call_with_qstr_arg(F_STORE_ATTR, q.as_bytes(), REG_ARG_2);
            }
        }
    }

    fn dup_top(&mut self) {
        let (vtype, reg) = self.pre_pop_reg_flexible(REG_TEMP0, u32::MAX, u32::MAX);
        self.post_push_reg(vtype, reg);
        self.post_push_reg(vtype, reg);
    }

    fn dup_top_two(&mut self) {
        let v0 = self.pre_pop_reg(REG_TEMP0);
        let v1 = self.pre_pop_reg(REG_TEMP1);
        self.post_push_reg(v1, REG_TEMP1);
        self.post_push_reg(v0, REG_TEMP0);
        self.post_push_reg(v1, REG_TEMP1);
        self.post_push_reg(v0, REG_TEMP0);
    }

    fn pop_top(&mut self) {
        self.adjust_stack(-1);
    }

    fn rot_two(&mut self) {
        let v0 = self.pre_pop_reg(REG_TEMP0);
        let v1 = self.pre_pop_reg(REG_TEMP1);
        self.post_push_reg(v0, REG_TEMP0);
        self.post_push_reg(v1, REG_TEMP1);
    }

    fn rot_three(&mut self) {
        let v0 = self.pre_pop_reg(REG_TEMP0);
        let v1 = self.pre_pop_reg(REG_TEMP1);
        let v2 = self.pre_pop_reg(REG_TEMP2);
        self.post_push_reg(v0, REG_TEMP0);
        self.post_push_reg(v2, REG_TEMP2);
        self.post_push_reg(v1, REG_TEMP1);
    }

    fn jump(&mut self, label: usize) {
        self.need_stack_settled();
        self.asm.j_label(label & !BREAK_FROM_FOR);
        self.asm.suppress = true;
    }

    fn pop_jump_if(&mut self, cond: bool, label: usize) {
        self.jump_helper(cond, label, true);
    }

    fn jump_if_or_pop(&mut self, cond: bool, label: usize) {
        self.jump_helper(cond, label, false);
    }

    fn unwind_jump(&mut self, label: usize, except_depth: usize) {
        if except_depth > 0 {
            self.unsupported("a jump out of an exception handler");
        }
        self.jump(label & !BREAK_FROM_FOR);
    }

    fn setup_block(&mut self, _label: usize, _kind: SetupKind) {
        self.unsupported("try/with");
    }

    fn with_cleanup(&mut self, _label: usize) {
        self.unsupported("with");
    }

    fn async_with_setup_finally(&mut self, _a: usize, _b: usize, _c: usize) {
        self.unsupported("async with");
    }

    fn end_finally(&mut self) {
        self.unsupported("finally");
    }

    fn get_iter(&mut self, use_stack: bool) {
        self.pre_pop_reg(REG_ARG_1);
        if use_stack {
            self.get_stack_pointer_to_reg_for_push(REG_ARG_2, ITER_BUF_NSLOTS);
            self.call(F_NATIVE_GETITER);
        } else {
            self.mov_reg_imm(REG_ARG_2, 0);
            self.call(F_NATIVE_GETITER);
            self.post_push_reg(VType::PyObj, REG_RET);
        }
    }

    fn for_iter(&mut self, label: usize) {
        self.get_stack_pointer_to_reg_for_pop(REG_ARG_1, ITER_BUF_NSLOTS);
        self.adjust_stack(ITER_BUF_NSLOTS as i32);
        self.call(F_NATIVE_ITERNEXT);
        self.asm.bccz_reg_label(x::CCZ_EQ, REG_RET, label);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn for_iter_end(&mut self) {
        self.adjust_stack(-(ITER_BUF_NSLOTS as i32));
    }

    fn pop_except_jump(&mut self, label: usize) {
        self.unsupported("except");
        self.jump(label);
    }

    fn unary_op(&mut self, op: u8) {
        self.pre_pop_reg(REG_ARG_2);
        self.call_with_imm_arg(F_UNARY_OP, op as u32, REG_ARG_1);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn binary_op(&mut self, op: u8) {
        use crate::opcode::{BINARY_IN, BINARY_IS, BINARY_IS_NOT, BINARY_NOT_IN, UNARY_NOT};
        self.pre_pop_reg(x::A4); // REG_ARG_3 = rhs
        self.pre_pop_reg(REG_ARG_2); // lhs
        let (op, invert) = match op {
            BINARY_NOT_IN => (BINARY_IN, true),
            BINARY_IS_NOT => (BINARY_IS, true),
            o => (o, false),
        };
        self.call_with_imm_arg(F_BINARY_OP, op as u32, REG_ARG_1);
        if invert {
            self.asm.op_mov_n(REG_ARG_2, REG_RET);
            self.call_with_imm_arg(F_UNARY_OP, UNARY_NOT as u32, REG_ARG_1);
        }
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn build(&mut self, n: usize, kind: BuildKind) {
        if kind == BuildKind::Slice {
            if n == 2 {
                self.pre_pop_reg(REG_ARG_2);
                self.pre_pop_reg(REG_ARG_1);
                self.mov_reg_const(REG_ARG_3, F_CONST_NONE_OBJ);
            } else {
                self.pre_pop_reg(REG_ARG_3);
                self.pre_pop_reg(REG_ARG_2);
                self.pre_pop_reg(REG_ARG_1);
            }
            self.call(F_NEW_SLICE);
            self.post_push_reg(VType::PyObj, REG_RET);
            return;
        }
        if matches!(kind, BuildKind::Tuple | BuildKind::List | BuildKind::Set) {
            self.get_stack_pointer_to_reg_for_pop(REG_ARG_2, n);
        }
        self.call_with_imm_arg(F_BUILD_TUPLE + kind as u32, n as u32, REG_ARG_1);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn store_map(&mut self) {
        self.pre_pop_reg(REG_ARG_2);
        self.pre_pop_reg(REG_ARG_3);
        self.pre_pop_reg(REG_ARG_1);
        self.call(F_STORE_MAP);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn store_comp(&mut self, _kind: crate::tree::CompKind, _i: usize) {
        self.unsupported("a comprehension");
    }

    fn unpack_sequence(&mut self, n: usize) {
        self.pre_pop_reg(REG_ARG_1);
        self.get_stack_pointer_to_reg_for_push(REG_ARG_3, n);
        self.call_with_imm_arg(F_UNPACK_SEQUENCE, n as u32, REG_ARG_2);
    }

    fn unpack_ex(&mut self, n_left: usize, n_right: usize) {
        self.unsupported("a starred assignment");
        self.adjust_stack(n_left as i32 + n_right as i32);
    }

    fn make_function(&mut self, _child: usize, n_pos_defaults: usize, n_kw_defaults: usize) {
        self.unsupported("a nested function, lambda or comprehension");
        let pop = if n_pos_defaults > 0 || n_kw_defaults > 0 { 2 } else { 0 };
        self.adjust_stack(1 - pop);
    }

    fn make_closure(&mut self, _child: usize, n_closed: usize, n_pos_defaults: usize, n_kw_defaults: usize) {
        self.unsupported("a closure");
        let pop = if n_pos_defaults > 0 || n_kw_defaults > 0 { 2 } else { 0 };
        self.adjust_stack(1 - pop - n_closed as i32);
    }

    fn call_function(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        if star {
            self.get_stack_pointer_to_reg_for_pop(REG_ARG_3, n_pos + 2 * n_kw + 2);
            self.call_with_2_imm_args(F_CALL_METHOD_N_KW_VAR, 0, REG_ARG_1, (n_pos | n_kw << 8) as u32, REG_ARG_2);
            self.post_push_reg(VType::PyObj, REG_RET);
            return;
        }
        if n_pos != 0 || n_kw != 0 {
            self.get_stack_pointer_to_reg_for_pop(REG_ARG_3, n_pos + 2 * n_kw);
        }
        self.pre_pop_reg(REG_ARG_1);
        self.call_with_imm_arg(F_NATIVE_CALL_FUNCTION_N_KW, (n_pos | n_kw << 8) as u32, REG_ARG_2);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn call_method(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        if star {
            self.get_stack_pointer_to_reg_for_pop(REG_ARG_3, n_pos + 2 * n_kw + 3);
            self.call_with_2_imm_args(F_CALL_METHOD_N_KW_VAR, 1, REG_ARG_1, (n_pos | n_kw << 8) as u32, REG_ARG_2);
            self.post_push_reg(VType::PyObj, REG_RET);
            return;
        }
        self.get_stack_pointer_to_reg_for_pop(REG_ARG_3, 2 + n_pos + 2 * n_kw);
        self.call_with_2_imm_args(F_CALL_METHOD_N_KW, n_pos as u32, REG_ARG_1, n_kw as u32, REG_ARG_2);
        self.post_push_reg(VType::PyObj, REG_RET);
    }

    fn return_value(&mut self) {
        self.pre_pop_reg(REG_PARENT_RET);
        if self.need_global_exc_handler() {
            self.mov_local_reg(LOCAL_IDX_RET_VAL, REG_PARENT_RET);
        }
        self.jump(self.exit_label);
    }

    fn raise_varargs(&mut self, n: usize) {
        if n != 1 {
            self.unsupported("a bare raise");
            self.adjust_stack(-(n as i32));
            return;
        }
        self.pre_pop_reg(REG_ARG_1);
        self.call(F_NATIVE_RAISE);
        self.asm.suppress = true;
    }

    fn yield_value(&mut self) {
        self.unsupported("yield");
    }

    fn yield_from(&mut self) {
        self.unsupported("yield from");
    }

    fn start_except_handler(&mut self) {
        self.unsupported("except");
    }

    fn end_except_handler(&mut self) {
        self.unsupported("except");
    }

    fn alloc_child(&mut self) -> usize {
        let c = self.children;
        self.children += 1;
        c
    }
}

impl NativeEmitter {
    fn jump_helper(&mut self, cond: bool, label: usize, pop: bool) {
        let vtype = self.pre_pop_reg(REG_ARG_1);
        if !pop {
            self.adjust_stack(1);
        }
        self.call(F_OBJ_IS_TRUE);
        if !pop {
            self.saved_stack_vtype = vtype;
        }
        self.need_stack_settled();
        let c = if cond { x::CCZ_NE } else { x::CCZ_EQ };
        self.asm.bccz_reg_label(c, REG_RET, label);
        if !pop {
            self.adjust_stack(-1);
        }
    }
}

/// The code generator's emitter: the bytecode emitter, and the native emitter for the scopes
/// compiled to machine code (switched by [`Emitters::begin_native`] / [`Emitters::end_native`],
/// which hand the module's shared tables over). Dereferences to the bytecode emitter for its
/// own state (line, overflow checks, finished code).
pub struct Emitters {
    pub bc: BytecodeEmitter,
    pub native: Option<NativeEmitter>,
    native_active: bool,
}

impl Emitters {
    pub fn new(bc: BytecodeEmitter) -> Self {
        Emitters { bc, native: None, native_active: false }
    }

    /// From now on the native emitter compiles (with the module's qstrs and constants).
    pub fn begin_native(&mut self, max_labels: usize) {
        let common = std::mem::take(&mut self.bc.common);
        match &mut self.native {
            Some(n) => {
                n.common = common;
                n.asm.set_max_labels(max_labels + 6);
                n.error = None;
            }
            None => self.native = Some(NativeEmitter::new(common, max_labels)),
        }
        self.native_active = true;
    }

    /// Back to bytecode; the native emitter's result and first error are returned.
    pub fn end_native(&mut self) -> (Option<NativeCode>, Option<String>) {
        let n = self.native.as_mut().expect("native emitter");
        self.bc.common = std::mem::take(&mut n.common);
        self.native_active = false;
        (n.finished.take(), n.error.take())
    }

    /// The native emitter's first error so far, while it is active.
    pub fn native_error(&self) -> Option<&str> {
        if self.native_active {
            self.native.as_ref().and_then(|n| n.error.as_deref())
        } else {
            None
        }
    }
}

impl std::ops::Deref for Emitters {
    type Target = BytecodeEmitter;
    fn deref(&self) -> &BytecodeEmitter {
        &self.bc
    }
}

impl std::ops::DerefMut for Emitters {
    fn deref_mut(&mut self) -> &mut BytecodeEmitter {
        &mut self.bc
    }
}

macro_rules! forward {
    ($( fn $name:ident(&mut self $(, $arg:ident : $ty:ty)*) $(-> $ret:ty)?; )*) => {
        $(
            fn $name(&mut self $(, $arg: $ty)*) $(-> $ret)? {
                if self.native_active {
                    self.native.as_mut().expect("native emitter").$name($($arg),*)
                } else {
                    self.bc.$name($($arg),*)
                }
            }
        )*
    };
}

impl Emitter for Emitters {
    fn pass(&self) -> Pass {
        if self.native_active { self.native.as_ref().unwrap().pass() } else { self.bc.pass() }
    }
    fn max_stack_size(&self) -> usize {
        if self.native_active { self.native.as_ref().unwrap().max_stack_size() } else { self.bc.max_stack_size() }
    }
    fn scope_flags_add(&self) -> u32 {
        if self.native_active { self.native.as_ref().unwrap().scope_flags_add() } else { self.bc.scope_flags_add() }
    }
    forward! {
        fn start_pass(&mut self, pass: Pass, sig: &ScopeSig, stack_size: usize);
        fn end_pass(&mut self, cells: &[usize]) -> bool;
        fn adjust_stack_size(&mut self, delta: i32);
        fn set_source_line(&mut self, line: u32);
        fn label_assign(&mut self, label: usize);
        fn import_name(&mut self, q: &str);
        fn import_from(&mut self, q: &str);
        fn import_star(&mut self);
        fn load_const_tok(&mut self, tok: Const);
        fn load_const_small_int(&mut self, v: i64);
        fn load_const_str(&mut self, q: &[u8]);
        fn load_const_obj(&mut self, c: &Const);
        fn load_null(&mut self);
        fn local(&mut self, op: IdOp, kind: LocalKind, local_num: usize);
        fn global(&mut self, op: IdOp, kind: GlobalKind, q: &str);
        fn load_method(&mut self, q: &str, is_super: bool);
        fn load_build_class(&mut self);
        fn subscr(&mut self, op: IdOp);
        fn attr(&mut self, q: &str, op: IdOp);
        fn dup_top(&mut self);
        fn dup_top_two(&mut self);
        fn pop_top(&mut self);
        fn rot_two(&mut self);
        fn rot_three(&mut self);
        fn jump(&mut self, label: usize);
        fn pop_jump_if(&mut self, cond: bool, label: usize);
        fn jump_if_or_pop(&mut self, cond: bool, label: usize);
        fn unwind_jump(&mut self, label: usize, except_depth: usize);
        fn setup_block(&mut self, label: usize, kind: SetupKind);
        fn with_cleanup(&mut self, label: usize);
        fn async_with_setup_finally(&mut self, no_exc: usize, finally_block: usize, ret_unwind: usize);
        fn end_finally(&mut self);
        fn get_iter(&mut self, use_stack: bool);
        fn for_iter(&mut self, label: usize);
        fn for_iter_end(&mut self);
        fn pop_except_jump(&mut self, label: usize);
        fn unary_op(&mut self, op: u8);
        fn binary_op(&mut self, op: u8);
        fn build(&mut self, n: usize, kind: BuildKind);
        fn store_map(&mut self);
        fn store_comp(&mut self, kind: crate::tree::CompKind, collection_stack_index: usize);
        fn unpack_sequence(&mut self, n: usize);
        fn unpack_ex(&mut self, n_left: usize, n_right: usize);
        fn make_function(&mut self, child: usize, n_pos_defaults: usize, n_kw_defaults: usize);
        fn make_closure(&mut self, child: usize, n_closed: usize, n_pos_defaults: usize, n_kw_defaults: usize);
        fn call_function(&mut self, n_pos: usize, n_kw: usize, star: bool);
        fn call_method(&mut self, n_pos: usize, n_kw: usize, star: bool);
        fn return_value(&mut self);
        fn raise_varargs(&mut self, n: usize);
        fn yield_value(&mut self);
        fn yield_from(&mut self);
        fn start_except_handler(&mut self);
        fn end_except_handler(&mut self);
        fn alloc_child(&mut self) -> usize;
    }
}
