//! The bytecode emitter: turns the code generator's calls into MicroPython bytecode, a
//! prelude and a line-number table, over the passes MicroPython uses (scope, stack size, code
//! size, emit until jump sizes settle). The code generator talks to it through [`Emitter`],
//! so another back end (native code) could stand in its place.

use crate::constant::Const;
use crate::fx_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use crate::opcode::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pass {
    Scope = 1,
    StackSize = 2,
    CodeSize = 3,
    Emit = 4,
}

/// Module-wide tables shared by every scope: qstrs and constant objects, indexed in order
/// of first use.
#[derive(Default)]
pub struct EmitCommon {
    /// Qstrs as bytes: string literals may hold MicroPython's encoding of lone surrogates.
    pub qstrs: Vec<Vec<u8>>,
    qstr_index: FxHashMap<Vec<u8>, usize>,
    pub consts: Vec<Const>,
    /// Constant-table indices by [`Const::strict_hash`]: de-duplication without a linear scan
    /// (a module may hold tens of thousands of constants).
    const_index: FxHashMap<u64, Vec<usize>>,
    /// Qstrs in [`EmitCommon::qstrs`] that are not static (see [`crate::MAX_MODULE_QSTRS`]).
    pub new_qstrs: usize,
    /// Index in `consts` of the native function table (`mp_fun_table`), once a native scope
    /// asked for it; its place in `consts` holds a placeholder no constant equals.
    pub fun_table: Option<usize>,
}

impl EmitCommon {
    pub fn new(source_file: &str) -> Self {
        let mut c = EmitCommon::default();
        c.use_qstr(source_file.as_bytes());
        c
    }

    pub fn use_qstr(&mut self, q: &[u8]) -> usize {
        if let Some(&i) = self.qstr_index.get(q) {
            return i;
        }
        let i = self.qstrs.len();
        if std::str::from_utf8(q).ok().and_then(crate::qstr::static_index).is_none() {
            self.new_qstrs += 1;
        }
        self.qstrs.push(q.to_vec());
        self.qstr_index.insert(q.to_vec(), i);
        i
    }

    /// The constant-table index of `mp_fun_table` (a unique object: never shared with a
    /// constant).
    pub fn use_fun_table(&mut self) -> usize {
        if let Some(i) = self.fun_table {
            return i;
        }
        let i = self.consts.len();
        self.consts.push(Const::None);
        self.fun_table = Some(i);
        i
    }

    pub fn use_const(&mut self, c: &Const) -> usize {
        let mut h = FxHasher::default();
        c.strict_hash(&mut h);
        let same_hash = self.const_index.entry(h.finish()).or_default();
        if let Some(&i) = same_hash.iter().find(|&&i| self.consts[i].strictly_equal(c)) {
            return i;
        }
        let i = self.consts.len();
        same_hash.push(i);
        self.consts.push(c.clone());
        i
    }
}

/// What the prelude of a scope says: computed by the code generator from its scope analysis.
pub struct ScopeSig<'a> {
    pub n_state: usize,
    pub n_exc_stack: usize,
    pub scope_flags: u32,
    pub num_pos_args: usize,
    pub num_kwonly_args: usize,
    pub num_def_pos_args: usize,
    pub simple_name: &'a str,
    /// Names of the positional and keyword-only parameters, in local-slot order.
    pub arg_names: Vec<String>,
    /// Name of each local slot (for the native emitter's viper errors).
    pub local_names: Vec<String>,
}

pub const SCOPE_FLAG_GENERATOR: u32 = 0x01;
pub const SCOPE_FLAG_VARKEYWORDS: u32 = 0x02;
pub const SCOPE_FLAG_VARARGS: u32 = 0x04;
pub const SCOPE_FLAG_DEFKWARGS: u32 = 0x08;

