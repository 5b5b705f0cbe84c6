//! The native emitter (`@micropython.native` functions): turns the code generator's calls into
//! machine code through an assembler, as MicroPython's `py/emitnative.c` does, so that the
//! bytes are mpy-cross's. It keeps MicroPython's model: a virtual stack whose entries are held
//! in registers, as immediates or in the C-stack frame, settled to the frame before jumps,
//! labels and calls; runtime operations are calls through the native function table
//! (`mp_fun_table`, `py/nativeglue.h`).
//!
//! Targets: xtensa (call0 ABI, the ESP8266), xtensawin (windowed ABI, the ESP32 family), x64,
//! rv32imc and ARM Thumb (armv6m, armv7m and the armv7em variants), each through its assembler
//! behind [`NativeAsm`] ([`NativeEmitter::has_assembler`]). What this emitter cannot compile
//! sets [`NativeEmitter::error`] ("not supported yet by mpy-freeze: ..."), which the code
//! generator turns into a compile error: never wrong bytes.
//!
//! [`Emitters`] puts this emitter and the bytecode emitter behind one [`Emitter`], switched per
//! scope by the code generator.

use crate::asm_xtensa::{self as xtensa, AsmXtensa};
use crate::native::asm::{Alu, NativeAsm, Regs, Shift};
use crate::native::Arch;
use crate::constant::Const;
use crate::emit::*;

// Indices into mp_fun_table (`mp_fun_kind_t`).
const F_CONST_NONE_OBJ: u32 = 0;
const F_CONST_FALSE_OBJ: u32 = 1;
const F_CONVERT_OBJ_TO_NATIVE: u32 = 3;
const F_CONVERT_NATIVE_TO_OBJ: u32 = 4;
const F_NATIVE_SWAP_GLOBALS: u32 = 5;
const F_LOAD_NAME: u32 = 6;
const F_LOAD_GLOBAL: u32 = 7;
const F_LOAD_BUILD_CLASS: u32 = 8;
const F_LOAD_ATTR: u32 = 9;
const F_LOAD_METHOD: u32 = 10;
const F_LOAD_SUPER_METHOD: u32 = 11;
const F_STORE_NAME: u32 = 12;
const F_STORE_GLOBAL: u32 = 13;
const F_STORE_ATTR: u32 = 14;
const F_OBJ_SUBSCR: u32 = 15;
const F_OBJ_IS_TRUE: u32 = 16;
const F_UNARY_OP: u32 = 17;
const F_BINARY_OP: u32 = 18;
const F_BUILD_TUPLE: u32 = 19;
const F_STORE_SET: u32 = 23;
const F_LIST_APPEND: u32 = 24;
const F_STORE_MAP: u32 = 25;
const F_MAKE_FUNCTION_FROM_PROTO_FUN: u32 = 26;
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
const F_IMPORT_ALL: u32 = 37;
const F_NEW_SLICE: u32 = 38;
const F_UNPACK_SEQUENCE: u32 = 39;
const F_UNPACK_EX: u32 = 40;
const F_DELETE_NAME: u32 = 41;
const F_DELETE_GLOBAL: u32 = 42;
const F_NEW_CLOSURE: u32 = 43;
const F_ARG_CHECK_NUM_SIG: u32 = 44;
const F_SETUP_CODE_STATE: u32 = 45;
const F_SMALL_INT_FLOOR_DIVIDE: u32 = 46;
const F_SMALL_INT_MODULO: u32 = 47;
const F_NATIVE_YIELD_FROM: u32 = 48;
const F_SETJMP: u32 = 49;

// Word offsets of the C structures the code reads (the same on every target).
const SIZEOF_CODE_STATE: u32 = 5;
const OFFSETOF_CODE_STATE_FUN_BC: u32 = 0;
const OFFSETOF_CODE_STATE_IP: u32 = 1;
const OFFSETOF_CODE_STATE_SP: u32 = 2;
const OFFSETOF_CODE_STATE_STATE: u32 = 5;
const OFFSETOF_CODE_STATE_N_STATE: u32 = 3;
const OFFSETOF_OBJ_FUN_BC_CONTEXT: u32 = 1;
const OFFSETOF_OBJ_FUN_BC_CHILD_TABLE: u32 = 2;
const OFFSETOF_MODULE_CONTEXT_GLOBALS: u32 = 1;
const OFFSETOF_MODULE_CONTEXT_QSTR_TABLE: u32 = 2;
const OFFSETOF_MODULE_CONTEXT_OBJ_TABLE: u32 = 3;
const NLR_BUF_IDX_RET_VAL: u32 = 1;
const LOCAL_IDX_EXC_VAL: u32 = NLR_BUF_IDX_RET_VAL;
const MAX_REGS_FOR_LOCAL_VARS: usize = 2;
// mp_vm_return_kind_t
const VM_RETURN_NORMAL: i64 = 0;
const VM_RETURN_YIELD: i64 = 1;
const VM_RETURN_EXCEPTION: i64 = 2;

/// An exception handler of the function being compiled (`exc_stack_entry_t`).
#[derive(Clone, Copy, Debug)]
struct ExcEntry {
    label: usize,
    is_finally: bool,
    unwind: Unwind,
    is_active: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unwind {
    Unused,
    /// The last finally of an unwinding jump: jumps to the address in the unwind slot.
    DoFinalUnwind,
    /// Jump on to this (outer finally's) label.
    Label(usize),
}

const MP_OBJ_SENTINEL: u32 = 4;
const ITER_BUF_NSLOTS: usize = 4;

/// Scope flag: the function refers to globals (compile.c sets it; the native code then swaps
/// globals and wraps itself in an nlr context).
pub const SCOPE_FLAG_REFGLOBALS: u32 = 0x10;

/// Viper's types as the runtime numbers them (`MP_NATIVE_TYPE_*`); the emitter's value
/// types are these plus None, unbound and cast (`vtype_kind_t`, same numbers: they are
/// passed to the runtime's conversions).
pub const NATIVE_TYPE_OBJ: u8 = 0;
pub const NATIVE_TYPE_BOOL: u8 = 1;
pub const NATIVE_TYPE_INT: u8 = 2;

/// `mp_native_type_from_qstr`: the viper type a name stands for.
pub fn native_type_from_name(name: &str) -> Option<u8> {
    Some(match name {
        "object" => 0,
        "bool" => 1,
        "int" => 2,
        "uint" => 3,
        "ptr" => 4,
        "ptr8" => 5,
        "ptr16" => 6,
        "ptr32" => 7,
        _ => return None,
    })
}

/// What a viper function's signature says: the type of each positional parameter and of the
/// return value (`MP_NATIVE_TYPE_*`).
#[derive(Clone, Debug, Default)]
pub struct ViperSig {
    pub arg_types: Vec<u8>,
    pub ret: u8,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum VType {
    PyObj = 0,
    Bool = 1,
    Int = 2,
    Uint = 3,
    Ptr = 4,
    Ptr8 = 5,
    Ptr16 = 6,
    Ptr32 = 7,
    PtrNone = 0x54,
    Unbound = 0x60,
    BuiltinCast = 0x70,
}

impl VType {
    fn from_native(t: u8) -> VType {
        match t {
            1 => VType::Bool,
            2 => VType::Int,
            3 => VType::Uint,
            4 => VType::Ptr,
            5 => VType::Ptr8,
            6 => VType::Ptr16,
            7 => VType::Ptr32,
            _ => VType::PyObj,
        }
    }

    /// `vtype_to_qstr`.
    fn name(self) -> &'static str {
        match self {
            VType::PyObj => "object",
            VType::Bool => "bool",
            VType::Int => "int",
            VType::Uint => "uint",
            VType::Ptr => "ptr",
            VType::Ptr8 => "ptr8",
            VType::Ptr16 => "ptr16",
            VType::Ptr32 => "ptr32",
            _ => "None",
        }
    }

    fn is_int(self) -> bool {
        matches!(self, VType::Int | VType::Uint)
    }
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
    /// Viper code (no prelude).
    pub viper: bool,
}

/// MicroPython's native emitter for one architecture (xtensa, xtensawin, x64 so far).
pub struct NativeEmitter {
    pub common: EmitCommon,
    pub asm: Box<dyn NativeAsm>,
    /// The architecture's registers.
    r: Regs,
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
    /// Viper: typed values (`do_viper_types`), with the function's signature.
    viper: bool,
    viper_sig: ViperSig,
    /// Type of each local (viper: unbound until first stored).
    local_vtype: Vec<VType>,
    /// `MP_SCOPE_FLAG_HASCONSTS`: the scope loads a constant object (kept over its passes).
    has_consts: bool,
    /// The code of this pass reads the qstr table (a name).
    reads_qstr_table: bool,
    /// The line of this pass's first store that overwrote the assembler's scratch register.
    scratch_clobbered_at: Option<u32>,
    /// Exception handlers open at this point, innermost last.
    exc_stack: Vec<ExcEntry>,
    /// The scope's deepest nesting of exception handlers.
    n_exc_stack: usize,
    /// Labels the emitter takes for itself inside the code (compile.c reserves them).
    next_private_label: usize,
    /// A generator's first entry point (from the previous pass).
    start_offset: u32,
    /// The source line being compiled, and that of the first error.
    line: u32,
    local_names: Vec<String>,
    error_line: u32,
    /// Where mpy-cross places its error: the statement, of a block of several, that the error
    /// was found in (0 until a block places it); see [`Emitters::place_native_error`].
    placed_line: u32,
    /// The first construct this emitter cannot compile yet.
    pub error: Option<String>,
    pub finished: Option<NativeCode>,
}

impl NativeEmitter {
    /// mpy-freeze has an assembler for this architecture.
    pub fn has_assembler(arch: Arch) -> bool {
        matches!(
            arch,
            Arch::Xtensa
                | Arch::Xtensawin
                | Arch::X64
                | Arch::Rv32imc
                | Arch::Armv6m
                | Arch::Armv7m
                | Arch::Armv7em
                | Arch::Armv7emsp
                | Arch::Armv7emdp
        )
    }

    pub fn new(common: EmitCommon, max_labels: usize, arch: Arch, arch_flags: u32) -> Self {
        let labels = max_labels + 6;
        let asm: Box<dyn NativeAsm> = match arch {
            Arch::X64 => Box::new(crate::asm_x64::AsmX64::new(labels)),
            Arch::Xtensawin => Box::new(AsmXtensa::new(labels, xtensa::Abi::Windowed)),
            Arch::Rv32imc => Box::new(crate::asm_rv32::AsmRv32::new(labels, arch_flags)),
            Arch::Armv6m => Box::new(crate::asm_thumb::AsmThumb::new(labels, false)),
            Arch::Armv7m | Arch::Armv7em | Arch::Armv7emsp | Arch::Armv7emdp => {
                Box::new(crate::asm_thumb::AsmThumb::new(labels, true))
            }
            _ => Box::new(AsmXtensa::new(labels, xtensa::Abi::Call0)),
        };
        NativeEmitter {
            common,
            r: asm.regs(),
            asm,
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
            viper: false,
            viper_sig: ViperSig::default(),
            local_vtype: Vec::new(),
            has_consts: false,
            reads_qstr_table: false,
            scratch_clobbered_at: None,
            exc_stack: Vec::new(),
            n_exc_stack: 0,
            next_private_label: 0,
            start_offset: 0,
            line: 0,
            local_names: Vec::new(),
            error_line: 0,
            placed_line: 0,
            error: None,
            finished: None,
        }
    }