pub const BREAK_FROM_FOR: usize = 0x8000;
const ITER_BUF_NSLOTS: i32 = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IdOp {
    Load,
    Store,
    Delete,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    Fast,
    Deref,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum GlobalKind {
    Name,
    Global,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BuildKind {
    Tuple = 0,
    List = 1,
    Map = 2,
    Set = 3,
    Slice = 4,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SetupKind {
    With = 0,
    Except = 1,
    Finally = 2,
}

/// The emitter interface the code generator drives (MicroPython's `emit_method_table_t`).
pub trait Emitter {
    fn start_pass(&mut self, pass: Pass, sig: &ScopeSig, stack_size: usize);
    /// Returns false when the emit pass must be repeated (sizes changed).
    fn end_pass(&mut self, cells: &[usize]) -> bool;
    fn pass(&self) -> Pass;
    fn max_stack_size(&self) -> usize;
    fn scope_flags_add(&self) -> u32;
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
    /// Reserves a child slot for a nested raw code; returns its index in this scope.
    fn alloc_child(&mut self) -> usize;
}

/// MicroPython's bytecode emitter (`py/emitbc.c` semantics).
pub struct BytecodeEmitter {
    pub common: EmitCommon,
    pass: Pass,
    suppress: bool,
    stack_size: i32,
    max_stack: usize,
    scope_flags: u32,
    last_source_line_offset: usize,
    last_source_line: u32,
    label_offsets: Vec<usize>,
    code_info_offset: usize,
    code_info_size: usize,
    bytecode_offset: usize,
    bytecode_size: usize,
    code: Vec<u8>,
    overflow: bool,
    n_info: usize,
    n_cell: usize,
    children: usize,
    source_lines: bool,
    /// Bytes of the finished raw code after the emit pass.
    pub finished: Option<Vec<u8>>,
    /// Source line of the statement being compiled (with or without a line table), for the
    /// limit errors below; the code generator sets it to the scope's line at each pass.
    pub line: u32,
    /// Locals of the scope of this pass (its `n_state` less its stack).
    n_locals: usize,
    /// Where this pass first needed more than [`crate::MAX_STATE_SLOTS`] stack slots and locals.
    pub state_over_line: Option<u32>,
    /// Where the module first used more than [`crate::MAX_MODULE_QSTRS`] new qstrs.
    pub qstrs_over_line: Option<u32>,
}

impl BytecodeEmitter {
    pub fn new(common: EmitCommon, source_lines: bool) -> Self {
        BytecodeEmitter {
            common,
            pass: Pass::Scope,
            suppress: false,
            stack_size: 0,
            max_stack: 0,
            scope_flags: 0,
            last_source_line_offset: 0,
            last_source_line: 1,
            label_offsets: Vec::new(),
            code_info_offset: 0,
            code_info_size: 0,
            bytecode_offset: 0,
            bytecode_size: 0,
            code: Vec::new(),
            overflow: false,
            n_info: 0,
            n_cell: 0,
            children: 0,
            source_lines,
            finished: None,
            line: 1,
            n_locals: 0,
            state_over_line: None,
            qstrs_over_line: None,
        }
    }

    pub fn children_count(&self) -> usize {
        self.children
    }

    pub fn overflowed(&self) -> bool {
        self.overflow
    }

    fn write_code_info(&mut self, bytes: &[u8]) {
        if self.pass == Pass::Emit {
            let o = self.code_info_offset;
            if o + bytes.len() <= self.code_info_size {
                self.code[o..o + bytes.len()].copy_from_slice(bytes);
            }
        }
        self.code_info_offset += bytes.len();
    }

    fn write_code_info_uint(&mut self, v: usize) {
        let (buf, len) = uint_bytes(None, v);
        self.write_code_info(&buf[..len]);
    }

    fn write_code_info_qstr(&mut self, q: &str) {
        let i = self.use_qstr(q.as_bytes());
        self.write_code_info_uint(i);
    }

    fn use_qstr(&mut self, q: &[u8]) -> usize {
        let i = self.common.use_qstr(q);
        if self.common.new_qstrs > crate::MAX_MODULE_QSTRS && self.qstrs_over_line.is_none() {
            self.qstrs_over_line = Some(self.line);
        }
        i
    }

    fn write_bytecode(&mut self, bytes: &[u8]) {
        if self.suppress {
            return;
        }
        if self.pass == Pass::Emit {
            let o = self.code_info_size + self.bytecode_offset;
            if self.bytecode_offset + bytes.len() <= self.bytecode_size {
                self.code[o..o + bytes.len()].copy_from_slice(bytes);
            }
        }
        self.bytecode_offset += bytes.len();
    }

    fn op(&mut self, delta: i32, b: u8) {
        self.adjust_stack_size(delta);
        self.write_bytecode(&[b]);
    }

    fn op_uint(&mut self, delta: i32, b: u8, v: usize) {
        self.adjust_stack_size(delta);
        let (buf, len) = uint_bytes(Some(b), v);
        self.write_bytecode(&buf[..len]);
    }

    fn op_qstr(&mut self, delta: i32, b: u8, q: &[u8]) {
        let i = self.use_qstr(q);
        self.op_uint(delta, b, i);
    }

    fn op_int(&mut self, delta: i32, b: u8, num: i64) {
        self.adjust_stack_size(delta);
        // Signed 7-bit groups, least significant first, then reversed (no heap: this runs for
        // every small int in every pass).
        let mut tmp = [0u8; 12];
        let mut n_tmp = 0;
        let mut n = num;
        loop {
            tmp[n_tmp] = (n & 0x7f) as u8;
            n_tmp += 1;
            n >>= 7;
            if n == 0 || n == -1 {
                break;
            }
        }
        let top = tmp[n_tmp - 1];
        if n == -1 && (top & 0x40) == 0 {
            tmp[n_tmp] = 0x7f;
            n_tmp += 1;
        } else if n == 0 && (top & 0x40) != 0 {
            tmp[n_tmp] = 0;
            n_tmp += 1;
        }
        let mut buf = [0u8; 13];
        buf[0] = b;
        for i in 0..n_tmp {
            let byte = tmp[n_tmp - 1 - i];
            buf[1 + i] = if i + 1 < n_tmp { byte | 0x80 } else { byte };
        }
        self.write_bytecode(&buf[..1 + n_tmp]);
    }

    fn op_label(&mut self, delta: i32, b: u8, label: usize) {
        self.adjust_stack_size(delta);
        if self.suppress {
            return;
        }
        let is_signed = b <= POP_JUMP_IF_FALSE;
        let mut jump_size = 1usize;
        let mut offset: isize = 0;
        if self.pass >= Pass::CodeSize {
            offset = self.label_offsets[label] as isize - self.bytecode_offset as isize - 2;
            if (is_signed && (-64..=63).contains(&offset)) || (!is_signed && (0..=127).contains(&offset)) {
                jump_size = 0;
            }
            offset -= jump_size as isize;
        }
        if jump_size == 0 {
            if is_signed {
                offset += 0x40;
            }
            self.write_bytecode(&[b, offset as u8]);
        } else {
            if is_signed {
                offset += 0x4000;
            }
            if self.pass == Pass::Emit && !(0..=0x7fff).contains(&offset) {
                self.overflow = true;
            }
            self.write_bytecode(&[b, 0x80 | (offset & 0x7f) as u8, ((offset >> 7) & 0xff) as u8]);
        }
    }

    fn write_lines(&mut self, mut bytes_to_skip: usize, mut lines_to_skip: usize) {
        while bytes_to_skip > 0 || lines_to_skip > 0 {
            let (b, l);
            if lines_to_skip <= 6 || bytes_to_skip > 0xf {
                b = bytes_to_skip.min(0x1f);
                l = if b < bytes_to_skip { 0 } else { lines_to_skip.min(3) };
                self.write_code_info(&[(b | (l << 5)) as u8]);
            } else {
                b = bytes_to_skip.min(0xf);
                l = lines_to_skip.min(0x7ff);
                self.write_code_info(&[(0x80 | b | ((l >> 4) & 0x70)) as u8, (l & 0xff) as u8]);
            }
            bytes_to_skip -= b;
            lines_to_skip -= l;
        }
    }

    pub fn set_max_labels(&mut self, n: usize) {
        self.label_offsets = vec![0; n];
    }
}

/// MicroPython's unsigned var-int: 7 bits a byte, most significant first, high bit = more.
/// `v` as MicroPython's variable-length unsigned int (7 bits a byte, most significant first),
/// after an optional opcode byte: the bytes and how many there are.
fn uint_bytes(opcode: Option<u8>, v: usize) -> ([u8; 11], usize) {
    let mut groups = [0u8; 10];
    let mut n = 0;
    let mut rest = v;
    loop {
        groups[n] = (rest & 0x7f) as u8;
        n += 1;
        rest >>= 7;
        if rest == 0 {
            break;
        }
    }
    let mut buf = [0u8; 11];
    let mut len = 0;
    if let Some(b) = opcode {
        buf[0] = b;
        len = 1;
    }
    for i in (0..n).rev() {
        buf[len] = groups[i] | if i > 0 { 0x80 } else { 0 };
        len += 1;
    }
    (buf, len)
}

pub fn encode_uint(mut v: usize) -> Vec<u8> {
    let mut tmp = vec![(v & 0x7f) as u8];
    v >>= 7;
    while v != 0 {
        tmp.push(0x80 | (v & 0x7f) as u8);
        v >>= 7;
    }
    tmp.reverse();
    tmp
}

impl Emitter for BytecodeEmitter {
    fn start_pass(&mut self, pass: Pass, sig: &ScopeSig, stack_size: usize) {
        self.pass = pass;
        self.stack_size = 0;
        self.max_stack = stack_size;
        self.scope_flags = 0;
        self.suppress = false;
        self.last_source_line_offset = 0;
        self.last_source_line = 1;
        self.bytecode_offset = 0;
        self.code_info_offset = 0;
        self.overflow = false;
        self.children = 0;
        self.n_locals = sig.n_state.saturating_sub(stack_size);
        self.state_over_line = None;
        // Prelude signature: n_state, n_exc_stack, flags, args.
        {
            let mut s = sig.n_state.max(1) - 1;
            let mut e = sig.n_exc_stack;
            let mut f = (sig.scope_flags & 0x0f) as usize;
            let mut a = sig.num_pos_args;
            let mut k = sig.num_kwonly_args;
            let mut d = sig.num_def_pos_args;
            let mut z = ((s & 0xf) << 3 | (e & 1) << 2 | (a & 3)) as u8;
            s >>= 4;
            e >>= 1;
            a >>= 2;
            while (s | e | f | a | k | d) != 0 {
                self.write_code_info(&[0x80 | z]);
                z = ((f & 1) << 6 | (s & 3) << 4 | (k & 1) << 3 | (a & 1) << 2 | (e & 1) << 1 | (d & 1)) as u8;
                s >>= 2;
                e >>= 1;
                f >>= 1;
                a >>= 1;
                k >>= 1;
                d >>= 1;
            }
            self.write_code_info(&[z]);
        }
        if self.pass >= Pass::CodeSize {
            let mut i = self.n_info;
            let mut c = self.n_cell;
            loop {
                let mut z = ((i & 0x3f) << 1 | (c & 1)) as u8;
                c >>= 1;
                i >>= 6;
                if (c | i) != 0 {
                    z |= 0x80;
                }
                self.write_code_info(&[z]);
                if (c | i) == 0 {
                    break;
                }
            }
        }
        self.n_info = self.code_info_offset;
        self.write_code_info_qstr(sig.simple_name);
        for name in &sig.arg_names {
            self.write_code_info_qstr(name);
        }
    }

    fn end_pass(&mut self, cells: &[usize]) -> bool {
        if self.pass == Pass::Scope {
            return true;
        }
        self.n_info = self.code_info_offset - self.n_info;
        self.n_cell = 0;
        for &c in cells {
            self.write_code_info(&[c as u8]);
            self.n_cell += 1;
        }
        match self.pass {
            Pass::CodeSize => {
                self.code_info_size = self.code_info_offset;
                self.bytecode_size = self.bytecode_offset;
                self.code = vec![0; self.code_info_size + self.bytecode_size];
            }
            Pass::Emit => {
                if self.code_info_offset != self.code_info_size || self.bytecode_offset != self.bytecode_size {
                    self.code_info_size = self.code_info_offset;
                    self.bytecode_size = self.bytecode_offset;
                    self.code = vec![0; self.code_info_size + self.bytecode_size];
                    return false;
                }
                self.finished = Some(self.code.clone());
            }
            _ => {}
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
        self.scope_flags
    }

    fn adjust_stack_size(&mut self, delta: i32) {
        if self.pass == Pass::Scope {
            return;
        }
        self.stack_size += delta;
        if self.stack_size > self.max_stack as i32 {
            self.max_stack = self.stack_size as usize;
            if self.n_locals + self.max_stack > crate::MAX_STATE_SLOTS && self.state_over_line.is_none() {
                self.state_over_line = Some(self.line);
            }
        }
    }

    fn set_source_line(&mut self, line: u32) {
        if line > 0 {
            self.line = line;
        }
        if !self.source_lines {
            return;
        }
        if line > self.last_source_line {
            let bytes = self.bytecode_offset - self.last_source_line_offset;
            let lines = (line - self.last_source_line) as usize;
            self.write_lines(bytes, lines);
            self.last_source_line_offset = self.bytecode_offset;
            self.last_source_line = line;
        }
    }

    fn label_assign(&mut self, label: usize) {
        self.suppress = false;
        if self.pass == Pass::Scope {
            return;
        }
        self.label_offsets[label] = self.bytecode_offset;
    }

    fn import_name(&mut self, q: &str) {
        self.op_qstr(-1, IMPORT_NAME, q.as_bytes());
    }

    fn import_from(&mut self, q: &str) {
        self.op_qstr(1, IMPORT_FROM, q.as_bytes());
    }

    fn import_star(&mut self) {
        self.op(-1, IMPORT_STAR);
    }

    fn load_const_tok(&mut self, tok: Const) {
        match tok {
            Const::False => self.op(1, LOAD_CONST_FALSE),
            Const::None => self.op(1, LOAD_CONST_NONE),
            Const::True => self.op(1, LOAD_CONST_TRUE),
            other => self.load_const_obj(&other),
        }
    }

    fn load_const_small_int(&mut self, v: i64) {
        if (-LOAD_CONST_SMALL_INT_MULTI_EXCESS..LOAD_CONST_SMALL_INT_MULTI_NUM - LOAD_CONST_SMALL_INT_MULTI_EXCESS)
            .contains(&v)
        {
            let b = (LOAD_CONST_SMALL_INT_MULTI as i64 + LOAD_CONST_SMALL_INT_MULTI_EXCESS + v) as u8;
            self.op(1, b);
        } else {
            self.op_int(1, LOAD_CONST_SMALL_INT, v);
        }
    }

    fn load_const_str(&mut self, q: &[u8]) {
        self.op_qstr(1, LOAD_CONST_STRING, q);
    }

    fn load_const_obj(&mut self, c: &Const) {
        let i = self.common.use_const(c);
        self.op_uint(1, LOAD_CONST_OBJ, i);
    }

    fn load_null(&mut self) {
        self.op(1, LOAD_NULL);
    }

    fn local(&mut self, op: IdOp, kind: LocalKind, n: usize) {
        match (op, kind) {
            (IdOp::Load, LocalKind::Fast) if n <= 15 => self.op(1, LOAD_FAST_MULTI + n as u8),
            (IdOp::Load, LocalKind::Fast) => self.op_uint(1, LOAD_FAST_N, n),
            (IdOp::Load, LocalKind::Deref) => self.op_uint(1, LOAD_DEREF, n),
            (IdOp::Store, LocalKind::Fast) if n <= 15 => self.op(-1, STORE_FAST_MULTI + n as u8),
            (IdOp::Store, LocalKind::Fast) => self.op_uint(-1, STORE_FAST_N, n),
            (IdOp::Store, LocalKind::Deref) => self.op_uint(-1, STORE_DEREF, n),
            (IdOp::Delete, LocalKind::Fast) => self.op_uint(0, DELETE_FAST, n),
            (IdOp::Delete, LocalKind::Deref) => self.op_uint(0, DELETE_DEREF, n),
        }
    }

    fn global(&mut self, op: IdOp, kind: GlobalKind, q: &str) {
        let g = kind == GlobalKind::Global;
        match op {
            IdOp::Load => self.op_qstr(1, if g { LOAD_GLOBAL } else { LOAD_NAME }, q.as_bytes()),
            IdOp::Store => self.op_qstr(-1, if g { STORE_GLOBAL } else { STORE_NAME }, q.as_bytes()),
            IdOp::Delete => self.op_qstr(0, if g { DELETE_GLOBAL } else { DELETE_NAME }, q.as_bytes()),
        }
    }

    fn load_method(&mut self, q: &str, is_super: bool) {
        if is_super {
            self.op_qstr(-1, LOAD_SUPER_METHOD, q.as_bytes());
        } else {
            self.op_qstr(1, LOAD_METHOD, q.as_bytes());
        }
    }

    fn load_build_class(&mut self) {
        self.op(1, LOAD_BUILD_CLASS);
    }

    fn subscr(&mut self, op: IdOp) {
        match op {
            IdOp::Load => self.op(-1, LOAD_SUBSCR),
            IdOp::Store => self.op(-3, STORE_SUBSCR),
            IdOp::Delete => {
                self.load_null();
                self.rot_three();
                self.op(-3, STORE_SUBSCR);
            }
        }
    }

    fn attr(&mut self, q: &str, op: IdOp) {
        match op {
            IdOp::Load => self.op_qstr(0, LOAD_ATTR, q.as_bytes()),
            IdOp::Store => self.op_qstr(-2, STORE_ATTR, q.as_bytes()),
            IdOp::Delete => {
                self.load_null();
                self.rot_two();
                self.op_qstr(-2, STORE_ATTR, q.as_bytes());
            }
        }
    }

    fn dup_top(&mut self) {
        self.op(1, DUP_TOP);
    }

    fn dup_top_two(&mut self) {
        self.op(2, DUP_TOP_TWO);
    }

    fn pop_top(&mut self) {
        self.op(-1, POP_TOP);
    }

    fn rot_two(&mut self) {
        self.op(0, ROT_TWO);
    }

    fn rot_three(&mut self) {
        self.op(0, ROT_THREE);
    }

    fn jump(&mut self, label: usize) {
        self.op_label(0, JUMP, label);
        self.suppress = true;
    }

    fn pop_jump_if(&mut self, cond: bool, label: usize) {
        self.op_label(-1, if cond { POP_JUMP_IF_TRUE } else { POP_JUMP_IF_FALSE }, label);
    }

    fn jump_if_or_pop(&mut self, cond: bool, label: usize) {
        self.op_label(-1, if cond { JUMP_IF_TRUE_OR_POP } else { JUMP_IF_FALSE_OR_POP }, label);
    }

    fn unwind_jump(&mut self, label: usize, except_depth: usize) {
        let target = label & !BREAK_FROM_FOR;
        if except_depth == 0 {
            if label & BREAK_FROM_FOR != 0 {
                for _ in 0..ITER_BUF_NSLOTS {
                    self.write_bytecode(&[POP_TOP]);
                }
            }
            self.op_label(0, JUMP, target);
        } else {
            self.op_label(0, UNWIND_JUMP, target);
            let b = (if label & BREAK_FROM_FOR != 0 { 0x80 } else { 0 }) | except_depth as u8;
            self.write_bytecode(&[b]);
        }
        self.suppress = true;
    }

    fn setup_block(&mut self, label: usize, kind: SetupKind) {
        let delta = if kind == SetupKind::With { 2 } else { 0 };
        self.op_label(delta, SETUP_WITH + kind as u8, label);
    }

    fn with_cleanup(&mut self, label: usize) {
        self.load_const_tok(Const::None);
        self.label_assign(label);
        self.op(2, WITH_CLEANUP);
        self.adjust_stack_size(-4);
    }

    fn async_with_setup_finally(&mut self, no_exc: usize, finally_block: usize, ret_unwind: usize) {
        self.load_const_tok(Const::None);
        self.rot_two();
        self.jump(no_exc);
        self.label_assign(finally_block);
        self.dup_top();
        self.global(IdOp::Load, GlobalKind::Global, "BaseException");
        self.binary_op(BINARY_EXCEPTION_MATCH);
        self.pop_jump_if(false, ret_unwind);
    }

    fn end_finally(&mut self) {
        self.op(-1, END_FINALLY);
    }

    fn get_iter(&mut self, use_stack: bool) {
        if use_stack {
            self.op(ITER_BUF_NSLOTS - 1, GET_ITER_STACK);
        } else {
            self.op(0, GET_ITER);
        }
    }

    fn for_iter(&mut self, label: usize) {
        self.op_label(1, FOR_ITER, label);
    }

    fn for_iter_end(&mut self) {
        self.adjust_stack_size(-ITER_BUF_NSLOTS);
    }

    fn pop_except_jump(&mut self, label: usize, _within_exc_handler: bool) {
        self.op_label(0, POP_EXCEPT_JUMP, label);
        self.suppress = true;
    }

    fn unary_op(&mut self, op: u8) {
        self.op(0, UNARY_OP_MULTI + op);
    }

    fn binary_op(&mut self, op: u8) {
        let (op, invert) = match op {
            BINARY_NOT_IN => (BINARY_IN, true),
            BINARY_IS_NOT => (BINARY_IS, true),
            other => (other, false),
        };
        self.op(-1, BINARY_OP_MULTI + op);
        if invert {
            self.op(0, UNARY_OP_MULTI + UNARY_NOT);
        }
    }

    fn build(&mut self, n: usize, kind: BuildKind) {
        let delta = if kind == BuildKind::Map { 1 } else { 1 - n as i32 };
        self.op_uint(delta, BUILD_TUPLE + kind as u8, n);
    }

    fn store_map(&mut self) {
        self.op(-2, STORE_MAP);
    }

    fn store_comp(&mut self, kind: crate::tree::CompKind, idx: usize) {
        use crate::tree::CompKind;
        let (n, t) = match kind {
            CompKind::List => (0, 0),
            CompKind::Dict => (1, 1),
            _ => (0, 2),
        };
        self.op_uint(-1 - n as i32, STORE_COMP, ((idx + n) << 2) | t);
    }

    fn unpack_sequence(&mut self, n: usize) {
        self.op_uint(-1 + n as i32, UNPACK_SEQUENCE, n);
    }

    fn unpack_ex(&mut self, n_left: usize, n_right: usize) {
        self.op_uint(-1 + n_left as i32 + n_right as i32 + 1, UNPACK_EX, n_left | (n_right << 8));
    }

    fn make_function(&mut self, child: usize, n_pos_defaults: usize, n_kw_defaults: usize) {
        if n_pos_defaults == 0 && n_kw_defaults == 0 {
            self.op_uint(1, MAKE_FUNCTION, child);
        } else {
            self.op_uint(-1, MAKE_FUNCTION_DEFARGS, child);
        }
    }

    fn make_closure(&mut self, child: usize, n_closed: usize, n_pos_defaults: usize, n_kw_defaults: usize) {
        if n_pos_defaults == 0 && n_kw_defaults == 0 {
            self.op_uint(1 - n_closed as i32, MAKE_CLOSURE, child);
        } else {
            self.op_uint(-2 - n_closed as i32 + 1, MAKE_CLOSURE_DEFARGS, child);
        }
        self.write_bytecode(&[n_closed as u8]);
    }

    fn call_function(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        let delta = -(n_pos as i32) - 2 * n_kw as i32 - star as i32;
        self.op_uint(delta, if star { CALL_FUNCTION_VAR_KW } else { CALL_FUNCTION }, (n_kw << 8) | n_pos);
    }

    fn call_method(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        let delta = -1 - (n_pos as i32) - 2 * n_kw as i32 - star as i32;
        self.op_uint(delta, if star { CALL_METHOD_VAR_KW } else { CALL_METHOD }, (n_kw << 8) | n_pos);
    }

    fn return_value(&mut self) {
        self.op(-1, RETURN_VALUE);
        self.suppress = true;
    }

    fn raise_varargs(&mut self, n: usize) {
        self.op(-(n as i32), RAISE_LAST + n as u8);
        self.suppress = true;
    }

    fn yield_value(&mut self) {
        self.op(0, YIELD_VALUE);
        self.scope_flags |= SCOPE_FLAG_GENERATOR;
    }

    fn yield_from(&mut self) {
        self.op(-1, YIELD_FROM);
        self.scope_flags |= SCOPE_FLAG_GENERATOR;
    }

    fn start_except_handler(&mut self) {
        self.adjust_stack_size(4);
    }

    fn end_except_handler(&mut self) {
        self.adjust_stack_size(-3);
    }

    fn alloc_child(&mut self) -> usize {
        let i = self.children;
        self.children += 1;
        i
    }
}