    fn unsupported(&mut self, what: &str) {
        if self.error.is_none() {
            self.error = Some(format!("not supported yet by mpy-freeze: {} in native code", what));
            self.error_line = self.line;
        }
    }

    /// An error mpy-cross gives too: "Kind: message" (`ViperTypeError`, `NotImplementedError`).
    /// mpy-cross keeps the last error of the statement the first one is in (it stops at
    /// the end of that statement); a refusal of ours stays.
    fn viper_error(&mut self, msg: String) {
        let refused = self.error.as_ref().is_some_and(|e| e.starts_with("not supported yet"));
        if self.error.is_none() || (!refused && self.line == self.error_line) {
            if self.error.is_none() {
                self.error_line = self.line;
            }
            self.error = Some(msg);
        }
    }

    fn local_name(&self, local_num: usize) -> String {
        match self.local_names.get(local_num) {
            Some(n) if !n.is_empty() => n.clone(),
            _ => format!("#{local_num}"),
        }
    }

    /// mpy-cross's assertion that a value is an object (it aborts where a viper value is
    /// used as one): an error here.
    fn check_obj(&mut self, vtype: VType) {
        if self.viper && vtype != VType::PyObj {
            self.viper_error(format!(
                "a viper '{}' value where mpy-cross needs an object (mpy-cross fails an assertion)",
                vtype.name()
            ));
        }
    }

    fn pop_obj(&mut self, reg: u32) {
        let v = self.pre_pop_reg(reg);
        self.check_obj(v);
    }

    fn peek_vtype(&self, depth: usize) -> VType {
        if self.viper && self.sp > depth {
            self.stack[self.sp - 1 - depth].vtype
        } else {
            VType::PyObj
        }
    }

    fn need_fun_obj(&self) -> bool {
        self.n_exc_stack > 0 || self.scope_flags & SCOPE_FLAG_REFGLOBALS != 0 || self.has_consts
    }

    fn need_global_exc_handler(&self) -> bool {
        self.n_exc_stack > 0 || self.scope_flags & (SCOPE_FLAG_GENERATOR | SCOPE_FLAG_REFGLOBALS) != 0
    }

    fn new_private_label(&mut self) -> usize {
        let l = self.next_private_label;
        self.next_private_label += 1;
        self.asm.set_max_labels(l + 1);
        l
    }

    /// `ASM_MOV_LOCAL_MP_OBJ_NULL`.
    fn mov_local_null(&mut self, local: u32, reg_temp: u32) {
        match self.asm.zero_reg() {
            Some(zero) => self.mov_local_reg(local, zero),
            None => {
                self.asm.clr_reg(reg_temp);
                self.mov_local_reg(local, reg_temp);
            }
        }
    }

    fn push_exc_stack(&mut self, label: usize, is_finally: bool) {
        self.exc_stack.push(ExcEntry { label, is_finally, unwind: Unwind::Unused, is_active: true });
        self.asm.mov_reg_pcrel(self.r.ret, label);
        self.mov_local_reg(self.local_idx_exc_handler_pc(), self.r.ret);
    }

    fn leave_exc_stack(&mut self, start_of_handler: bool) {
        let Some(top) = self.exc_stack.len().checked_sub(1) else {
            self.unsupported("this exception handler");
            return;
        };
        self.exc_stack[top].is_active = false;
        match self.exc_stack[..top].iter().rev().find(|e| e.is_active).copied() {
            None => {
                if start_of_handler {
                    return;
                }
                self.asm.clr_reg(self.r.ret);
            }
            Some(e) => self.asm.mov_reg_pcrel(self.r.ret, e.label),
        }
        self.mov_local_reg(self.local_idx_exc_handler_pc(), self.r.ret);
    }

    fn pop_exc_stack(&mut self) -> ExcEntry {
        self.exc_stack.pop().unwrap_or(ExcEntry { label: 0, is_finally: false, unwind: Unwind::Unused, is_active: false })
    }

    /// `nlr_buf_t`'s slot of `REG_LOCAL_1`: the PC of the active exception handler.
    fn local_idx_exc_handler_pc(&self) -> u32 {
        self.asm.nlr_buf_idx_local_1()
    }

    /// `nlr_buf_t` in words: its two link words, the target's saved registers, and one more
    /// (mpy-cross's conservative size).
    fn sizeof_nlr_buf(&self) -> u32 {
        2 + self.asm.nlr_buf_num_regs() + 1
    }

    /// The return value, kept while the nlr context is popped.
    fn local_idx_ret_val(&self) -> u32 {
        self.sizeof_nlr_buf()
    }

    fn local_idx_exc_handler_unwind(&self) -> u32 {
        self.sizeof_nlr_buf() + 1
    }

    /// A generator's value thrown in (`inject_exc`).
    fn local_idx_throw_val(&self) -> u32 {
        self.sizeof_nlr_buf() + 2
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
        self.asm.mov_local_reg(local, reg);
    }
    fn mov_reg_local(&mut self, reg: u32, local: u32) {
        self.asm.mov_reg_local(reg, local);
    }
    fn mov_reg_local_addr(&mut self, reg: u32, local: u32) {
        self.asm.mov_reg_local_addr(reg, local);
    }
    fn load_reg_reg_offset(&mut self, dest: u32, base: u32, word: u32) {
        self.asm.load_reg_reg_offset(dest, base, word);
    }
    fn is_generator(&self) -> bool {
        self.scope_flags & SCOPE_FLAG_GENERATOR != 0
    }
    /// `REG_GENERATOR_STATE`: a generator's state (code state, stack, locals) is on the heap.
    fn reg_generator_state(&self) -> u32 {
        self.r.local2
    }
    /// `emit_native_mov_state_reg`: a word of the state (a generator's through its pointer).
    fn mov_state_reg(&mut self, local: u32, reg: u32) {
        if self.is_generator() {
            self.asm.store_reg_reg_offset(reg, self.reg_generator_state(), local);
            self.note_scratch_clobber();
        } else {
            self.mov_local_reg(local, reg);
        }
    }
    fn mov_reg_state(&mut self, reg: u32, local: u32) {
        if self.is_generator() {
            self.asm.load_reg_reg_offset(reg, self.reg_generator_state(), local);
        } else {
            self.mov_reg_local(reg, local);
        }
    }
    fn mov_reg_state_addr(&mut self, reg: u32, local: u32) {
        if self.is_generator() {
            self.mov_reg_imm(reg, (local * self.asm.word_size()) as i64);
            self.asm.alu(Alu::Add, reg, self.reg_generator_state());
        } else {
            self.mov_reg_local_addr(reg, local);
        }
    }
    /// After a store the assembler may have made through its scratch register (too far from
    /// its base): remembers the line of the first.
    fn note_scratch_clobber(&mut self) {
        if self.scratch_clobbered_at.is_none() && self.asm.clobbered_scratch().is_some() {
            self.scratch_clobbered_at = Some(self.line);
        }
    }
    fn mov_reg_imm(&mut self, reg: u32, imm: i64) {
        self.asm.mov_reg_imm(reg, imm);
    }
    fn call_ind(&mut self, idx: u32) {
        self.asm.call_ind(idx);
    }
    fn mov_reg_const(&mut self, reg: u32, idx: u32) {
        self.load_reg_reg_offset(reg, self.r.fun_table, idx);
    }
    fn mov_reg_qstr(&mut self, reg: u32, q: &[u8]) {
        self.reads_qstr_table = true;
        let i = self.common.use_qstr(q) as u32;
        self.asm.load_sized(1, reg, self.r.qstr_table(), i);
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
                        self.mov_state_reg(self.stack_start + i as u32, r);
                    }
                }
            }
        }
    }

    fn need_reg_all(&mut self) {
        for i in 0..self.sp {
            if let Kind::Reg(r) = self.stack[i].kind {
                self.stack[i].kind = Kind::Value;
                self.mov_state_reg(self.stack_start + i as u32, r);
            }
        }
    }

    fn load_reg_stack_imm(&mut self, reg: u32, si: StackInfo, convert_to_pyobj: bool) -> VType {
        let Kind::Imm(imm) = si.kind else { unreachable!() };
        if !convert_to_pyobj && self.viper {
            self.mov_reg_imm(reg, imm);
            return si.vtype;
        }
        match si.vtype {
            VType::PyObj => self.mov_reg_imm(reg, imm),
            VType::Bool => self.mov_reg_const(reg, F_CONST_FALSE_OBJ + imm as u32),
            VType::Int | VType::Uint => self.mov_reg_imm(reg, imm.wrapping_shl(1) | 1),
            VType::PtrNone => self.mov_reg_const(reg, F_CONST_NONE_OBJ),
            _ => self.unsupported("a conversion to object (mpy-cross: NotImplementedError)"),
        }
        VType::PyObj
    }

    fn need_stack_settled(&mut self) {
        self.need_reg_all();
        for i in 0..self.sp {
            let si = self.stack[i];
            if let Kind::Imm(_) = si.kind {
                self.stack[i].kind = Kind::Value;
                self.stack[i].vtype = self.load_reg_stack_imm(self.r.temp1, si, false);
                self.mov_state_reg(self.stack_start + i as u32, self.r.temp1);
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
                self.mov_reg_state(reg, self.stack_start + i as u32);
                si.vtype
            }
            Kind::Reg(r) => {
                if r != reg {
                    self.asm.mov_reg_reg(reg, r);
                }
                si.vtype
            }
            Kind::Imm(_) => self.load_reg_stack_imm(reg, si, false),
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
        self.mov_reg_imm(reg, arg as i64);
        self.call_ind(f);
    }

    fn call_with_2_imm_args(&mut self, f: u32, a1: u32, r1: u32, a2: u32, r2: u32) {
        self.need_reg_all();
        self.mov_reg_imm(r1, a1 as i64);
        self.mov_reg_imm(r2, a2 as i64);
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
                self.stack[idx].vtype = self.load_reg_stack_imm(reg, si, true);
                self.mov_state_reg(self.stack_start + idx as u32, reg);
            }
        }
        for i in 0..n_pop {
            let idx = len - 1 - i;
            let vtype = self.stack[idx].vtype;
            if vtype != VType::PyObj {
                let local = self.stack_start + idx as u32;
                self.mov_reg_state(self.r.arg1, local);
                self.call_with_imm_arg(F_CONVERT_NATIVE_TO_OBJ, vtype as u32, self.r.arg2);
                self.mov_state_reg(local, self.r.ret);
                self.stack[idx].vtype = VType::PyObj;
            }
        }
        self.adjust_stack(-(n_pop as i32));
        let at = self.stack_start + self.sp as u32;
        self.mov_reg_state_addr(reg, at);
    }

    fn get_stack_pointer_to_reg_for_push(&mut self, reg: u32, n_push: usize) {
        self.need_reg_all();
        self.ensure_stack(self.sp + n_push);
        for i in 0..n_push {
            self.stack[self.sp + i] = StackInfo { vtype: VType::PyObj, kind: Kind::Value };
        }
        let at = self.stack_start + self.sp as u32;
        self.mov_reg_state_addr(reg, at);
        self.adjust_stack(n_push as i32);
    }

    fn load_reg_with_object(&mut self, reg: u32, c: &Const) {
        self.has_consts = true;
        let off = self.common.use_const(c) as u32;
        self.mov_reg_state(self.r.temp0, self.local_idx_fun_obj());
        self.load_reg_reg_offset(self.r.temp0, self.r.temp0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.load_reg_reg_offset(self.r.temp0, self.r.temp0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        self.load_reg_reg_offset(reg, self.r.temp0, off);
    }

    /// `emit_load_reg_with_child`: entry `child` of the function's child table.
    fn load_reg_with_child(&mut self, reg: u32, child: usize) {
        self.mov_reg_state(self.r.temp0, self.local_idx_fun_obj());
        self.load_reg_reg_offset(self.r.temp0, self.r.temp0, OFFSETOF_OBJ_FUN_BC_CHILD_TABLE);
        self.load_reg_reg_offset(reg, self.r.temp0, child as u32);
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
        let nlr_label = self.label_base + 1;
        let start_label = self.label_base + 2;
        let global_except_label = self.label_base + 3;
        let generator = self.is_generator();
        if !generator {
            // set new globals
            self.mov_reg_state(self.r.arg1, self.local_idx_fun_obj());
            self.load_reg_reg_offset(self.r.arg1, self.r.arg1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
            self.load_reg_reg_offset(self.r.arg1, self.r.arg1, OFFSETOF_MODULE_CONTEXT_GLOBALS);
            self.call(F_NATIVE_SWAP_GLOBALS);
            self.mov_state_reg(self.local_idx_old_globals(), self.r.ret);
        }
        if self.n_exc_stack == 0 {
            if !generator {
                // if the globals did not change, no nlr context
                self.asm.jump_if_reg_zero(self.r.ret, start_label, false);
            }
            self.nlr_push();
            self.asm.jump_if_reg_zero(self.r.ret, start_label, true);
        } else {
            // no unwinding jump and no exception yet
            self.mov_local_null(self.local_idx_exc_handler_unwind(), self.r.temp0);
            // (the register mov_local_null left 0)
            let zero = self.asm.zero_reg().unwrap_or(self.r.temp0);
            self.mov_local_reg(LOCAL_IDX_EXC_VAL, zero);
            // the code starts at start_label, entered through the nlr context below
            self.asm.mov_reg_pcrel(self.r.local1, start_label);
            self.label_assign_internal(nlr_label);
            self.nlr_push();
            self.asm.jump_if_reg_nonzero(self.r.ret, global_except_label, true);
            self.mov_local_null(self.local_idx_exc_handler_pc(), self.r.temp0);
            self.asm.jump_reg(self.r.local1);
            // an exception: to the active handler if there is one
            self.label_assign_internal(global_except_label);
            self.mov_reg_local(self.r.local1, self.local_idx_exc_handler_pc());
            self.asm.jump_if_reg_nonzero(self.r.local1, nlr_label, false);
        }
        if generator {
            // an exception: into state[0], and return "exception"
            self.mov_reg_local(self.r.temp0, LOCAL_IDX_EXC_VAL);
            self.asm.store_reg_reg_offset(self.r.temp0, self.reg_generator_state(), OFFSETOF_CODE_STATE_STATE);
            self.mov_reg_imm(self.r.parent_ret, VM_RETURN_EXCEPTION);
            self.asm.exit();
        } else {
            // an exception: restore the globals and raise it again
            self.mov_reg_state(self.r.arg1, self.local_idx_old_globals());
            self.call(F_NATIVE_SWAP_GLOBALS);
            self.mov_reg_local(self.r.arg1, LOCAL_IDX_EXC_VAL);
            self.call(F_NATIVE_RAISE);
        }
        self.label_assign_internal(start_label);
        if generator {
            // resume where the generator left off (the first time: just below)
            self.mov_reg_state(self.r.temp0, self.code_state_start + OFFSETOF_CODE_STATE_IP);
            self.asm.jump_reg(self.r.temp0);
            self.start_offset = self.asm.offset();
            // a value thrown in before the first run
            self.mov_reg_local(self.r.arg1, self.local_idx_throw_val());
            self.mov_local_null(self.local_idx_throw_val(), self.r.arg2);
            self.call(F_NATIVE_RAISE);
        }
    }

    /// Pushes the nlr context at the bottom of the frame; the result (nonzero: an exception
    /// came back to it) is in `REG_RET`.
    fn nlr_push(&mut self) {
        self.mov_reg_local_addr(self.r.arg1, 0);
        self.call(F_NLR_PUSH);
        if self.asm.nlr_uses_setjmp() {
            // the jmp_buf follows nlr_buf_t's two link words
            self.mov_reg_local_addr(self.r.arg1, 2);
            self.call(F_SETJMP);
        }
    }

    fn global_exc_exit(&mut self) {
        self.label_assign_internal(self.exit_label);
        if self.need_global_exc_handler() {
            let generator = self.is_generator();
            if !generator {
                self.mov_reg_state(self.r.arg1, self.local_idx_old_globals());
                if self.n_exc_stack == 0 {
                    self.asm.jump_if_reg_zero(self.r.arg1, self.exit_label + 1, false);
                }
                self.call(F_NATIVE_SWAP_GLOBALS);
            }
            self.call(F_NLR_POP);
            if !generator && self.n_exc_stack == 0 {
                self.label_assign_internal(self.exit_label + 1);
            }
            self.mov_reg_local(self.r.parent_ret, self.local_idx_ret_val());
        }
        self.asm.exit();
    }

    /// Entry of a viper function: arguments come as (fun, n_args, n_kw, args), are checked
    /// against the signature and converted to their native types into locals.
    fn start_viper(&mut self, sig: &ScopeSig, fun_table_off: u32) {
        let num_pos_args = sig.num_pos_args;
        let mut in_regs = 0;
        if self.can_use_regs_for_locals() {
            in_regs = self.num_locals.min(MAX_REGS_FOR_LOCAL_VARS);
            if num_pos_args >= MAX_REGS_FOR_LOCAL_VARS + 1 {
                in_regs -= 1;
            }
        }
        self.stack_start = if self.need_global_exc_handler() {
            self.code_state_start + 2
        } else if self.need_fun_obj() {
            self.code_state_start + 1
        } else {
            self.code_state_start
        };
        self.asm.entry(self.stack_start + self.n_state as u32 - in_regs as u32);
        self.load_reg_reg_offset(self.r.fun_table, self.r.parent_arg1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.load_reg_reg_offset(self.r.qstr_table(), self.r.fun_table, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
        self.load_reg_reg_offset(self.r.fun_table, self.r.fun_table, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        self.load_reg_reg_offset(self.r.fun_table, self.r.fun_table, fun_table_off);
        if self.need_fun_obj() || self.need_global_exc_handler() {
            self.mov_local_reg(self.local_idx_fun_obj(), self.r.parent_arg1);
        }
        let reg_local_last = self.r.local2;
        // n_args, n_kw, args: moved even where they are already in place
        self.asm.mov_reg_reg(self.r.arg1, self.r.parent_arg2);
        self.asm.mov_reg_reg(self.r.arg2, self.r.parent_arg3);
        self.asm.mov_reg_reg(reg_local_last, self.r.parent_arg4);
        let (l4, l5) = (self.label_base + 4, self.label_base + 5);
        self.asm.jump_if_reg_nonzero(self.r.arg2, l4, true);
        self.mov_reg_imm(self.r.arg3, num_pos_args as i64);
        self.asm.jump_if_reg_eq(self.r.arg1, self.r.arg3, l5);
        self.asm.label_assign(l4);
        let n = num_pos_args as u32;
        self.mov_reg_imm(self.r.arg3, (n << 17 | n << 1) as i64);
        self.call_ind(F_ARG_CHECK_NUM_SIG);
        self.asm.label_assign(l5);
        for i in 0..num_pos_args {
            let mut r = self.r.arg1;
            self.load_reg_reg_offset(self.r.arg1, reg_local_last, i as u32);
            let t = self.local_vtype[i];
            if t != VType::PyObj {
                self.call_with_imm_arg(F_CONVERT_OBJ_TO_NATIVE, t as u32, self.r.arg2);
                r = self.r.ret;
            }
            if i < MAX_REGS_FOR_LOCAL_VARS
                && self.can_use_regs_for_locals()
                && (i != MAX_REGS_FOR_LOCAL_VARS - 1 || num_pos_args == MAX_REGS_FOR_LOCAL_VARS)
            {
                self.asm.mov_reg_reg(self.r.local_table()[i], r);
            } else {
                let idx = self.local_idx_local_var(i);
                self.mov_state_reg(idx, r);
            }
        }
        if num_pos_args >= MAX_REGS_FOR_LOCAL_VARS + 1 && self.can_use_regs_for_locals() {
            let idx = self.local_idx_local_var(MAX_REGS_FOR_LOCAL_VARS - 1);
            self.mov_reg_local(reg_local_last, idx);
        }
        self.global_exc_entry();
    }

    fn can_use_regs_for_locals(&self) -> bool {
        self.n_exc_stack == 0 && self.scope_flags & SCOPE_FLAG_GENERATOR == 0
    }

    fn write_prelude(&mut self, cells: &[usize]) {
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
        let info_start = self.asm.offset();
        let mut names = vec![self.simple_name.clone()];
        names.extend(self.arg_names.iter().cloned());
        for n in names {
            let q = self.common.use_qstr(n.as_bytes());
            for b in encode_uint(q) {
                self.asm.data(1, b as u64);
            }
        }
        self.n_info = (self.asm.offset() - info_start) as usize;
        // the locals that become cells (mp_setup_code_state converts them)
        for &c in cells {
            self.asm.data(1, c as u64);
        }
        self.n_cell = cells.len();
    }
}

impl Emitter for NativeEmitter {
    fn start_pass(&mut self, pass: Pass, sig: &ScopeSig, stack_size: usize) {
        self.pass = pass;
        self.sp = 0;
        for si in self.stack.iter_mut() {
            *si = StackInfo { vtype: VType::Unbound, kind: Kind::Value };
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
        self.local_names = sig.local_names.clone();
        self.children = 0;
        if pass == Pass::Emit {
            self.finished = None;
        }
        self.n_exc_stack = sig.n_exc_stack;
        self.exc_stack.clear();
        self.reads_qstr_table = false;
        self.scratch_clobbered_at = None;
        self.next_private_label = self.label_base + 6;
        // types of the locals: parameters are objects (viper: their annotated types), other
        // locals are unbound until stored (viper) or objects
        let mut num_args = sig.num_pos_args + sig.num_kwonly_args;
        num_args += (sig.scope_flags & SCOPE_FLAG_VARARGS != 0) as usize;
        num_args += (sig.scope_flags & SCOPE_FLAG_VARKEYWORDS != 0) as usize;
        self.local_vtype.clear();
        for i in 0..self.num_locals.max(num_args) {
            let t = if i < num_args {
                if self.viper {
                    VType::from_native(self.viper_sig.arg_types.get(i).copied().unwrap_or(0))
                } else {
                    VType::PyObj
                }
            } else if self.viper {
                VType::Unbound
            } else {
                VType::PyObj
            };
            self.local_vtype.push(t);
        }
        if self.viper {
            // (*args, **kwargs and keyword-only parameters compile, as mpy-cross compiles them:
            // never filled, see `local`; so do default values: the parent makes the function
            // with them, and the viper entry, which checks for exactly the positional count,
            // never uses them)
            if sig.scope_flags & SCOPE_FLAG_GENERATOR != 0 {
                self.unsupported("a viper generator");
            }
        }
        self.asm.start_pass(pass == Pass::Emit);

        self.code_state_start = 0;
        if self.need_global_exc_handler() {
            // nlr_buf_t, return value, unwind slot (generators: throw value too)
            self.code_state_start = self.sizeof_nlr_buf() + 1;
            if sig.scope_flags & SCOPE_FLAG_GENERATOR != 0 {
                self.code_state_start += 2;
            } else if self.n_exc_stack > 0 {
                self.code_state_start += 1;
            }
        }
        let fun_table_off = self.common.use_fun_table() as u32;

        if self.viper {
            self.start_viper(sig, fun_table_off);
            return;
        }

        // first word: index of the prelude pointer in the child table
        self.asm.data(self.asm.word_size(), self.prelude_ptr_index as u64);
        if self.is_generator() {
            // then where the code starts; the C stack holds the nlr context, the state is on
            // the heap (its pointer comes as the first argument, the value thrown in second)
            self.asm.data(self.asm.word_size(), self.start_offset as u64);
            self.asm.entry(self.code_state_start);
            self.code_state_start = 0;
            self.stack_start = SIZEOF_CODE_STATE;
            self.asm.mov_reg_reg(self.reg_generator_state(), self.r.parent_arg1);
            self.mov_local_reg(self.local_idx_throw_val(), self.r.parent_arg2);
            self.load_reg_reg_offset(self.r.temp0, self.reg_generator_state(), self.local_idx_fun_obj());
            self.load_reg_reg_offset(self.r.temp0, self.r.temp0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
            self.load_reg_reg_offset(self.r.qstr_table(), self.r.temp0, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
            self.load_reg_reg_offset(self.r.temp0, self.r.temp0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
            self.load_reg_reg_offset(self.r.fun_table, self.r.temp0, fun_table_off);
            self.global_exc_entry();
            return;
        }
        self.stack_start = self.code_state_start + SIZEOF_CODE_STATE;
        self.asm.entry(self.stack_start + self.n_state as u32);
        self.load_reg_reg_offset(self.r.fun_table, self.r.parent_arg1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.load_reg_reg_offset(self.r.qstr_table(), self.r.fun_table, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
        self.load_reg_reg_offset(self.r.fun_table, self.r.fun_table, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        self.load_reg_reg_offset(self.r.fun_table, self.r.fun_table, fun_table_off);
        self.mov_local_reg(self.local_idx_fun_obj(), self.r.parent_arg1);
        let n_state_idx = self.code_state_start + OFFSETOF_CODE_STATE_N_STATE;
        self.mov_reg_imm(self.r.arg1, self.n_state as i64);
        self.mov_local_reg(n_state_idx, self.r.arg1);
        // mp_setup_code_state(code_state, n_args, n_kw, args): the incoming arguments pass
        // on, moved only where the call registers are not the incoming ones
        self.mov_reg_local_addr(self.r.arg1, self.code_state_start);
        for (arg, parent) in
            [(self.r.arg2, self.r.parent_arg2), (self.r.arg3, self.r.parent_arg3), (self.r.arg4, self.r.parent_arg4)]
        {
            if arg != parent {
                self.asm.mov_reg_reg(arg, parent);
            }
        }
        self.asm.call_ind_4_args(F_SETUP_CODE_STATE);

        self.global_exc_entry();

        if self.can_use_regs_for_locals() {
            for i in 0..MAX_REGS_FOR_LOCAL_VARS.min(self.num_locals) {
                let idx = self.local_idx_local_var(i);
                self.mov_reg_local(self.r.local_table()[i], idx);
            }
        }
    }

    fn end_pass(&mut self, cells: &[usize]) -> bool {
        if !cells.is_empty() && self.viper {
            // (mpy-cross compiles it, to code that crashes: a viper function has no prelude,
            // so its cells are never made)
            self.unsupported("a closure (a variable used by an inner function) in viper code: mpy-cross's code for it crashes");
        }
        self.global_exc_exit();
        if !self.viper {
            self.prelude_offset = self.asm.offset() as usize;
            self.prelude_ptr_index = self.children;
            self.write_prelude(cells);
        }
        self.asm.end_pass();
        if self.pass == Pass::Emit {
            if let Some(line) = self.scratch_clobbered_at {
                if self.reads_qstr_table && self.asm.clobbered_scratch() == Some(self.r.qstr_table()) {
                    // xtensawin: mpy-cross's assembler takes a6 as its scratch register for
                    // both xtensa ABIs, and with the windowed one a6 holds the qstr table for
                    // the whole function: a name read after (or in a loop with) such a store
                    // reads garbage. Refused whenever both are in the function, without
                    // following the control flow (a generator reloads a6 when resumed, so a
                    // yield between them would make it sound)
                    self.line = line;
                    self.unsupported(
                        "a store 256 or more places from its base (a viper pointer's constant index, a \
                         generator's far local) in a function that also uses a name (mpy-cross's xtensawin \
                         code for the store overwrites the register holding the qstr table)",
                    );
                }
            }
            if let Some(e) = self.asm.take_error() {
                if e.starts_with("NotImplementedError: ") {
                    self.viper_error(e);
                } else {
                    self.unsupported(&e);
                }
            }
            self.finished = Some(NativeCode {
                code: self.asm.take_code(),
                prelude_offset: self.prelude_offset,
                viper: self.viper,
            });
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

    fn set_source_line(&mut self, line: u32) {
        if line > 0 {
            self.line = line;
        }
    }

    fn label_assign(&mut self, label: usize) {
        let is_finally = self.exc_stack.last().is_some_and(|e| e.is_finally && e.label == label);
        if is_finally {
            // start of a finally handler: top of stack into the exception slot
            self.access_stack(1, self.r.temp0);
            self.mov_local_reg(LOCAL_IDX_EXC_VAL, self.r.temp0);
        }
        self.label_assign_internal(label);
        if is_finally {
            self.leave_exc_stack(false);
        }
    }

    fn import_name(&mut self, q: &str) {
        // fromlist, level: objects even in viper code (mpy-cross reads them as non-viper code)
        let viper = std::mem::replace(&mut self.viper, false);
        self.pop_obj(self.r.arg2);
        self.pop_obj(self.r.arg3);
        self.viper = viper;
        self.call_with_qstr_arg(F_IMPORT_NAME, q.as_bytes(), self.r.arg1);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn import_from(&mut self, q: &str) {
        let v = self.access_stack(1, self.r.arg1);
        self.check_obj(v);
        self.call_with_qstr_arg(F_IMPORT_FROM, q.as_bytes(), self.r.arg2);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn import_star(&mut self) {
        self.pop_obj(self.r.arg1);
        self.call(F_IMPORT_ALL);
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
        self.need_reg_single(self.r.temp0, 0);
        self.load_reg_with_object(self.r.temp0, &Const::Str(q.to_vec()));
        self.post_push_reg(VType::PyObj, self.r.temp0);
    }

    fn load_const_obj(&mut self, c: &Const) {
        self.need_reg_single(self.r.temp0, 0);
        self.load_reg_with_object(self.r.temp0, c);
        self.post_push_reg(VType::PyObj, self.r.temp0);
    }

    fn load_null(&mut self) {
        self.post_push_imm(VType::PyObj, 0);
    }

    fn local(&mut self, op: IdOp, kind: LocalKind, local_num: usize) {
        if kind == LocalKind::Deref {
            if self.viper {
                self.unsupported("a closure variable in viper code");
            }
            match op {
                IdOp::Load => {
                    // the cell, then its contents
                    self.need_reg_single(self.r.ret, 0);
                    self.local(IdOp::Load, LocalKind::Fast, local_num);
                    let (_, reg_base) = self.pre_pop_reg_flexible(self.r.ret, u32::MAX, u32::MAX);
                    self.load_reg_reg_offset(self.r.ret, reg_base, 1);
                    self.post_push_reg(VType::PyObj, self.r.ret);
                }
                IdOp::Store => {
                    self.need_reg_single(self.r.temp0, 0);
                    self.need_reg_single(self.r.temp1, 0);
                    self.local(IdOp::Load, LocalKind::Fast, local_num);
                    let (_, reg_base) = self.pre_pop_reg_flexible(self.r.temp0, u32::MAX, u32::MAX);
                    let (_, reg_src) = self.pre_pop_reg_flexible(self.r.temp1, reg_base, reg_base);
                    self.asm.store_reg_reg_offset(reg_src, reg_base, 1);
                }
                // (mpy-cross writes nothing: MicroPython's "TODO implement me")
                IdOp::Delete => {}
            }
            return;
        }
        let in_reg = local_num < MAX_REGS_FOR_LOCAL_VARS && self.can_use_regs_for_locals();
        if self.local_vtype.len() <= local_num {
            self.local_vtype.resize(local_num + 1, VType::PyObj);
        }
        match op {
            IdOp::Load => {
                let vtype = self.local_vtype[local_num];
                let stars = [SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS];
                let n_stars = stars.iter().filter(|&&f| self.scope_flags & f != 0).count();
                let star_or_kwonly = self.num_pos_args..self.num_pos_args + self.num_kwonly_args + n_stars;
                if self.viper && star_or_kwonly.contains(&local_num) {
                    // mpy-cross's viper entry fills only the positional parameters: reading
                    // another one reads a slot never written (its code crashes there)
                    self.unsupported("reading a *args, **kwargs or keyword-only parameter of a viper function (mpy-cross's code for it crashes)");
                }
                if vtype == VType::Unbound {
                    let name = self.local_name(local_num);
                    self.viper_error(format!("ViperTypeError: local '{name}' used before type known"));
                }
                if in_reg {
                    self.post_push_reg(vtype, self.r.local_table()[local_num]);
                } else {
                    self.need_reg_single(self.r.temp0, 0);
                    let idx = self.local_idx_local_var(local_num);
                    self.mov_reg_state(self.r.temp0, idx);
                    self.post_push_reg(vtype, self.r.temp0);
                }
            }
            IdOp::Store => {
                let vtype = if in_reg {
                    self.pre_pop_reg(self.r.local_table()[local_num])
                } else {
                    let v = self.pre_pop_reg(self.r.temp0);
                    let idx = self.local_idx_local_var(local_num);
                    self.mov_state_reg(idx, self.r.temp0);
                    v
                };
                let cur = self.local_vtype[local_num];
                if cur == VType::Unbound {
                    self.local_vtype[local_num] = vtype;
                } else if cur != vtype {
                    self.viper_error(format!(
                        "ViperTypeError: local '{}' has type '{}' but source is '{}'",
                        self.local_name(local_num),
                        cur.name(),
                        vtype.name()
                    ));
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
                if self.viper && kind == GlobalKind::Global {
                    // casting operators
                    if let Some(t) = native_type_from_name(q).filter(|&t| t >= NATIVE_TYPE_BOOL) {
                        self.post_push_imm(VType::BuiltinCast, t as i64);
                        return;
                    }
                }
                self.call_with_qstr_arg(load, q.as_bytes(), self.r.arg1);
                self.post_push_reg(VType::PyObj, self.r.ret);
            }
            IdOp::Store => {
                let vtype = self.peek_vtype(0);
                if kind == GlobalKind::Name || vtype == VType::PyObj {
                    self.pop_obj(self.r.arg2);
                } else {
                    self.pre_pop_reg(self.r.arg1);
                    self.call_with_imm_arg(F_CONVERT_NATIVE_TO_OBJ, vtype as u32, self.r.arg2);
                    self.asm.mov_reg_reg(self.r.arg2, self.r.ret);
                }
                self.call_with_qstr_arg(store, q.as_bytes(), self.r.arg1);
            }
            IdOp::Delete => {
                let f = if kind == GlobalKind::Name { F_DELETE_NAME } else { F_DELETE_GLOBAL };
                self.call_with_qstr_arg(f, q.as_bytes(), self.r.arg1);
            }
        }
    }

    fn load_method(&mut self, q: &str, is_super: bool) {
        if is_super {
            // (method name; dest: super, class, self -> method, self)
            self.get_stack_pointer_to_reg_for_pop(self.r.arg2, 3);
            self.get_stack_pointer_to_reg_for_push(self.r.arg2, 2);
            self.call_with_qstr_arg(F_LOAD_SUPER_METHOD, q.as_bytes(), self.r.arg1);
            return;
        }
        self.pop_obj(self.r.arg1);
        self.get_stack_pointer_to_reg_for_push(self.r.arg3, 2);
        self.call_with_qstr_arg(F_LOAD_METHOD, q.as_bytes(), self.r.arg2);
    }

    fn load_build_class(&mut self) {
        self.call(F_LOAD_BUILD_CLASS);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn subscr(&mut self, op: IdOp) {
        match op {
            IdOp::Load if self.peek_vtype(1) != VType::PyObj => self.viper_load_subscr(),
            IdOp::Load => {
                let vtype_index = self.peek_vtype(0);
                if vtype_index == VType::PyObj {
                    self.pre_pop_reg(self.r.arg2);
                } else {
                    self.pre_pop_reg(self.r.arg1);
                    self.call_with_imm_arg(F_CONVERT_NATIVE_TO_OBJ, vtype_index as u32, self.r.arg2);
                    self.asm.mov_reg_reg(self.r.arg2, self.r.ret);
                }
                self.pre_pop_reg(self.r.arg1);
                self.call_with_imm_arg(F_OBJ_SUBSCR, MP_OBJ_SENTINEL, self.r.arg3);
                self.post_push_reg(VType::PyObj, self.r.ret);
            }
            IdOp::Store if self.peek_vtype(1) != VType::PyObj => self.viper_store_subscr(),
            IdOp::Store => {
                if self.peek_vtype(0) != VType::PyObj || self.peek_vtype(2) != VType::PyObj {
                    self.get_stack_pointer_to_reg_for_pop(self.r.arg1, 3);
                    self.adjust_stack(3);
                }
                // index, base, value
                self.pre_pop_reg(self.r.arg2);
                self.pre_pop_reg(self.r.arg1);
                self.pre_pop_reg(self.r.arg3);
                self.call(F_OBJ_SUBSCR);
            }
            IdOp::Delete => {
                self.pop_obj(self.r.arg2);
                self.pop_obj(self.r.arg1);
                self.call_with_imm_arg(F_OBJ_SUBSCR, 0, self.r.arg3);
            }
        }
    }

    fn attr(&mut self, q: &str, op: IdOp) {
        match op {
            IdOp::Load => {
                self.pop_obj(self.r.arg1);
                self.call_with_qstr_arg(F_LOAD_ATTR, q.as_bytes(), self.r.arg2);
                self.post_push_reg(VType::PyObj, self.r.ret);
            }
            IdOp::Store => {
                let vtype_val = self.peek_vtype(1);
                if vtype_val == VType::PyObj {
                    self.pop_obj(self.r.arg1);
                    self.pre_pop_reg(self.r.arg3);
                } else {
                    self.access_stack(2, self.r.arg1);
                    self.call_with_imm_arg(F_CONVERT_NATIVE_TO_OBJ, vtype_val as u32, self.r.arg2);
                    self.asm.mov_reg_reg(self.r.arg3, self.r.ret);
                    self.pop_obj(self.r.arg1);
                    self.adjust_stack(-1);
                }
                self.call_with_qstr_arg(F_STORE_ATTR, q.as_bytes(), self.r.arg2);
            }
            IdOp::Delete => {
                self.pop_obj(self.r.arg1);
                self.asm.clr_reg(self.r.arg3);
                self.call_with_qstr_arg(F_STORE_ATTR, q.as_bytes(), self.r.arg2);
            }
        }
    }

    fn dup_top(&mut self) {
        let (vtype, reg) = self.pre_pop_reg_flexible(self.r.temp0, u32::MAX, u32::MAX);
        self.post_push_reg(vtype, reg);
        self.post_push_reg(vtype, reg);
    }

    fn dup_top_two(&mut self) {
        let v0 = self.pre_pop_reg(self.r.temp0);
        let v1 = self.pre_pop_reg(self.r.temp1);
        self.post_push_reg(v1, self.r.temp1);
        self.post_push_reg(v0, self.r.temp0);
        self.post_push_reg(v1, self.r.temp1);
        self.post_push_reg(v0, self.r.temp0);
    }

    fn pop_top(&mut self) {
        self.adjust_stack(-1);
    }

    fn rot_two(&mut self) {
        let v0 = self.pre_pop_reg(self.r.temp0);
        let v1 = self.pre_pop_reg(self.r.temp1);
        self.post_push_reg(v0, self.r.temp0);
        self.post_push_reg(v1, self.r.temp1);
    }

    fn rot_three(&mut self) {
        let v0 = self.pre_pop_reg(self.r.temp0);
        let v1 = self.pre_pop_reg(self.r.temp1);
        let v2 = self.pre_pop_reg(self.r.temp2);
        self.post_push_reg(v0, self.r.temp0);
        self.post_push_reg(v2, self.r.temp2);
        self.post_push_reg(v1, self.r.temp1);
    }

    fn jump(&mut self, label: usize) {
        self.need_stack_settled();
        self.asm.jump(label & !BREAK_FROM_FOR);
        self.asm.suppress();
    }

    fn pop_jump_if(&mut self, cond: bool, label: usize) {
        self.jump_helper(cond, label, true);
    }

    fn jump_if_or_pop(&mut self, cond: bool, label: usize) {
        self.jump_helper(cond, label, false);
    }

    fn unwind_jump(&mut self, label: usize, except_depth: usize) {
        let mut label = label;
        if except_depth > 0 {
            let n = self.exc_stack.len();
            if except_depth > n {
                self.unsupported("this jump out of exception handlers");
                return;
            }
            let mut first_finally: Option<usize> = None;
            let mut prev_finally: Option<usize> = None;
            let mut e = n as isize - 1;
            for _ in 0..except_depth {
                let i = e as usize;
                if self.exc_stack[i].is_finally && self.exc_stack[i].is_active {
                    if first_finally.is_none() {
                        first_finally = Some(i);
                    }
                    if let Some(p) = prev_finally {
                        self.exc_stack[p].unwind = Unwind::Label(self.exc_stack[i].label);
                    }
                    prev_finally = Some(i);
                }
                e -= 1;
            }
            match prev_finally {
                None => {
                    // no finally: restore the handler outside the jump and jump
                    if e < 0 {
                        self.asm.clr_reg(self.r.ret);
                    } else {
                        let l = self.exc_stack[e as usize].label;
                        self.asm.mov_reg_pcrel(self.r.ret, l);
                    }
                    self.mov_local_reg(self.local_idx_exc_handler_pc(), self.r.ret);
                }
                Some(p) => {
                    // the last finally does the jump
                    self.exc_stack[p].unwind = Unwind::DoFinalUnwind;
                    self.asm.mov_reg_pcrel(self.r.ret, label & !BREAK_FROM_FOR);
                    self.mov_local_reg(self.local_idx_exc_handler_unwind(), self.r.ret);
                    self.mov_reg_imm(self.r.ret, 0);
                    self.mov_local_reg(LOCAL_IDX_EXC_VAL, self.r.ret);
                    label = self.exc_stack[first_finally.unwrap()].label;
                }
            }
        }
        self.jump(label & !BREAK_FROM_FOR);
    }

    fn setup_block(&mut self, label: usize, kind: SetupKind) {
        if kind == SetupKind::With {
            // the context manager is on top: (..., ctx_mgr)
            let v = self.access_stack(1, self.r.arg1);
            self.check_obj(v);
            self.get_stack_pointer_to_reg_for_push(self.r.arg3, 2);
            self.call_with_qstr_arg(F_LOAD_METHOD, b"__exit__", self.r.arg2);
            // (..., ctx_mgr, __exit__, self)
            self.pre_pop_reg(self.r.arg3);
            self.pre_pop_reg(self.r.arg2);
            let vtype = self.pre_pop_reg(self.r.arg1);
            self.post_push_reg(vtype, self.r.arg2);
            self.post_push_reg(vtype, self.r.arg3);
            // (..., __exit__, self), ctx_mgr in self.r.arg1
            self.get_stack_pointer_to_reg_for_push(self.r.arg3, 2);
            self.call_with_qstr_arg(F_LOAD_METHOD, b"__enter__", self.r.arg2);
            self.get_stack_pointer_to_reg_for_pop(self.r.arg3, 2);
            self.call_with_2_imm_args(F_CALL_METHOD_N_KW, 0, self.r.arg1, 0, self.r.arg2);
            self.post_push_reg(VType::PyObj, self.r.ret);
            // (..., __exit__, self, as_value)
            self.need_stack_settled();
            self.push_exc_stack(label, true);
            self.dup_top();
        } else {
            self.need_stack_settled();
            self.push_exc_stack(label, kind == SetupKind::Finally);
        }
    }

    fn with_cleanup(&mut self, label: usize) {
        let (l0, l1, l2) = (self.new_private_label(), self.new_private_label(), self.new_private_label());
        // (..., __exit__, self, as_value)
        self.leave_exc_stack(false);
        self.adjust_stack(-1);
        // called from an unwinding jump
        self.label_assign(l2);
        // __exit__(None, None, None)
        self.post_push_imm(VType::PtrNone, 0);
        self.post_push_imm(VType::PtrNone, 0);
        self.post_push_imm(VType::PtrNone, 0);
        self.get_stack_pointer_to_reg_for_pop(self.r.arg3, 5);
        self.call_with_2_imm_args(F_CALL_METHOD_N_KW, 3, self.r.arg1, 0, self.r.arg2);
        self.jump(l0);
        // the handler (not a finally label)
        self.asm.label_assign(label);
        self.leave_exc_stack(true);
        self.adjust_stack_size(2);
        self.mov_reg_local(self.r.arg1, LOCAL_IDX_EXC_VAL);
        self.asm.jump_if_reg_zero(self.r.arg1, l2, false);
        self.load_reg_reg_offset(self.r.arg2, self.r.arg1, 0);
        self.post_push_reg(VType::PyObj, self.r.arg2);
        self.post_push_reg(VType::PyObj, self.r.arg1);
        self.post_push_imm(VType::PtrNone, 0);
        // __exit__(type(exc), exc, None)
        self.get_stack_pointer_to_reg_for_pop(self.r.arg3, 5);
        self.call_with_2_imm_args(F_CALL_METHOD_N_KW, 3, self.r.arg1, 0, self.r.arg2);
        if self.r.arg1 != self.r.ret {
            self.asm.mov_reg_reg(self.r.arg1, self.r.ret);
        }
        self.call(F_OBJ_IS_TRUE);
        self.asm.jump_if_reg_zero(self.r.ret, l1, true);
        // swallow the exception
        self.label_assign(l0);
        self.mov_local_null(LOCAL_IDX_EXC_VAL, self.r.temp0);
        self.label_assign(l1);
        self.adjust_stack(1);
    }

    fn async_with_setup_finally(&mut self, aexit_no_exc: usize, finally_block: usize, ret_unwind_jump: usize) {
        // the body ran without an exception: (..., ctx_mgr) -> (..., dummy, None, ctx_mgr), on to
        // __aexit__
        self.adjust_stack_size(1);
        self.rot_two();
        self.load_const_tok(Const::None);
        self.rot_two();
        self.jump(aexit_no_exc);
        self.adjust_stack_size(-1);
        // the finally block: an exception, a return or an unwinding jump
        self.label_assign(finally_block);
        self.adjust_stack(-1);
        self.mov_reg_local(self.r.arg1, LOCAL_IDX_EXC_VAL);
        self.post_push_reg(VType::PyObj, self.r.arg1);
        self.asm.jump_if_reg_zero(self.r.arg1, ret_unwind_jump, false);
    }

    fn end_finally(&mut self) {
        let l = self.new_private_label();
        self.adjust_stack(-1);
        self.mov_reg_local(self.r.arg1, LOCAL_IDX_EXC_VAL);
        self.call(F_NATIVE_RAISE);
        let e = self.pop_exc_stack();
        if e.unwind != Unwind::Unused {
            self.mov_reg_local(self.r.ret, self.local_idx_exc_handler_unwind());
            self.asm.jump_if_reg_zero(self.r.ret, l, false);
            match e.unwind {
                Unwind::DoFinalUnwind => self.asm.jump_reg(self.r.ret),
                Unwind::Label(u) => self.jump(u),
                Unwind::Unused => {}
            }
            self.label_assign(l);
        }
    }

    fn get_iter(&mut self, use_stack: bool) {
        self.pop_obj(self.r.arg1);
        if use_stack {
            self.get_stack_pointer_to_reg_for_push(self.r.arg2, ITER_BUF_NSLOTS);
            self.call(F_NATIVE_GETITER);
        } else {
            self.mov_reg_imm(self.r.arg2, 0);
            self.call(F_NATIVE_GETITER);
            self.post_push_reg(VType::PyObj, self.r.ret);
        }
    }

    fn for_iter(&mut self, label: usize) {
        self.get_stack_pointer_to_reg_for_pop(self.r.arg1, ITER_BUF_NSLOTS);
        self.adjust_stack(ITER_BUF_NSLOTS as i32);
        self.call(F_NATIVE_ITERNEXT);
        self.asm.jump_if_reg_zero(self.r.ret, label, false);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn for_iter_end(&mut self) {
        self.adjust_stack(-(ITER_BUF_NSLOTS as i32));
    }

    fn pop_except_jump(&mut self, label: usize, within_exc_handler: bool) {
        if within_exc_handler {
            // cancel the active exception so that later handlers do not see it
            self.mov_local_null(LOCAL_IDX_EXC_VAL, self.r.temp0);
        } else {
            self.leave_exc_stack(false);
        }
        self.jump(label);
    }

    fn unary_op(&mut self, op: u8) {
        use crate::opcode::{UNARY_INVERT, UNARY_NEGATIVE, UNARY_POSITIVE};
        let vtype = self.peek_vtype(0);
        if vtype.is_int() {
            match op {
                UNARY_POSITIVE => {}
                UNARY_NEGATIVE => {
                    let v = self.pre_pop_reg(self.r.ret);
                    self.asm.neg_reg(self.r.ret);
                    self.post_push_reg(v, self.r.ret);
                }
                UNARY_INVERT => {
                    let v = self.pre_pop_reg(self.r.ret);
                    if !self.asm.not_reg(self.r.ret) {
                        let reg = if self.r.ret != self.r.arg1 { self.r.arg1 } else { self.r.arg2 };
                        self.mov_reg_imm(reg, -1);
                        self.asm.alu(Alu::Xor, self.r.ret, reg);
                    }
                    self.post_push_reg(v, self.r.ret);
                }
                _ => self.viper_error("ViperTypeError: 'not' not implemented".to_string()),
            }
            return;
        }
        if vtype != VType::PyObj {
            self.viper_error(format!("ViperTypeError: can't do unary op of '{}'", vtype.name()));
            return;
        }
        self.pre_pop_reg(self.r.arg2);
        self.call_with_imm_arg(F_UNARY_OP, op as u32, self.r.arg1);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn binary_op(&mut self, op: u8) {
        use crate::opcode::{BINARY_IN, BINARY_IS, BINARY_IS_NOT, BINARY_NOT_IN, UNARY_NOT};
        let (vtype_lhs, vtype_rhs) = (self.peek_vtype(1), self.peek_vtype(0));
        if vtype_lhs.is_int() && vtype_rhs.is_int() {
            self.viper_binary_op(op);
            return;
        }
        if vtype_lhs != VType::PyObj || vtype_rhs != VType::PyObj {
            self.adjust_stack(-1);
            self.viper_error(format!(
                "ViperTypeError: can't do binary op between '{}' and '{}'",
                vtype_lhs.name(),
                vtype_rhs.name()
            ));
            return;
        }
        self.pre_pop_reg(self.r.arg3); // rhs
        self.pre_pop_reg(self.r.arg2); // lhs
        let (op, invert) = match op {
            BINARY_NOT_IN => (BINARY_IN, true),
            BINARY_IS_NOT => (BINARY_IS, true),
            o => (o, false),
        };
        self.call_with_imm_arg(F_BINARY_OP, op as u32, self.r.arg1);
        if invert {
            self.asm.mov_reg_reg(self.r.arg2, self.r.ret);
            self.call_with_imm_arg(F_UNARY_OP, UNARY_NOT as u32, self.r.arg1);
        }
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn build(&mut self, n: usize, kind: BuildKind) {
        if kind == BuildKind::Slice {
            if n == 2 {
                self.pop_obj(self.r.arg2);
                self.pop_obj(self.r.arg1);
                self.mov_reg_const(self.r.arg3, F_CONST_NONE_OBJ);
            } else {
                self.pop_obj(self.r.arg3);
                self.pop_obj(self.r.arg2);
                self.pop_obj(self.r.arg1);
            }
            self.call(F_NEW_SLICE);
            self.post_push_reg(VType::PyObj, self.r.ret);
            return;
        }
        if matches!(kind, BuildKind::Tuple | BuildKind::List | BuildKind::Set) {
            self.get_stack_pointer_to_reg_for_pop(self.r.arg2, n);
        }
        self.call_with_imm_arg(F_BUILD_TUPLE + kind as u32, n as u32, self.r.arg1);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn store_map(&mut self) {
        self.pop_obj(self.r.arg2);
        self.pop_obj(self.r.arg3);
        self.pop_obj(self.r.arg1);
        self.call(F_STORE_MAP);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn store_comp(&mut self, kind: crate::tree::CompKind, collection_index: usize) {
        use crate::tree::CompKind;
        let f = match kind {
            CompKind::List | CompKind::Set => {
                self.pop_obj(self.r.arg2);
                if kind == CompKind::List { F_LIST_APPEND } else { F_STORE_SET }
            }
            _ => {
                self.pop_obj(self.r.arg2);
                self.pop_obj(self.r.arg3);
                F_STORE_MAP
            }
        };
        let v = self.access_stack(collection_index, self.r.arg1);
        self.check_obj(v);
        self.call(f);
    }

    fn unpack_sequence(&mut self, n: usize) {
        self.pop_obj(self.r.arg1);
        self.get_stack_pointer_to_reg_for_push(self.r.arg3, n);
        self.call_with_imm_arg(F_UNPACK_SEQUENCE, n as u32, self.r.arg2);
    }

    fn unpack_ex(&mut self, n_left: usize, n_right: usize) {
        self.pop_obj(self.r.arg1);
        self.get_stack_pointer_to_reg_for_push(self.r.arg3, n_left + n_right + 1);
        self.call_with_imm_arg(F_UNPACK_EX, (n_left | n_right << 8) as u32, self.r.arg2);
    }

    fn make_function(&mut self, child: usize, n_pos_defaults: usize, n_kw_defaults: usize) {
        self.mov_reg_state(self.r.arg2, self.local_idx_fun_obj());
        self.load_reg_reg_offset(self.r.arg2, self.r.arg2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        if n_pos_defaults == 0 && n_kw_defaults == 0 {
            self.need_reg_all();
            self.mov_reg_imm(self.r.arg3, 0);
        } else {
            self.get_stack_pointer_to_reg_for_pop(self.r.arg3, 2);
            self.need_reg_all();
        }
        self.load_reg_with_child(self.r.arg1, child);
        self.call_ind(F_MAKE_FUNCTION_FROM_PROTO_FUN);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn make_closure(&mut self, child: usize, n_closed: usize, n_pos_defaults: usize, n_kw_defaults: usize) {
        if self.viper {
            self.unsupported("a closure in viper code: mpy-cross's code for it crashes, a viper function makes no cells");
        }
        let defaults = n_pos_defaults != 0 || n_kw_defaults != 0;
        self.mov_reg_state(self.r.arg2, self.local_idx_fun_obj());
        self.load_reg_reg_offset(self.r.arg2, self.r.arg2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        if !defaults {
            self.need_reg_all();
            self.mov_reg_imm(self.r.arg3, 0);
        } else {
            self.get_stack_pointer_to_reg_for_pop(self.r.arg3, 2 + n_closed);
            self.adjust_stack(2 + n_closed as i32);
            self.need_reg_all();
        }
        self.load_reg_with_child(self.r.arg1, child);
        self.call_ind(F_MAKE_FUNCTION_FROM_PROTO_FUN);
        // the closure over the function and the cells
        if self.r.arg1 != self.r.ret {
            self.asm.mov_reg_reg(self.r.arg1, self.r.ret);
        }
        self.mov_reg_imm(self.r.arg2, n_closed as i64);
        self.get_stack_pointer_to_reg_for_pop(self.r.arg3, n_closed);
        if defaults {
            self.adjust_stack(-2);
        }
        self.call_ind(F_NEW_CLOSURE);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn call_function(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        if self.peek_vtype(n_pos + 2 * n_kw) == VType::BuiltinCast {
            // a viper cast: int(x), ptr8(buf), ...
            if n_pos != 1 || n_kw != 0 || star {
                self.unsupported("a viper cast other than of one positional argument");
                return;
            }
            let Kind::Imm(cast) = self.stack[self.sp - 2].kind else { unreachable!() };
            let vtype_cast = VType::from_native(cast as u8);
            match self.peek_vtype(0) {
                VType::PyObj => {
                    self.pre_pop_reg(self.r.arg1);
                    self.adjust_stack(-1);
                    self.call_with_imm_arg(F_CONVERT_OBJ_TO_NATIVE, vtype_cast as u32, self.r.arg2);
                    self.post_push_reg(vtype_cast, self.r.ret);
                }
                VType::Bool
                | VType::Int
                | VType::Uint
                | VType::Ptr
                | VType::Ptr8
                | VType::Ptr16
                | VType::Ptr32
                | VType::PtrNone => {
                    self.fold_stack_top(self.r.arg1);
                    self.stack[self.sp - 1].vtype = vtype_cast;
                }
                _ => self.unsupported("a cast of a cast (mpy-cross: NotImplementedError)"),
            }
            return;
        }
        let vtype_fun = self.peek_vtype(n_pos + 2 * n_kw);
        self.check_obj(vtype_fun);
        if star {
            self.get_stack_pointer_to_reg_for_pop(self.r.arg3, n_pos + 2 * n_kw + 2);
            self.call_with_2_imm_args(F_CALL_METHOD_N_KW_VAR, 0, self.r.arg1, (n_pos | n_kw << 8) as u32, self.r.arg2);
            self.post_push_reg(VType::PyObj, self.r.ret);
            return;
        }
        if n_pos != 0 || n_kw != 0 {
            self.get_stack_pointer_to_reg_for_pop(self.r.arg3, n_pos + 2 * n_kw);
        }
        self.pre_pop_reg(self.r.arg1);
        self.call_with_imm_arg(F_NATIVE_CALL_FUNCTION_N_KW, (n_pos | n_kw << 8) as u32, self.r.arg2);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn call_method(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        if star {
            self.get_stack_pointer_to_reg_for_pop(self.r.arg3, n_pos + 2 * n_kw + 3);
            self.call_with_2_imm_args(F_CALL_METHOD_N_KW_VAR, 1, self.r.arg1, (n_pos | n_kw << 8) as u32, self.r.arg2);
            self.post_push_reg(VType::PyObj, self.r.ret);
            return;
        }
        self.get_stack_pointer_to_reg_for_pop(self.r.arg3, 2 + n_pos + 2 * n_kw);
        self.call_with_2_imm_args(F_CALL_METHOD_N_KW, n_pos as u32, self.r.arg1, n_kw as u32, self.r.arg2);
        self.post_push_reg(VType::PyObj, self.r.ret);
    }

    fn return_value(&mut self) {
        if self.is_generator() {
            // the value stays on the stack, the caller finds it through sp
            self.get_stack_pointer_to_reg_for_pop(self.r.temp0, 1);
            self.mov_state_reg(OFFSETOF_CODE_STATE_SP, self.r.temp0);
            self.mov_reg_imm(self.r.temp0, VM_RETURN_NORMAL);
            self.mov_local_reg(self.local_idx_ret_val(), self.r.temp0);
            self.unwind_jump(self.exit_label, self.exc_stack.len());
            return;
        }
        if self.viper {
            let ret = VType::from_native(self.viper_sig.ret);
            if self.peek_vtype(0) == VType::PtrNone {
                self.adjust_stack(-1);
                if ret == VType::PyObj {
                    self.mov_reg_const(self.r.parent_ret, F_CONST_NONE_OBJ);
                } else {
                    self.mov_reg_imm(self.r.arg1, 0);
                }
            } else {
                let vtype = self.pre_pop_reg(if ret == VType::PyObj { self.r.parent_ret } else { self.r.arg1 });
                if vtype != ret {
                    self.viper_error(format!(
                        "ViperTypeError: return expected '{}' but got '{}'",
                        ret.name(),
                        vtype.name()
                    ));
                }
            }
            if ret != VType::PyObj {
                self.call_with_imm_arg(F_CONVERT_NATIVE_TO_OBJ, ret as u32, self.r.arg2);
                if self.r.ret != self.r.parent_ret {
                    self.asm.mov_reg_reg(self.r.parent_ret, self.r.ret);
                }
            }
        } else {
            self.pre_pop_reg(self.r.parent_ret);
        }
        if self.need_global_exc_handler() {
            self.mov_local_reg(self.local_idx_ret_val(), self.r.parent_ret);
        }
        self.unwind_jump(self.exit_label, self.exc_stack.len());
    }

    fn raise_varargs(&mut self, n: usize) {
        if n != 1 {
            // (mpy-cross refuses it too)
            self.viper_error("NotImplementedError: native raise".to_string());
            self.adjust_stack(-(n as i32));
            return;
        }
        let vtype = self.pre_pop_reg(self.r.arg1);
        if vtype != VType::PyObj {
            self.viper_error("ViperTypeError: must raise an object".to_string());
        }
        self.call(F_NATIVE_RAISE);
        self.asm.suppress();
    }

    fn yield_value(&mut self) {
        self.native_yield(false);
    }

    fn yield_from(&mut self) {
        self.native_yield(true);
    }

    fn start_except_handler(&mut self) {
        self.leave_exc_stack(true);
        self.mov_reg_local(self.r.temp0, LOCAL_IDX_EXC_VAL);
        self.post_push_reg(VType::PyObj, self.r.temp0);
    }

    fn end_except_handler(&mut self) {}

    fn alloc_child(&mut self) -> usize {
        let c = self.children;
        self.children += 1;
        c
    }
}

impl NativeEmitter {
    /// `emit_native_yield`: save the stack pointer and the re-entry PC in the state and
    /// return "yield" to the caller; `yield from` loops over the delegate.
    fn native_yield(&mut self, from: bool) {
        if self.viper {
            self.viper_error("NotImplementedError: native yield".to_string());
            return;
        }
        self.scope_flags |= SCOPE_FLAG_GENERATOR;
        let reentry = self.new_private_label();
        let (top, entry) = if from { (self.new_private_label(), self.new_private_label()) } else { (0, 0) };
        self.need_stack_settled();
        if from {
            self.jump(entry);
            self.label_assign(top);
        }
        self.get_stack_pointer_to_reg_for_pop(self.r.temp0, 1);
        self.mov_state_reg(OFFSETOF_CODE_STATE_SP, self.r.temp0);
        self.mov_reg_imm(self.r.temp0, VM_RETURN_YIELD);
        self.mov_local_reg(self.local_idx_ret_val(), self.r.temp0);
        self.asm.mov_reg_pcrel(self.r.temp0, reentry);
        self.mov_state_reg(self.code_state_start + OFFSETOF_CODE_STATE_IP, self.r.temp0);
        self.asm.jump(self.exit_label);
        self.asm.label_assign(reentry);
        // re-open the innermost active exception handler
        if let Some(e) = self.exc_stack.iter().rev().find(|e| e.is_active).copied() {
            self.asm.mov_reg_pcrel(self.r.ret, e.label);
            self.mov_local_reg(self.local_idx_exc_handler_pc(), self.r.ret);
        }
        self.adjust_stack_size(1); // the value sent in
        if !from {
            self.mov_reg_local(self.r.arg1, self.local_idx_throw_val());
            self.mov_local_null(self.local_idx_throw_val(), self.r.arg2);
            self.call(F_NATIVE_RAISE);
        } else {
            self.label_assign(entry);
            self.mov_reg_local(self.r.arg3, self.local_idx_throw_val());
            self.mov_reg_imm(self.r.arg2, 0);
            self.mov_local_reg(self.local_idx_throw_val(), self.r.arg2);
            self.pre_pop_reg(self.r.arg2); // the value sent in
            self.access_stack(1, self.r.arg1); // the delegate
            self.post_push_reg(VType::PyObj, self.r.arg3);
            self.get_stack_pointer_to_reg_for_pop(self.r.arg3, 1); // its return value
            self.call(F_NATIVE_YIELD_FROM);
            self.asm.jump_if_reg_nonzero(self.r.ret, top, true);
            // the delegate is done: its return value replaces it
            self.adjust_stack_size(1);
            self.fold_stack_top(self.r.arg1);
        }
    }

    /// `base[index]` of a viper pointer: a load of 1, 2 or 4 bytes.
    fn viper_load_subscr(&mut self) {
        let top = self.stack[self.sp - 1];
        let size_log2 = |t: VType| match t {
            VType::Ptr8 => Some(0),
            VType::Ptr16 => Some(1),
            VType::Ptr32 => Some(2),
            _ => None,
        };
        if let (VType::Int, Kind::Imm(index)) = (top.vtype, top.kind) {
            self.adjust_stack(-1);
            let (vtype_base, reg_base) = self.pre_pop_reg_flexible(self.r.arg1, self.r.arg2, self.r.arg2);
            self.need_reg_single(self.r.ret, 0);
            match size_log2(vtype_base) {
                Some(sz) => self.asm.load_sized(sz, self.r.ret, reg_base, index as u32),
                None => self.viper_error(format!("ViperTypeError: can't load from '{}'", vtype_base.name())),
            }
        } else {
            let (vtype_index, reg_index) = self.pre_pop_reg_flexible(self.r.arg2, self.r.arg1, self.r.arg1);
            let vtype_base = self.pre_pop_reg(self.r.arg1);
            self.need_reg_single(self.r.ret, 0);
            if !vtype_index.is_int() {
                self.viper_error(format!("ViperTypeError: can't load with '{}' index", vtype_index.name()));
            }
            match size_log2(vtype_base) {
                Some(sz) => self.asm.load_indexed(sz, self.r.ret, self.r.arg1, reg_index),
                None => self.viper_error(format!("ViperTypeError: can't load from '{}'", vtype_base.name())),
            }
        }
        self.post_push_reg(VType::Int, self.r.ret);
    }

    /// `base[index] = value` of a viper pointer.
    fn viper_store_subscr(&mut self) {
        let top = self.stack[self.sp - 1];
        let size_log2 = |t: VType| match t {
            VType::Ptr8 => Some(0),
            VType::Ptr16 => Some(1),
            VType::Ptr32 => Some(2),
            _ => None,
        };
        let storable = |t: VType| matches!(t, VType::Bool | VType::Int | VType::Uint);
        if let (VType::Int, Kind::Imm(index)) = (top.vtype, top.kind) {
            self.adjust_stack(-1);
            let (reg_index, reg_value) = (self.r.arg2, self.r.arg3);
            let (vtype_base, reg_base) = self.pre_pop_reg_flexible(self.r.arg1, reg_index, reg_value);
            // (x86: byte stores only from the low registers: the value goes to REG_ARG_3)
            let (vtype_value, reg_value) = if self.asm.is_x86() {
                (self.pre_pop_reg(reg_value), reg_value)
            } else {
                self.pre_pop_reg_flexible(reg_value, reg_base, reg_index)
            };
            if !storable(vtype_value) {
                self.viper_error(format!("ViperTypeError: can't store '{}'", vtype_value.name()));
            }
            match size_log2(vtype_base) {
                Some(sz) => {
                    self.asm.store_sized(sz, reg_value, reg_base, index as u32);
                    self.note_scratch_clobber();
                }
                None => self.viper_error(format!("ViperTypeError: can't store to '{}'", vtype_base.name())),
            }
        } else {
            let (vtype_index, reg_index) = self.pre_pop_reg_flexible(self.r.arg2, self.r.arg1, self.r.arg3);
            let vtype_base = self.pre_pop_reg(self.r.arg1);
            if !vtype_index.is_int() {
                self.viper_error(format!("ViperTypeError: can't store with '{}' index", vtype_index.name()));
            }
            let (vtype_value, reg_value) = if self.asm.is_x86() {
                (self.pre_pop_reg(self.r.arg3), self.r.arg3)
            } else {
                self.pre_pop_reg_flexible(self.r.arg3, self.r.arg1, reg_index)
            };
            if !storable(vtype_value) {
                self.viper_error(format!("ViperTypeError: can't store '{}'", vtype_value.name()));
            }
            match size_log2(vtype_base) {
                Some(sz) => self.asm.store_indexed(sz, reg_value, self.r.arg1, reg_index),
                None => self.viper_error(format!("ViperTypeError: can't store to '{}'", vtype_base.name())),
            }
        }
    }

    /// A binary operation of two viper integers, in machine code.
    fn viper_binary_op(&mut self, mut op: u8) {
        const INPLACE_OR: u8 = 9;
        const INPLACE_POWER: u8 = 21;
        const OR: u8 = 22;
        const XOR: u8 = 23;
        const AND: u8 = 24;
        const LSHIFT: u8 = 25;
        const RSHIFT: u8 = 26;
        const ADD: u8 = 27;
        const SUB: u8 = 28;
        const MUL: u8 = 29;
        const FLOOR_DIVIDE: u8 = 31;
        const MODULO: u8 = 33;
        if (INPLACE_OR..=INPLACE_POWER).contains(&op) {
            op += OR - INPLACE_OR;
        }
        if op == FLOOR_DIVIDE || op == MODULO {
            self.pre_pop_reg(self.r.arg2);
            let vtype_lhs = self.pre_pop_reg(self.r.arg1);
            if vtype_lhs != VType::Int {
                self.viper_error("ViperTypeError: div/mod not implemented for uint".to_string());
            }
            self.call(if op == FLOOR_DIVIDE { F_SMALL_INT_FLOOR_DIVIDE } else { F_SMALL_INT_MODULO });
            self.post_push_reg(VType::Int, self.r.ret);
            return;
        }
        if self.asm.is_x86() && (op == LSHIFT || op == RSHIFT) {
            // the amount in cl
            self.pre_pop_reg(crate::asm_x64::RCX);
            let vtype_lhs = self.pre_pop_reg(self.r.ret);
            let shift = match op {
                LSHIFT => Shift::Lsl,
                _ if vtype_lhs == VType::Uint => Shift::Lsr,
                _ => Shift::Asr,
            };
            self.asm.shift(shift, self.r.ret, crate::asm_x64::RCX);
            self.post_push_reg(vtype_lhs, self.r.ret);
            return;
        }
        let (vtype_rhs, reg_rhs) = self.pre_pop_reg_flexible(self.r.arg3, self.r.ret, self.r.arg2);
        let vtype_lhs = self.pre_pop_reg(self.r.arg2);
        let a = self.r.arg2;
        match op {
            LSHIFT => self.asm.shift(Shift::Lsl, a, reg_rhs),
            RSHIFT if vtype_lhs == VType::Uint => self.asm.shift(Shift::Lsr, a, reg_rhs),
            RSHIFT => self.asm.shift(Shift::Asr, a, reg_rhs),
            OR => self.asm.alu(Alu::Or, a, reg_rhs),
            XOR => self.asm.alu(Alu::Xor, a, reg_rhs),
            AND => self.asm.alu(Alu::And, a, reg_rhs),
            ADD => self.asm.alu(Alu::Add, a, reg_rhs),
            SUB => self.asm.alu(Alu::Sub, a, reg_rhs),
            MUL => self.asm.alu(Alu::Mul, a, reg_rhs),
            0..=5 => {
                if vtype_lhs != vtype_rhs {
                    self.viper_error("ViperTypeError: comparison of int and uint".to_string());
                }
                let op_idx = op as usize + if vtype_lhs == VType::Uint { 0 } else { 6 };
                self.need_reg_single(self.r.ret, 0);
                self.asm.compare(op_idx, self.r.ret, a, reg_rhs);
                self.post_push_reg(VType::Bool, self.r.ret);
                return;
            }
            _ => {
                self.adjust_stack(1);
                self.viper_error(format!("ViperTypeError: binary op {op} not implemented"));
                return;
            }
        }
        self.post_push_reg(vtype_lhs, a);
    }

    /// `X = pop(); discard(); push(X)` (`emit_fold_stack_top`).
    fn fold_stack_top(&mut self, reg: u32) {
        let i = self.sp - 2;
        self.stack[i] = self.stack[i + 1];
        if self.stack[i].kind == Kind::Value {
            self.mov_reg_state(reg, self.stack_start + self.sp as u32 - 1);
            self.stack[i].kind = Kind::Reg(reg);
        }
        self.adjust_stack(-1);
    }

    fn jump_helper(&mut self, cond: bool, label: usize, pop: bool) {
        let vtype = if self.peek_vtype(0) == VType::PyObj {
            let vtype = self.pre_pop_reg(self.r.arg1);
            if !pop {
                self.adjust_stack(1);
            }
            self.call(F_OBJ_IS_TRUE);
            vtype
        } else {
            let vtype = self.pre_pop_reg(self.r.ret);
            if !pop {
                self.adjust_stack(1);
            }
            if !matches!(vtype, VType::Bool | VType::Int | VType::Uint) {
                self.viper_error(format!("ViperTypeError: can't implicitly convert '{}' to 'bool'", vtype.name()));
            }
            vtype
        };
        if !pop {
            self.saved_stack_vtype = vtype;
        }
        self.need_stack_settled();
        let bool_test = vtype == VType::PyObj;
        if cond {
            self.asm.jump_if_reg_nonzero(self.r.ret, label, bool_test);
        } else {
            self.asm.jump_if_reg_zero(self.r.ret, label, bool_test);
        }
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
    pub fn begin_native(&mut self, arch: crate::native::Arch, arch_flags: u32, max_labels: usize, viper: Option<ViperSig>) {
        let common = std::mem::take(&mut self.bc.common);
        match &mut self.native {
            Some(n) => {
                n.common = common;
                n.asm.set_max_labels(max_labels + 6);
                n.label_base = max_labels;
                n.error = None;
            }
            None => self.native = Some(NativeEmitter::new(common, max_labels, arch, arch_flags)),
        }
        let n = self.native.as_mut().unwrap();
        n.viper = viper.is_some();
        n.viper_sig = viper.unwrap_or_default();
        n.has_consts = false;
        n.placed_line = 0;
        self.native_active = true;
    }

    /// Back to bytecode; the native emitter's result and first error are returned.
    /// The error comes with its source line (0: the scope's): a refusal of ours where it was
    /// found, an error mpy-cross gives too where mpy-cross places it.
    pub fn end_native(&mut self) -> (Option<NativeCode>, Option<(String, u32)>) {
        let n = self.native.as_mut().expect("native emitter");
        self.bc.common = std::mem::take(&mut n.common);
        self.native_active = false;
        let line = std::mem::take(&mut n.error_line);
        let placed = std::mem::take(&mut n.placed_line);
        let error = n.error.take().map(|e| {
            let line = if e.starts_with("not supported yet") { line } else { placed };
            (e, line)
        });
        (n.finished.take(), error)
    }

    /// Called after each statement of a block of several (compile.c's
    /// `compile_generic_all_nodes`, which checks for an error after each node and gives the
    /// error that node's line unless an inner block did). A lone statement is no such block:
    /// an error there takes an outer block's statement line or, if none, the scope's line.
    pub fn place_native_error(&mut self, line: u32) {
        if let Some(n) = self.native.as_mut().filter(|_| self.native_active) {
            if n.error.is_some() && n.placed_line == 0 {
                n.placed_line = line;
            }
        }
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
        fn pop_except_jump(&mut self, label: usize, within_exc_handler: bool);
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
