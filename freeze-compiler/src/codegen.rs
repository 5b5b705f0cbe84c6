//! The code generator: walks the tree once per pass and scope, in MicroPython's order (a scope
//! pass over every scope, then stack-size, code-size and repeated emit passes per scope), and
//! drives the [`Emitter`]. Each function mirrors the construct it compiles in `py/compile.c`,
//! because the exact instruction sequences, label placement and qstr/constant first-use order
//! are what make the output byte-identical.

use crate::fx_hash::FxHashMap as HashMap;

use crate::constant::Const;
use crate::emit::*;
use crate::opcode::*;
use crate::scope::*;
use crate::source::SourceMap;
use crate::tree::*;
use crate::{CompileError, Options};

const INVALID_LABEL: usize = 0xffff;

type Res<T> = Result<T, CompileError>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum AssignKind {
    Store,
    AugLoad,
    AugStore,
}

pub struct Compiler<'a> {
    src: &'a SourceMap<'a>,
    opts: &'a Options,
    pass: Pass,
    pub scopes: Vec<Scope<'a>>,
    cur: usize,
    /// Node address -> scope index (MicroPython stores the scope in the parse node).
    scope_of: HashMap<usize, usize>,
    pub emit: crate::emit_native::Emitters,
    /// Emitter of each scope (same indices as `scopes`): bytecode, or native code.
    scope_emit: Vec<crate::native::EmitOpt>,
    /// How each native scope is recorded in the `.mpy` (same indices as `scopes`).
    native_kinds: Vec<Option<crate::mpy::NativeKind>>,
    /// Whether each scope is an inline assembler function (same indices as `scopes`).
    inline_asm_scopes: Vec<bool>,
    /// What inline assembler functions need of the module, found at the first one.
    inline_asm_facts: Option<crate::native::inline_asm::ModuleFacts>,
    /// The module's inline assembler, made at the first inline assembler function (Xtensa or
    /// Thumb, by `-march`).
    inline_asm: Option<crate::native::inline_xtensa::InlineXtensa>,
    inline_thumb: Option<crate::native::inline_thumb::InlineThumb>,
    inline_rv32: Option<crate::native::inline_rv32::InlineRv32>,
    next_label: usize,
    break_label: usize,
    continue_label: usize,
    cur_except_level: usize,
    break_continue_except_level: usize,
    have_star: bool,
    num_dict_params: usize,
    num_default_params: usize,
    module_body: Option<&'a [Stmt]>,
}

/// Most positional (and, separately, keyword) arguments of a call, and most targets on each
/// side of a starred assignment target: MicroPython's bytecode packs both counts of a call or an
/// unpacking into one number, a byte each.
pub const MAX_CALL_ARGS: usize = 255;

fn addr<T>(r: &T) -> usize {
    r as *const T as usize
}

impl<'a> Compiler<'a> {
    pub fn new(src: &'a SourceMap<'a>, opts: &'a Options, source_name: &str) -> Self {
        Compiler {
            src,
            opts,
            pass: Pass::Scope,
            scopes: Vec::new(),
            cur: 0,
            scope_of: HashMap::default(),
            emit: crate::emit_native::Emitters::new(BytecodeEmitter::new(
                EmitCommon::new(source_name),
                opts.source_lines && opts.opt_level < 3,
            )),
            scope_emit: Vec::new(),
            native_kinds: Vec::new(),
            inline_asm_scopes: Vec::new(),
            inline_asm_facts: None,
            inline_asm: None,
            inline_thumb: None,
            inline_rv32: None,
            next_label: 0,
            break_label: INVALID_LABEL,
            continue_label: INVALID_LABEL,
            cur_except_level: 0,
            break_continue_except_level: 0,
            have_star: false,
            num_dict_params: 0,
            num_default_params: 0,
            module_body: None,
        }
    }

    fn err(&self, pos: (u32, u32), msg: &str) -> CompileError {
        self.in_scope(self.cur, self.src.error_pos(pos, "SyntaxError", msg))
    }

    /// `e`, found while compiling scope `s` (MicroPython's traceback names that scope).
    fn in_scope(&self, s: usize, mut e: CompileError) -> CompileError {
        e.scope = Some(self.scopes[s].simple_name.to_string());
        e
    }

    fn new_label(&mut self) -> usize {
        let l = self.next_label;
        self.next_label += 1;
        l
    }

    fn scope(&self) -> &Scope<'a> {
        &self.scopes[self.cur]
    }

    fn scope_mut(&mut self) -> &mut Scope<'a> {
        &mut self.scopes[self.cur]
    }

    fn new_scope(&mut self, kind: ScopeKind, node: ScopeNode<'a>, name: &str, key: usize) -> usize {
        let idx = self.scopes.len();
        self.scopes.push(Scope::new(kind, Some(self.cur), node, name));
        // nested scopes inherit their parent's emitter
        let inherited = self.scope_emit.get(self.cur).copied().unwrap_or_default();
        self.scope_emit.push(inherited);
        self.inline_asm_scopes.push(false);
        self.scope_of.insert(key, idx);
        idx
    }

    /// Compiles the whole module; afterwards every scope has its code and children.
    pub fn compile_module(&mut self, body: &'a [Stmt]) -> Res<()> {
        self.scopes.push(Scope::new(ScopeKind::Module, None, ScopeNode::Module, "<module>"));
        self.scope_emit.push(self.opts.emit);
        self.inline_asm_scopes.push(false);
        self.module_body = Some(body);
        let mut max_labels = 0;
        let mut s = 0;
        while s < self.scopes.len() {
            if self.inline_asm_scopes[s] {
                self.next_label = self.inline_asm_scope_pass(s)?;
                max_labels = max_labels.max(self.next_label);
                s += 1;
                continue;
            }
            self.compile_scope(s, Pass::Scope)?;
            for i in 0..self.scopes[s].ids.len() {
                if self.scopes[s].ids[i].kind == IdKind::GlobalImplicit {
                    check_to_close_over(&mut self.scopes, s, i);
                }
            }
            max_labels = max_labels.max(self.next_label);
            s += 1;
        }
        for s in 0..self.scopes.len() {
            compute_things(&mut self.scopes, s);
            // The prelude lists cells by local number in one byte each; mpy-cross 1.29 aborts
            // on an assertion here, we refuse cleanly.
            if self.scopes[s].ids.iter().any(|id| id.kind == IdKind::Cell && id.local_num > 255) {
                let pos = match self.scopes[s].node {
                    ScopeNode::Function(f) => f.pos,
                    _ => (1, 1),
                };
                return Err(self.err(pos, "too many locals for a closure cell (MicroPython's limit is 256)"));
            }
            if self.scopes[s].num_locals > crate::MAX_STATE_SLOTS {
                let sc = &self.scopes[s];
                let msg = format!(
                    "too many local variables: {} has {} (MicroPython's limit is {})",
                    sc.simple_name,
                    sc.num_locals,
                    crate::MAX_STATE_SLOTS
                );
                return Err(self.err((self.scope_line(s), 1), &msg));
            }
        }
        self.emit.set_max_labels(max_labels);
        self.native_kinds = vec![None; self.scopes.len()];
        for s in 0..self.scopes.len() {
            if self.inline_asm_scopes[s] {
                self.assemble_inline_asm(s, max_labels)?;
                continue;
            }
            let native = self.scope_emit[s] != crate::native::EmitOpt::Bytecode;
            if native {
                self.begin_native_scope(s, max_labels)?;
                self.compile_scope(s, Pass::StackSize)?;
                self.compile_scope(s, Pass::CodeSize)?;
                while !self.compile_scope(s, Pass::Emit)? {}
                self.end_native_scope(s)?;
                continue;
            }
            self.compile_scope(s, Pass::StackSize)?;
            if let Some(line) = self.emit.state_over_line {
                let sc = &self.scopes[s];
                let msg = format!(
                    "too many stack slots and locals: {} needs {} (MicroPython's limit is {})",
                    sc.simple_name,
                    sc.num_locals + sc.stack_size,
                    crate::MAX_STATE_SLOTS
                );
                return Err(self.err((line, 1), &msg));
            }
            self.compile_scope(s, Pass::CodeSize)?;
            while !self.compile_scope(s, Pass::Emit)? {}
            if let Some(line) = self.emit.qstrs_over_line {
                let msg = format!(
                    "too many distinct names and interned strings in one module: more than {} \
                     (MicroPython numbers qstrs in 16 bits, shared with the firmware's own)",
                    crate::MAX_MODULE_QSTRS
                );
                return Err(self.err((line, 1), &msg));
            }
            if self.emit.overflowed() {
                return Err(self.src.error_pos((1, 1), "RuntimeError", "bytecode overflow"));
            }
            self.scopes[s].code = self.emit.finished.take().expect("emitted code");
        }
        Ok(())
    }

    /// What the `.mpy` writer needs beyond bytecode: architecture, flags, native scopes.
    pub fn mpy_target(&self) -> crate::mpy::Target {
        crate::mpy::Target {
            arch: self.opts.arch,
            arch_flags: self.opts.arch_flags,
            fun_table: self.emit.common.fun_table,
            native: self.native_kinds.clone(),
        }
    }

    /// Switches to the native emitter for scope `s`, refusing what it cannot compile yet.
    fn begin_native_scope(&mut self, s: usize, max_labels: usize) -> Res<()> {
        let line = self.scope_line(s);
        let refuse = |what: &str| {
            self.src.error_pos((line, 1), "SyntaxError", &format!("not supported yet by mpy-freeze: {}", what))
        };
        if !crate::emit_native::NativeEmitter::has_assembler(self.opts.arch) {
            return Err(refuse(&format!("native code for -march={}", self.opts.arch.name())));
        }
        let viper = self.scope_emit[s] == crate::native::EmitOpt::Viper;
        let viper_sig = if viper {
            let ScopeNode::Function(f) = self.scopes[s].node else {
                // (a module or class body, or a comprehension, under -X emit=viper or in a
                // viper function)
                return Err(refuse(&format!("viper code for {}", self.scopes[s].simple_name)));
            };
            if f.lambda_body.is_some() {
                // no annotations: objects in, an object out
                Some(Default::default())
            } else {
                let anns = crate::native::viper::module_annotations(self.src)
                    .and_then(|m| m.get(&f.pos).cloned())
                    .ok_or_else(|| refuse("this viper function (its annotations were not found)"))?;
                match crate::native::viper::viper_sig(&anns) {
                    Ok(sig) => Some(sig),
                    Err(e) => return Err(self.src.error_pos((line, 1), "SyntaxError", &e)),
                }
            }
        } else {
            None
        };
        // compile.c: a function that refers to a global swaps globals and wraps itself in an
        // nlr context (viper's casts int(), ptr8(), ... are not globals); so does one that makes
        // a function, class or comprehension (close_over_variables_etc: it takes a reference
        // to the globals)
        let makes_functions = self.scopes.iter().any(|c| c.parent == Some(s));
        if makes_functions
            || self.scopes[s].ids.iter().any(|id| {
                id.kind == IdKind::GlobalExplicit
                    && !(viper
                        && crate::emit_native::native_type_from_name(&id.name)
                            .is_some_and(|t| t >= crate::emit_native::NATIVE_TYPE_INT))
            })
        {
            self.scopes[s].scope_flags |= crate::emit_native::SCOPE_FLAG_REFGLOBALS;
        }
        self.emit.begin_native(self.opts.arch, self.opts.arch_flags, max_labels, viper_sig);
        Ok(())
    }

    /// Back to bytecode after native scope `s`: its code, or the first construct refused.
    fn end_native_scope(&mut self, s: usize) -> Res<()> {
        let line = self.scope_line(s);
        let (code, error) = self.emit.end_native();
        self.scopes[s].scope_flags &= !crate::emit_native::SCOPE_FLAG_REFGLOBALS;
        if let Some((e, at)) = error {
            // mpy-cross's own errors keep their kind; refusals are SyntaxErrors
            let (kind, msg) = match e.split_once(": ") {
                Some((k @ ("ViperTypeError" | "NotImplementedError"), m)) => (k, m),
                _ => ("SyntaxError", e.as_str()),
            };
            let at = if at > 0 { at } else { line };
            return Err(self.in_scope(s, self.src.error_pos((at, 1), kind, msg)));
        }
        let code = code.expect("native code");
        if !code.viper && code.prelude_offset > 0xffff {
            // MicroPython keeps the prelude's offset in a uint16_t: mpy-cross writes it modulo
            // 65536, a file that runs the wrong bytes as the prelude; refused here instead
            let msg = format!(
                "native function too large: its prelude is at byte {} of its code, past the 65,535 MicroPython can address (split the function)",
                code.prelude_offset
            );
            return Err(self.src.error_pos((line, 1), "SyntaxError", &msg));
        }
        self.native_kinds[s] = Some(if code.viper {
            crate::mpy::NativeKind::Viper
        } else {
            crate::mpy::NativeKind::Py { prelude_offset: code.prelude_offset }
        });
        self.scopes[s].code = code.code;
        Ok(())
    }

    /// The scope pass of inline assembler scope `s`: its number of labels.
    fn inline_asm_scope_pass(&mut self, s: usize) -> Res<usize> {
        self.cur = s;
        let result = match self.scopes[s].node {
            ScopeNode::Function(f) => {
                let facts = self.inline_asm_facts.get_or_insert_with(|| crate::native::inline_asm::ModuleFacts::new(self.src));
                crate::native::inline_asm::scope_pass(f, facts)
            }
            ScopeNode::Class(c) => Err(crate::native::inline_asm::not_a_function(c.line)),
            _ => Err(crate::native::inline_asm::not_a_function(self.scope_line(s))),
        };
        result.map_err(|e| self.src.error_pos((e.line, 1), e.kind, &e.message))
    }

    /// The compute and emit passes of inline assembler scope `s`, which become its code.
    fn assemble_inline_asm(&mut self, s: usize, max_labels: usize) -> Res<()> {
        self.cur = s;
        let ScopeNode::Function(f) = self.scopes[s].node else {
            return Err(self.src.error_pos((self.scope_line(s), 1), "SyntaxError", "inline assembler must be a function"));
        };
        use crate::native::Arch;
        let arch = self.opts.arch;
        let facts = self.inline_asm_facts.get_or_insert_with(|| crate::native::inline_asm::ModuleFacts::new(self.src));
        let done = if matches!(arch, Arch::Xtensa | Arch::Xtensawin) {
            let windowed = arch == Arch::Xtensawin;
            let asm = self.inline_asm.get_or_insert_with(|| crate::native::inline_xtensa::InlineXtensa::new(max_labels, windowed));
            crate::native::inline_asm::assemble(f, facts, asm)
        } else if arch == Arch::Rv32imc {
            let flags = self.opts.arch_flags;
            let asm = self.inline_rv32.get_or_insert_with(|| crate::native::inline_rv32::InlineRv32::new(max_labels, flags));
            crate::native::inline_asm::assemble(f, facts, asm)
        } else {
            let asm = self.inline_thumb.get_or_insert_with(|| crate::native::inline_thumb::InlineThumb::new(max_labels, arch));
            crate::native::inline_asm::assemble(f, facts, asm)
        };
        let done = done.map_err(|e| self.src.error_pos((e.line, 1), e.kind, &e.message))?;
        self.scopes[s].num_pos_args = done.n_pos_args;
        self.scopes[s].code = done.code;
        self.native_kinds[s] = Some(crate::mpy::NativeKind::Asm { n_pos_args: done.n_pos_args, type_sig: done.type_sig });
        Ok(())
    }

    fn scope_sig(&self, si: usize) -> (usize, Vec<String>) {
        let sc = &self.scopes[si];
        let n_state = sc.num_locals + sc.stack_size;
        let mut names = Vec::new();
        for i in 0..sc.num_pos_args + sc.num_kwonly_args {
            let mut q = "*".to_string();
            for id in &sc.ids {
                if id.flags & FLAG_IS_PARAM != 0 && id.local_num == i {
                    q = id.name.clone();
                    break;
                }
            }
            names.push(q);
        }
        (n_state, names)
    }

    /// The line a scope starts at (1 for the module).
    fn scope_line(&self, si: usize) -> u32 {
        match self.scopes[si].node {
            ScopeNode::Module => 1,
            ScopeNode::Function(f) => f.line,
            ScopeNode::Class(c) => c.line,
            ScopeNode::Comp(c) => c.line,
        }
    }

    fn compile_scope(&mut self, si: usize, pass: Pass) -> Res<bool> {
        self.pass = pass;
        self.cur = si;
        self.emit.line = self.scope_line(si);
        self.next_label = 0;
        if pass == Pass::Emit {
            self.scopes[si].children.clear();
        }
        let (n_state, arg_names) = self.scope_sig(si);
        {
            let sc = &self.scopes[si];
            let sig = ScopeSig {
                n_state,
                n_exc_stack: sc.exc_stack_size,
                scope_flags: sc.scope_flags,
                num_pos_args: sc.num_pos_args,
                num_kwonly_args: sc.num_kwonly_args,
                num_def_pos_args: sc.num_def_pos_args,
                simple_name: &sc.simple_name.clone(),
                arg_names,
                local_names: {
                    let mut names = vec![String::new(); sc.num_locals];
                    for id in &sc.ids {
                        if matches!(id.kind, IdKind::Local | IdKind::Cell | IdKind::Free) && id.local_num < names.len() {
                            names[id.local_num] = id.name.clone();
                        }
                    }
                    names
                },
            };
            let stack = sc.stack_size;
            self.emit.start_pass(pass, &sig, stack);
        }
        if pass == Pass::Scope {
            self.scopes[si].stack_size = 0;
            self.scopes[si].exc_stack_size = 0;
        }
        let node = self.scopes[si].node;
        match node {
            ScopeNode::Module => {
                let body = self.module_body.expect("module body");
                self.compile_block(body)?;
                self.emit.load_const_tok(Const::None);
                self.emit.return_value();
            }
            ScopeNode::Function(f) if f.lambda_body.is_none() => {
                if pass == Pass::Scope {
                    self.have_star = false;
                    self.scope_params(&f.params)?;
                }
                self.compile_block(&f.body)?;
                self.emit.load_const_tok(Const::None);
                self.emit.return_value();
            }
            ScopeNode::Function(f) => {
                self.emit.set_source_line(f.line);
                if pass == Pass::Scope {
                    self.have_star = false;
                    self.scope_params(&f.params)?;
                }
                self.compile_expr(f.lambda_body.as_ref().unwrap())?;
                let flags = self.scopes[si].scope_flags | self.emit.scope_flags_add();
                if flags & SCOPE_FLAG_GENERATOR != 0 {
                    self.emit.pop_top();
                    self.emit.load_const_tok(Const::None);
                }
                self.emit.return_value();
            }
            ScopeNode::Comp(c) => {
                if pass == Pass::Scope {
                    self.scope_mut().find_or_add("", IdKind::Local);
                    self.scope_mut().num_pos_args = 1;
                }
                self.emit.set_source_line(c.line);
                match c.kind {
                    CompKind::List => self.emit.build(0, BuildKind::List),
                    CompKind::Dict => self.emit.build(0, BuildKind::Map),
                    CompKind::Set => self.emit.build(0, BuildKind::Set),
                    CompKind::Generator => {}
                }
                if c.kind == CompKind::Generator {
                    self.emit.load_null();
                    self.load_id("")?;
                    self.emit.load_null();
                    self.emit.load_null();
                } else {
                    self.load_id("")?;
                    self.emit.get_iter(true);
                }
                self.comp_iter(c, 0)?;
                if c.kind == CompKind::Generator {
                    self.emit.load_const_tok(Const::None);
                }
                self.emit.return_value();
            }
            ScopeNode::Class(c) => {
                if pass == Pass::Scope {
                    self.scope_mut().find_or_add("__class__", IdKind::Local);
                }
                self.load_id("__name__")?;
                self.store_id("__module__")?;
                self.emit.load_const_str(c.name.as_bytes());
                self.store_id("__qualname__")?;
                self.compile_block(&c.body)?;
                let id = self.scope().find("__class__").expect("__class__");
                let id = &self.scope().ids[id];
                if id.kind == IdKind::Local {
                    self.emit.load_const_tok(Const::None);
                } else {
                    let n = id.local_num;
                    self.emit.local(IdOp::Load, LocalKind::Fast, n);
                }
                self.emit.return_value();
            }
        }
        let done = self.emit.end_pass(&self.cells(si));
        let sc = &mut self.scopes[si];
        sc.scope_flags |= self.emit.scope_flags_add();
        if pass != Pass::Scope {
            sc.stack_size = self.emit.max_stack_size();
        }
        Ok(done)
    }

    fn cells(&self, si: usize) -> Vec<usize> {
        self.scopes[si].ids.iter().filter(|i| i.kind == IdKind::Cell).map(|i| i.local_num).collect()
    }

    // ------------------------------------------------------------------ names

    fn load_id(&mut self, name: &str) -> Res<()> {
        if self.pass == Pass::Scope {
            self.scope_mut().find_or_add(name, IdKind::GlobalImplicit);
            Ok(())
        } else {
            self.id_op(name, IdOp::Load)
        }
    }

    fn store_id(&mut self, name: &str) -> Res<()> {
        if self.pass == Pass::Scope {
            self.id_for_modification(self.cur, name);
            Ok(())
        } else {
            self.id_op(name, IdOp::Store)
        }
    }

    fn delete_id(&mut self, name: &str) -> Res<()> {
        if self.pass == Pass::Scope {
            self.id_for_modification(self.cur, name);
            Ok(())
        } else {
            self.id_op(name, IdOp::Delete)
        }
    }

    fn id_for_modification(&mut self, si: usize, name: &str) -> usize {
        let func_like = self.scopes[si].kind.is_func_like();
        let i = self.scopes[si].find_or_add(name, IdKind::GlobalImplicit);
        let id = &mut self.scopes[si].ids[i];
        if id.kind == IdKind::GlobalImplicit {
            id.kind = if func_like { IdKind::Local } else { IdKind::GlobalImplicitAssigned };
        }
        i
    }

    fn id_op(&mut self, name: &str, op: IdOp) -> Res<()> {
        let Some(i) = self.scope().find(name) else {
            return Err(self.err((1, 1), "internal error: unknown name"));
        };
        let id = &self.scope().ids[i];
        let (kind, n) = (id.kind, id.local_num);
        match kind {
            IdKind::GlobalImplicit | IdKind::GlobalImplicitAssigned | IdKind::Undecided => {
                self.emit.global(op, GlobalKind::Name, name)
            }
            IdKind::GlobalExplicit => self.emit.global(op, GlobalKind::Global, name),
            IdKind::Local => self.emit.local(op, LocalKind::Fast, n),
            IdKind::Cell | IdKind::Free => self.emit.local(op, LocalKind::Deref, n),
        }
        Ok(())
    }

    // ------------------------------------------------------------------ statements

    fn compile_block(&mut self, body: &'a [Stmt]) -> Res<()> {
        for s in body {
            self.compile_stmt(s)?;
            if body.len() > 1 {
                self.emit.place_native_error(s.line);
            }
        }
        Ok(())
    }

    fn increase_except_level(&mut self, label: usize, kind: SetupKind) {
        self.emit.setup_block(label, kind);
        self.cur_except_level += 1;
        if self.cur_except_level > self.scope().exc_stack_size {
            let l = self.cur_except_level;
            self.scope_mut().exc_stack_size = l;
        }
    }

    fn decrease_except_level(&mut self) {
        self.cur_except_level -= 1;
        self.emit.end_finally();
    }

    fn compile_stmt(&mut self, s: &'a Stmt) -> Res<()> {
        self.emit.set_source_line(s.line);
        match &s.kind {
            StmtKind::Pass => {}
            StmtKind::Expr(e) => {
                self.compile_expr(e)?;
                self.emit.pop_top();
            }
            StmtKind::Assign(targets, value) => self.compile_assign(targets, value)?,
            StmtKind::AugAssign(t, op, v) => {
                self.c_assign(t, AssignKind::AugLoad)?;
                self.compile_expr(v)?;
                self.emit.binary_op(BINARY_INPLACE_OR + binary_op_offset(*op));
                self.c_assign(t, AssignKind::AugStore)?;
            }
            StmtKind::AnnAssign(t, value) => match value {
                None => {
                    if self.scope().kind == ScopeKind::Function {
                        if let ExprKind::Name(n) = &t.kind {
                            self.scope_mut().find_or_add(n, IdKind::Local);
                        }
                    }
                }
                Some(v) => {
                    self.compile_expr(v)?;
                    self.c_assign(t, AssignKind::Store)?;
                }
            },
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.c_del(t)?;
                }
            }
            StmtKind::Break | StmtKind::Continue => {
                let label = if matches!(s.kind, StmtKind::Break) { self.break_label } else { self.continue_label };
                if label == INVALID_LABEL {
                    return Err(self.err(s.pos, "'break'/'continue' outside loop"));
                }
                let depth = self.cur_except_level - self.break_continue_except_level;
                self.emit.unwind_jump(label, depth);
            }
            StmtKind::Return(v) => {
                if self.scope().kind != ScopeKind::Function {
                    return Err(self.err(s.pos, "'return' outside function"));
                }
                match v {
                    None => self.emit.load_const_tok(Const::None),
                    Some(Expr { kind: ExprKind::IfExp { test, body, orelse }, .. }) => {
                        let l_fail = self.new_label();
                        self.c_if_cond(test, false, l_fail)?;
                        self.compile_expr(body)?;
                        self.emit.return_value();
                        self.emit.label_assign(l_fail);
                        self.compile_expr(orelse)?;
                    }
                    Some(v) => self.compile_expr(v)?,
                }
                self.emit.return_value();
            }
            StmtKind::Raise(exc, cause) => match (exc, cause) {
                (None, _) => self.emit.raise_varargs(0),
                (Some(e), Some(c)) => {
                    self.compile_expr(e)?;
                    self.compile_expr(c)?;
                    self.emit.raise_varargs(2);
                }
                (Some(e), None) => {
                    self.compile_expr(e)?;
                    self.emit.raise_varargs(1);
                }
            },
            StmtKind::Import(names) => {
                for (parts, asname) in names {
                    self.emit.load_const_small_int(0);
                    self.emit.load_const_tok(Const::None);
                    let q_base = self.do_import_name(Some(parts), asname.as_deref());
                    self.store_id(&q_base)?;
                }
            }
            StmtKind::ImportFrom { level, module, names } => {
                match names {
                    ImportFromNames::Star => {
                        if self.scope().kind != ScopeKind::Module {
                            return Err(self.err(s.pos, "import * not at module level"));
                        }
                        self.emit.load_const_small_int(*level as i64);
                        self.emit.load_const_str(b"*");
                        self.emit.build(1, BuildKind::Tuple);
                        self.do_import_name(module.as_ref(), None);
                        self.emit.import_star();
                    }
                    ImportFromNames::Names(list) => {
                        self.emit.load_const_small_int(*level as i64);
                        for (n, _) in list {
                            self.emit.load_const_str(n.as_bytes());
                        }
                        self.emit.build(list.len(), BuildKind::Tuple);
                        self.do_import_name(module.as_ref(), None);
                        for (n, asname) in list {
                            self.emit.import_from(n);
                            self.store_id(asname.as_deref().unwrap_or(n))?;
                        }
                        self.emit.pop_top();
                    }
                }
            }
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
                if self.pass == Pass::Scope {
                    let is_global = matches!(s.kind, StmtKind::Global(_));
                    if !is_global && self.scope().kind == ScopeKind::Module {
                        return Err(self.err(s.pos, "can't declare nonlocal in outer code"));
                    }
                    for n in names {
                        let i = self.scope_mut().find_or_add(n, IdKind::Undecided);
                        self.declare_global_or_nonlocal(s.pos, i, is_global)?;
                    }
                }
            }
            StmtKind::Assert(test, msg) => {
                if self.opts.opt_level != 0 {
                    return Ok(());
                }
                let l_end = self.new_label();
                self.c_if_cond(test, true, l_end)?;
                self.emit.global(IdOp::Load, GlobalKind::Global, "AssertionError");
                if let Some(m) = msg {
                    self.compile_expr(m)?;
                    self.emit.call_function(1, 0, false);
                }
                self.emit.raise_varargs(1);
                self.emit.label_assign(l_end);
            }
            StmtKind::If { test, body, elifs, orelse } => self.compile_if(test, body, elifs, orelse)?,
            StmtKind::While { test, body, orelse } => self.compile_while(test, body, orelse)?,
            StmtKind::For { target, iter, body, orelse, is_async } => {
                if *is_async {
                    if self.scope().scope_flags & SCOPE_FLAG_GENERATOR == 0 {
                        return Err(self.err(s.pos, "async for/with outside async function"));
                    }
                    self.compile_async_for(target, iter, body, orelse)?;
                } else {
                    self.compile_for(target, iter, body, orelse)?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.compile_try_except(body, handlers, orelse)?;
                } else {
                    self.compile_try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::With { items, body, is_async } => {
                if *is_async {
                    if self.scope().scope_flags & SCOPE_FLAG_GENERATOR == 0 {
                        return Err(self.err(s.pos, "async for/with outside async function"));
                    }
                    self.compile_async_with(items, body)?;
                } else {
                    self.compile_with(items, body)?;
                }
            }
            StmtKind::FuncDef(f, decorators) => {
                if decorators.is_empty() {
                    self.compile_funcdef_helper(f)?;
                    if f.is_async {
                        let si = self.scope_of[&addr(&**f)];
                        self.scopes[si].scope_flags |= SCOPE_FLAG_GENERATOR;
                    }
                    self.store_id(&f.name)?;
                } else {
                    self.compile_decorated(decorators, Some(f), None)?;
                }
            }
            StmtKind::ClassDef(c, decorators) => {
                if decorators.is_empty() {
                    self.compile_classdef_helper(c)?;
                    self.store_id(&c.name)?;
                } else {
                    self.compile_decorated(decorators, None, Some(c))?;
                }
            }
        }
        Ok(())
    }

    fn compile_assign(&mut self, targets: &'a [Expr], value: &'a Expr) -> Res<()> {
        if targets.len() == 1 {
            // MICROPY_COMP_DOUBLE/TRIPLE_TUPLE_ASSIGN: `a, b = c, d` without building a tuple.
            if let (ExprKind::Tuple(lhs, false), ExprKind::Tuple(rhs, false)) = (&targets[0].kind, &value.kind) {
                let n = lhs.len();
                if n == rhs.len()
                    && (n == 2 || n == 3)
                    && !lhs.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)))
                {
                    self.compile_expr(&rhs[0])?;
                    self.compile_expr(&rhs[1])?;
                    if n == 3 {
                        self.compile_expr(&rhs[2])?;
                        self.emit.rot_three();
                    }
                    self.emit.rot_two();
                    for t in lhs {
                        self.c_assign(t, AssignKind::Store)?;
                    }
                    return Ok(());
                }
            }
            self.compile_expr(value)?;
            return self.c_assign(&targets[0], AssignKind::Store);
        }
        self.compile_expr(value)?;
        self.emit.dup_top();
        self.c_assign(&targets[0], AssignKind::Store)?;
        let rest = &targets[1..];
        for (i, t) in rest.iter().enumerate() {
            if i + 1 < rest.len() {
                self.emit.dup_top();
            }
            self.c_assign(t, AssignKind::Store)?;
        }
        Ok(())
    }

    fn declare_global_or_nonlocal(&mut self, pos: (u32, u32), i: usize, is_global: bool) -> Res<()> {
        let cur = self.cur;
        if is_global {
            let kind = self.scopes[cur].ids[i].kind;
            if kind != IdKind::Undecided && kind != IdKind::GlobalExplicit {
                return Err(self.err(pos, "identifier redefined as global"));
            }
            self.scopes[cur].ids[i].kind = IdKind::GlobalExplicit;
            let name = self.scopes[cur].ids[i].name.clone();
            if let Some(g) = self.scopes[0].find(&name) {
                self.scopes[0].ids[g].kind = IdKind::GlobalExplicit;
            }
        } else {
            let kind = self.scopes[cur].ids[i].kind;
            if kind == IdKind::Undecided {
                self.scopes[cur].ids[i].kind = IdKind::GlobalImplicit;
                check_to_close_over(&mut self.scopes, cur, i);
                if self.scopes[cur].ids[i].kind == IdKind::GlobalImplicit {
                    return Err(self.err(pos, "no binding for nonlocal found"));
                }
            } else if kind != IdKind::Free {
                return Err(self.err(pos, "identifier redefined as nonlocal"));
            }
        }
        Ok(())
    }

    /// Emits IMPORT_NAME for a dotted module name and returns the name to bind.
    fn do_import_name(&mut self, parts: Option<&Vec<String>>, asname: Option<&str>) -> String {
        let Some(parts) = parts else {
            self.emit.import_name("");
            return String::new();
        };
        let full = parts.join(".");
        self.emit.import_name(&full);
        match asname {
            Some(a) => {
                for p in &parts[1..] {
                    self.emit.attr(p, IdOp::Load);
                }
                a.to_string()
            }
            None => parts[0].clone(),
        }
    }

    fn compile_if(&mut self, test: &'a Expr, body: &'a [Stmt], elifs: &'a [(Expr, Vec<Stmt>)], orelse: &'a [Stmt]) -> Res<()> {
        let l_end = self.new_label();
        'done: {
            if test.const_truth() != Some(false) {
                let l_fail = self.new_label();
                self.c_if_cond(test, false, l_fail)?;
                self.compile_block(body)?;
                if test.const_truth() == Some(true) {
                    break 'done;
                }
                if !(elifs.is_empty() && orelse.is_empty()) {
                    self.emit.jump(l_end);
                }
                self.emit.label_assign(l_fail);
            }
            for (t, b) in elifs {
                if t.const_truth() != Some(false) {
                    let l_fail = self.new_label();
                    self.c_if_cond(t, false, l_fail)?;
                    self.compile_block(b)?;
                    if t.const_truth() == Some(true) {
                        break 'done;
                    }
                    self.emit.jump(l_end);
                    self.emit.label_assign(l_fail);
                }
            }
            self.compile_block(orelse)?;
        }
        self.emit.label_assign(l_end);
        Ok(())
    }

    fn start_loop(&mut self) -> (usize, usize, usize, usize, usize) {
        let saved = (self.break_label, self.continue_label, self.break_continue_except_level);
        let break_label = self.new_label();
        let continue_label = self.new_label();
        self.break_label = break_label;
        self.continue_label = continue_label;
        self.break_continue_except_level = self.cur_except_level;
        (saved.0, saved.1, saved.2, break_label, continue_label)
    }

    fn end_loop(&mut self, saved: (usize, usize, usize, usize, usize)) {
        self.break_label = saved.0;
        self.continue_label = saved.1;
        self.break_continue_except_level = saved.2;
    }

    fn compile_while(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Res<()> {
        let saved = self.start_loop();
        let (break_label, continue_label) = (saved.3, saved.4);
        if test.const_truth() != Some(false) {
            let top = self.new_label();
            if test.const_truth() != Some(true) {
                self.emit.jump(continue_label);
            }
            self.emit.label_assign(top);
            self.compile_block(body)?;
            self.emit.label_assign(continue_label);
            self.c_if_cond(test, true, top)?;
        }
        self.end_loop(saved);
        self.compile_block(orelse)?;
        self.emit.label_assign(break_label);
        Ok(())
    }

    fn range_args(target: &Expr, iter: &'a Expr) -> Option<(Option<&'a Expr>, &'a Expr, Option<&'a Expr>)> {
        if !target.is_name() {
            return None;
        }
        let ExprKind::AtomExpr(base, trailers) = &iter.kind else { return None };
        if !matches!(&base.kind, ExprKind::Name(n) if n == "range") || trailers.len() != 1 {
            return None;
        }
        let Trailer::Call(args, _) = &trailers[0] else { return None };
        // MicroPython counts only arguments that are plain expressions: not `*a`, `k=v`,
        // `x := v` or a bare generator (its `argument` nodes).
        let plain = |a: &'a Arg| match a {
            Arg::Positional(e) => match &e.kind {
                ExprKind::NamedExpr { bare_argument: true, .. } => None,
                ExprKind::Comp(c) if c.bare_argument => None,
                _ => Some(e),
            },
            _ => None,
        };
        match args.len() {
            1 => Some((None, plain(&args[0])?, None)),
            2 => Some((Some(plain(&args[0])?), plain(&args[1])?, None)),
            3 => {
                let Arg::Positional(step) = &args[2] else { return None };
                if !matches!(step.kind, ExprKind::SmallInt(v) if v != 0) {
                    return None;
                }
                Some((Some(plain(&args[0])?), plain(&args[1])?, Some(step)))
            }
            _ => None,
        }
    }

    fn compile_for(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Res<()> {
        if let Some((start, end, step)) = Self::range_args(target, iter) {
            return self.compile_for_range(target, start, end, step, body, orelse);
        }
        let saved = self.start_loop();
        let (break_label, continue_label) = (saved.3, saved.4);
        self.break_label |= BREAK_FROM_FOR;
        let pop_label = self.new_label();
        self.compile_expr(iter)?;
        self.emit.get_iter(true);
        self.emit.label_assign(continue_label);
        self.emit.for_iter(pop_label);
        self.c_assign(target, AssignKind::Store)?;
        self.compile_block(body)?;
        self.emit.jump(continue_label);
        self.emit.label_assign(pop_label);
        self.emit.for_iter_end();
        self.end_loop(saved);
        self.compile_block(orelse)?;
        self.emit.label_assign(break_label);
        Ok(())
    }

    fn compile_for_range(
        &mut self,
        target: &'a Expr,
        start: Option<&'a Expr>,
        end: &'a Expr,
        step: Option<&'a Expr>,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Res<()> {
        let saved = self.start_loop();
        let (break_label, continue_label) = (saved.3, saved.4);
        let top = self.new_label();
        let entry = self.new_label();
        let end_on_stack = !matches!(end.kind, ExprKind::SmallInt(_));
        if end_on_stack {
            self.compile_expr(end)?;
        }
        match start {
            Some(s) => self.compile_expr(s)?,
            None => self.emit.load_const_small_int(0),
        }
        self.emit.jump(entry);
        self.emit.label_assign(top);
        self.emit.dup_top();
        self.c_assign(target, AssignKind::Store)?;
        self.compile_block(body)?;
        self.emit.label_assign(continue_label);
        let step_value = match step {
            Some(Expr { kind: ExprKind::SmallInt(v), .. }) => *v,
            _ => 1,
        };
        self.emit.load_const_small_int(step_value);
        self.emit.binary_op(BINARY_INPLACE_OR + binary_op_offset(BinOp::Add));
        self.emit.label_assign(entry);
        if end_on_stack {
            self.emit.dup_top_two();
            self.emit.rot_two();
        } else {
            self.emit.dup_top();
            self.compile_expr(end)?;
        }
        self.emit.binary_op(if step_value >= 0 { BINARY_LESS } else { BINARY_MORE });
        self.emit.pop_jump_if(true, top);
        self.end_loop(saved);
        let mut end_label = 0;
        if !orelse.is_empty() {
            self.emit.pop_top();
            if end_on_stack {
                self.emit.pop_top();
            }
            self.compile_block(orelse)?;
            end_label = self.new_label();
            self.emit.jump(end_label);
            self.emit.adjust_stack_size(1 + end_on_stack as i32);
        }
        self.emit.label_assign(break_label);
        self.emit.pop_top();
        if end_on_stack {
            self.emit.pop_top();
        }
        if !orelse.is_empty() {
            self.emit.label_assign(end_label);
        }
        Ok(())
    }

    fn compile_try_except(&mut self, body: &'a [Stmt], handlers: &'a [Handler], orelse: &'a [Stmt]) -> Res<()> {
        let l1 = self.new_label();
        let success = self.new_label();
        self.increase_except_level(l1, SetupKind::Except);
        self.compile_block(body)?;
        self.emit.pop_except_jump(success, false);
        self.emit.label_assign(l1);
        self.emit.start_except_handler();
        let l2 = self.new_label();
        for (i, h) in handlers.iter().enumerate() {
            let end_finally_label = self.new_label();
            match &h.typ {
                None => {
                    if i + 1 != handlers.len() {
                        return Err(self.err(h.pos, "default 'except' must be last"));
                    }
                }
                Some(t) => {
                    self.emit.dup_top();
                    self.compile_expr(t)?;
                    self.emit.binary_op(BINARY_EXCEPTION_MATCH);
                    self.emit.pop_jump_if(false, end_finally_label);
                }
            }
            match &h.name {
                None => self.emit.pop_top(),
                Some(n) => self.store_id(n)?,
            }
            let mut l3 = 0;
            if h.name.is_some() {
                l3 = self.new_label();
                self.increase_except_level(l3, SetupKind::Finally);
            }
            self.compile_block(&h.body)?;
            if let Some(n) = &h.name {
                self.emit.load_const_tok(Const::None);
                self.emit.label_assign(l3);
                self.emit.adjust_stack_size(1);
                self.emit.load_const_tok(Const::None);
                self.store_id(n)?;
                self.delete_id(n)?;
                self.emit.adjust_stack_size(-1);
                self.decrease_except_level();
            }
            self.emit.pop_except_jump(l2, true);
            self.emit.label_assign(end_finally_label);
            self.emit.adjust_stack_size(1);
        }
        self.decrease_except_level();
        self.emit.end_except_handler();
        self.emit.label_assign(success);
        self.compile_block(orelse)?;
        self.emit.label_assign(l2);
        Ok(())
    }

    fn compile_try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> Res<()> {
        let l_finally = self.new_label();
        self.increase_except_level(l_finally, SetupKind::Finally);
        if handlers.is_empty() {
            self.emit.adjust_stack_size(3);
            self.compile_block(body)?;
            self.emit.adjust_stack_size(-3);
        } else {
            self.compile_try_except(body, handlers, orelse)?;
        }
        self.emit.load_const_tok(Const::None);
        self.emit.label_assign(l_finally);
        self.emit.adjust_stack_size(1);
        self.compile_block(finalbody)?;
        self.emit.adjust_stack_size(-1);
        self.decrease_except_level();
        Ok(())
    }

    fn compile_with(&mut self, items: &'a [(Expr, Option<Expr>)], body: &'a [Stmt]) -> Res<()> {
        let Some(((expr, target), rest)) = items.split_first() else {
            return self.compile_block(body);
        };
        let l_end = self.new_label();
        self.compile_expr(expr)?;
        self.increase_except_level(l_end, SetupKind::With);
        match target {
            Some(t) => self.c_assign(t, AssignKind::Store)?,
            None => self.emit.pop_top(),
        }
        self.compile_with(rest, body)?;
        self.emit.with_cleanup(l_end);
        self.decrease_except_level();
        Ok(())
    }

    fn compile_yield_from(&mut self) {
        self.emit.get_iter(false);
        self.emit.load_const_tok(Const::None);
        self.emit.yield_from();
    }

    fn await_method(&mut self, method: &str) {
        self.emit.load_method(method, false);
        self.emit.call_method(0, 0, false);
        self.compile_yield_from();
    }

    fn compile_async_for(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Res<()> {
        let while_else = self.new_label();
        let try_exception = self.new_label();
        let try_else = self.new_label();
        let try_finally = self.new_label();
        self.compile_expr(iter)?;
        self.emit.load_method("__aiter__", false);
        self.emit.call_method(0, 0, false);
        let saved = self.start_loop();
        let (break_label, continue_label) = (saved.3, saved.4);
        self.emit.label_assign(continue_label);
        self.increase_except_level(try_exception, SetupKind::Except);
        self.emit.dup_top();
        self.await_method("__anext__");
        self.c_assign(target, AssignKind::Store)?;
        self.emit.pop_except_jump(try_else, false);
        self.emit.label_assign(try_exception);
        self.emit.start_except_handler();
        self.emit.dup_top();
        self.emit.global(IdOp::Load, GlobalKind::Global, "StopAsyncIteration");
        self.emit.binary_op(BINARY_EXCEPTION_MATCH);
        self.emit.pop_jump_if(false, try_finally);
        self.emit.pop_top();
        self.emit.pop_except_jump(while_else, true);
        self.emit.label_assign(try_finally);
        self.emit.adjust_stack_size(1);
        self.decrease_except_level();
        self.emit.end_except_handler();
        self.emit.label_assign(try_else);
        self.compile_block(body)?;
        self.emit.jump(continue_label);
        self.end_loop(saved);
        self.emit.label_assign(while_else);
        self.compile_block(orelse)?;
        self.emit.label_assign(break_label);
        self.emit.pop_top();
        Ok(())
    }

    fn compile_async_with(&mut self, items: &'a [(Expr, Option<Expr>)], body: &'a [Stmt]) -> Res<()> {
        let Some(((expr, target), rest)) = items.split_first() else {
            return self.compile_block(body);
        };
        let l_finally = self.new_label();
        let l_aexit_no_exc = self.new_label();
        let l_ret_unwind = self.new_label();
        let l_end = self.new_label();
        self.compile_expr(expr)?;
        self.emit.dup_top();
        self.await_method("__aenter__");
        match target {
            Some(t) => self.c_assign(t, AssignKind::Store)?,
            None => self.emit.pop_top(),
        }
        self.increase_except_level(l_finally, SetupKind::Finally);
        self.emit.adjust_stack_size(3);
        self.compile_async_with(rest, body)?;
        self.emit.adjust_stack_size(-3);
        self.emit.async_with_setup_finally(l_aexit_no_exc, l_finally, l_ret_unwind);
        self.emit.dup_top();
        self.emit.rot_three();
        self.emit.rot_two();
        self.emit.load_method("__aexit__", false);
        self.emit.rot_three();
        self.emit.rot_three();
        self.emit.dup_top();
        self.emit.attr("__class__", IdOp::Load);
        self.emit.rot_two();
        self.emit.load_const_tok(Const::None);
        self.emit.call_method(3, 0, false);
        self.compile_yield_from();
        self.emit.pop_jump_if(false, l_end);
        self.emit.pop_top();
        self.emit.load_const_tok(Const::None);
        self.emit.jump(l_end);
        self.emit.adjust_stack_size(2);
        self.emit.label_assign(l_ret_unwind);
        self.emit.rot_three();
        self.emit.rot_three();
        self.emit.label_assign(l_aexit_no_exc);
        self.emit.load_method("__aexit__", false);
        self.emit.load_const_tok(Const::None);
        self.emit.dup_top();
        self.emit.dup_top();
        self.emit.call_method(3, 0, false);
        self.compile_yield_from();
        self.emit.pop_top();
        self.emit.adjust_stack_size(-1);
        self.emit.label_assign(l_end);
        self.decrease_except_level();
        Ok(())
    }

    // ------------------------------------------------------------------ functions, classes

    fn scope_params(&mut self, p: &Params) -> Res<()> {
        for a in &p.positional {
            self.scope_param(Some(&a.name), ParamKind::Named, a.pos)?;
        }
        if let Some(star) = &p.star {
            match star {
                Some(a) => self.scope_param(Some(&a.name), ParamKind::Star, a.pos)?,
                None => self.scope_param(None, ParamKind::Star, (0, 0))?,
            }
        }
        for a in &p.kwonly {
            self.scope_param(Some(&a.name), ParamKind::Named, a.pos)?;
        }
        if let Some(a) = &p.dbl_star {
            self.scope_param(Some(&a.name), ParamKind::DblStar, a.pos)?;
        }
        Ok(())
    }

    fn scope_param(&mut self, name: Option<&str>, kind: ParamKind, pos: (u32, u32)) -> Res<()> {
        let mut flag = FLAG_IS_PARAM;
        match kind {
            ParamKind::Named => {
                if self.have_star {
                    self.scope_mut().num_kwonly_args += 1;
                } else {
                    self.scope_mut().num_pos_args += 1;
                }
            }
            ParamKind::Star => {
                self.have_star = true;
                flag |= FLAG_IS_STAR_PARAM;
                if name.is_some() {
                    self.scope_mut().scope_flags |= SCOPE_FLAG_VARARGS;
                }
            }
            ParamKind::DblStar => {
                flag |= FLAG_IS_DBL_STAR_PARAM;
                self.scope_mut().scope_flags |= SCOPE_FLAG_VARKEYWORDS;
            }
        }
        if let Some(n) = name {
            let i = self.scope_mut().find_or_add(n, IdKind::Undecided);
            if self.scope().ids[i].kind != IdKind::Undecided {
                return Err(self.err(pos, "argument name reused"));
            }
            let id = &mut self.scope_mut().ids[i];
            id.kind = IdKind::Local;
            id.flags = flag;
        }
        Ok(())
    }

    fn close_over_variables_etc(&mut self, this: usize, n_pos_defaults: usize, n_kw_defaults: usize) {
        if n_kw_defaults > 0 {
            self.scopes[this].scope_flags |= SCOPE_FLAG_DEFKWARGS;
        }
        self.scopes[this].num_def_pos_args = n_pos_defaults;
        let mut nfree = 0;
        if self.scope().kind != ScopeKind::Module {
            let mut loads = Vec::new();
            for id in &self.scopes[self.cur].ids {
                if matches!(id.kind, IdKind::Cell | IdKind::Free) {
                    for id2 in &self.scopes[this].ids {
                        if id2.kind == IdKind::Free && id.name == id2.name {
                            loads.push(id.local_num);
                        }
                    }
                }
            }
            for n in loads {
                self.emit.local(IdOp::Load, LocalKind::Fast, n);
                nfree += 1;
            }
        }
        let child = self.emit.alloc_child();
        if self.pass == Pass::Emit {
            self.scopes[self.cur].children.push(this);
        }
        if nfree == 0 {
            self.emit.make_function(child, n_pos_defaults, n_kw_defaults);
        } else {
            self.emit.make_closure(child, nfree, n_pos_defaults, n_kw_defaults);
        }
    }

    fn compile_funcdef_lambdef(&mut self, this: usize, p: &'a Params) -> Res<()> {
        let saved = (self.have_star, self.num_dict_params, self.num_default_params);
        self.have_star = false;
        self.num_dict_params = 0;
        self.num_default_params = 0;
        for a in &p.positional {
            self.funcdef_param(a)?;
        }
        if p.star.is_some() {
            self.have_star = true;
        }
        for a in &p.kwonly {
            self.funcdef_param(a)?;
        }
        if self.num_default_params > 0 && self.num_dict_params == 0 {
            self.emit.build(self.num_default_params, BuildKind::Tuple);
            self.emit.load_null();
        }
        let (nd, nk) = (self.num_default_params, self.num_dict_params);
        self.close_over_variables_etc(this, nd, nk);
        self.have_star = saved.0;
        self.num_dict_params = saved.1;
        self.num_default_params = saved.2;
        Ok(())
    }

    fn funcdef_param(&mut self, a: &'a Param) -> Res<()> {
        match &a.default {
            None => {
                if !self.have_star && self.num_default_params != 0 {
                    return Err(self.err(a.pos, "non-default argument follows default argument"));
                }
            }
            Some(d) => {
                if self.have_star {
                    self.num_dict_params += 1;
                    if self.num_dict_params == 1 {
                        if self.num_default_params > 0 {
                            self.emit.build(self.num_default_params, BuildKind::Tuple);
                        } else {
                            self.emit.load_null();
                        }
                        self.emit.build(0, BuildKind::Map);
                    }
                    self.compile_expr(d)?;
                    self.emit.load_const_str(a.name.as_bytes());
                    self.emit.store_map();
                } else {
                    self.num_default_params += 1;
                    self.compile_expr(d)?;
                }
            }
        }
        Ok(())
    }

    fn compile_funcdef_helper(&mut self, f: &'a FuncDef) -> Res<()> {
        let key = addr(f);
        if self.pass == Pass::Scope {
            self.new_scope(ScopeKind::Function, ScopeNode::Function(f), &f.name, key);
        }
        let this = self.scope_of[&key];
        self.compile_funcdef_lambdef(this, &f.params)
    }

    fn compile_classdef_helper(&mut self, c: &'a ClassDef) -> Res<()> {
        let key = addr(c);
        if self.pass == Pass::Scope {
            self.new_scope(ScopeKind::Class, ScopeNode::Class(c), &c.name, key);
        }
        self.emit.load_build_class();
        let this = self.scope_of[&key];
        self.close_over_variables_etc(this, 0, 0);
        self.emit.load_const_str(c.name.as_bytes());
        self.trailer_paren_helper(&c.bases, false, 2)
    }

    fn compile_decorated(&mut self, decorators: &'a [Decorator], f: Option<&'a FuncDef>, c: Option<&'a ClassDef>) -> Res<()> {
        let mut num_builtin = 0;
        let mut emit_opt: Option<crate::native::EmitOpt> = None;
        // (the last of the emitter decorators decides, as in compile_built_in_decorator)
        let mut inline_asm = false;
        for d in decorators {
            let Decorator::Dotted { names, call, pos } = d;
            if names[0] == "micropython" {
                if names.len() != 2 {
                    return Err(self.err(*pos, "invalid micropython decorator"));
                }
                match names[1].as_str() {
                    "bytecode" => {
                        emit_opt = Some(crate::native::EmitOpt::Bytecode);
                        inline_asm = false;
                    }
                    "native" | "viper" | "asm_thumb" | "asm_xtensa" | "asm_rv32" => {
                        let arch = self.opts.arch;
                        let asm = names[1].starts_with("asm_");
                        if (asm && !arch.has_inline_asm()) || (!asm && !arch.has_native_emitter()) {
                            return Err(self.err(*pos, "invalid arch"));
                        }
                        if !asm && f.is_some() {
                            emit_opt = Some(if names[1] == "native" {
                                crate::native::EmitOpt::Native
                            } else {
                                crate::native::EmitOpt::Viper
                            });
                            inline_asm = false;
                            num_builtin += 1;
                            continue;
                        }
                        // mpy-cross hands any asm_* decorator to the target's own assembler
                        // (Xtensa, Thumb: armv6 and armv6m on, or RISC-V: rv32imc)
                        use crate::native::Arch as A;
                        if asm && matches!(arch, A::Xtensa | A::Xtensawin | A::Armv6 | A::Armv6m | A::Armv7m | A::Armv7em | A::Armv7emsp | A::Armv7emdp | A::Rv32imc) {
                            inline_asm = true;
                            num_builtin += 1;
                            continue;
                        }
                        return Err(self.err(
                            *pos,
                            &format!(
                                "not supported yet by mpy-freeze: @micropython.{} (native code for -march={})",
                                names[1],
                                arch.name()
                            ),
                        ));
                    }
                    _ => return Err(self.err(*pos, "invalid micropython decorator")),
                }
                num_builtin += 1;
                continue;
            }
            self.load_id(&names[0])?;
            for n in &names[1..] {
                self.emit.attr(n, IdOp::Load);
            }
            if let Some((args, line)) = call {
                self.emit.set_source_line(*line);
                self.trailer_paren_helper(args, false, 0)?;
            }
        }
        let name = if let Some(f) = f {
            self.compile_funcdef_helper(f)?;
            if let (Some(opt), Pass::Scope) = (emit_opt, self.pass) {
                let si = self.scope_of[&addr(f)];
                self.scope_emit[si] = opt;
            }
            if inline_asm && self.pass == Pass::Scope {
                let si = self.scope_of[&addr(f)];
                self.inline_asm_scopes[si] = true;
            }
            if f.is_async {
                let si = self.scope_of[&addr(f)];
                self.scopes[si].scope_flags |= SCOPE_FLAG_GENERATOR;
            }
            &f.name
        } else {
            let c = c.unwrap();
            self.compile_classdef_helper(c)?;
            if inline_asm && self.pass == Pass::Scope {
                let si = self.scope_of[&addr(c)];
                self.inline_asm_scopes[si] = true;
            }
            &c.name
        };
        for _ in 0..decorators.len() - num_builtin {
            self.emit.call_function(1, 0, false);
        }
        self.store_id(name)
    }

    // ------------------------------------------------------------------ assignment

    fn c_assign(&mut self, e: &'a Expr, kind: AssignKind) -> Res<()> {
        match &e.kind {
            ExprKind::Name(n) => match kind {
                AssignKind::Store | AssignKind::AugStore => self.store_id(n),
                AssignKind::AugLoad => self.load_id(n),
            },
            ExprKind::AtomExpr(base, trailers) => self.c_assign_atom_expr(e, base, trailers, kind),
            ExprKind::Tuple(items, _) | ExprKind::List(items) => {
                if kind != AssignKind::Store {
                    return Err(self.err(e.pos, "can't assign to expression"));
                }
                self.c_assign_tuple(items)
            }
            _ => Err(self.err(e.pos, "can't assign to expression")),
        }
    }

    fn c_assign_atom_expr(&mut self, e: &Expr, base: &'a Expr, trailers: &'a [Trailer], kind: AssignKind) -> Res<()> {
        let (last, init) = trailers.split_last().expect("trailers");
        if kind != AssignKind::AugStore {
            self.compile_expr(base)?;
            for t in init {
                self.compile_trailer(t)?;
            }
        }
        match last {
            Trailer::Subscript(idx, _) => {
                if kind == AssignKind::AugStore {
                    self.emit.rot_three();
                    self.emit.subscr(IdOp::Store);
                } else {
                    self.compile_expr(idx)?;
                    if kind == AssignKind::AugLoad {
                        self.emit.dup_top_two();
                        self.emit.subscr(IdOp::Load);
                    } else {
                        self.emit.subscr(IdOp::Store);
                    }
                }
                Ok(())
            }
            Trailer::Attr(name, _) => {
                if kind == AssignKind::AugLoad {
                    self.emit.dup_top();
                    self.emit.attr(name, IdOp::Load);
                } else {
                    if kind == AssignKind::AugStore {
                        self.emit.rot_two();
                    }
                    self.emit.attr(name, IdOp::Store);
                }
                Ok(())
            }
            Trailer::Call(..) => Err(self.err(e.pos, "can't assign to expression")),
        }
    }

    fn c_assign_tuple(&mut self, items: &'a [Expr]) -> Res<()> {
        let mut star = None;
        for (i, it) in items.iter().enumerate() {
            if matches!(it.kind, ExprKind::Starred(_)) {
                if star.is_none() {
                    self.emit.unpack_ex(i, items.len() - i - 1);
                    star = Some(i);
                } else {
                    return Err(self.err(it.pos, "multiple *x in assignment"));
                }
            }
        }
        // UNPACK_EX carries both counts in one number, a byte each (`mp_unpack_ex` takes them
        // `& 0xff`): more would unpack wrongly. mpy-cross emits it; we refuse it.
        if let Some(i) = star {
            for (count, side) in [(i, "before"), (items.len() - i - 1, "after")] {
                if count > MAX_CALL_ARGS {
                    let msg = format!(
                        "too many targets {side} a starred assignment target (MicroPython's limit is {MAX_CALL_ARGS})"
                    );
                    return Err(self.err(items[i].pos, &msg));
                }
            }
        }
        if star.is_none() {
            self.emit.unpack_sequence(items.len());
        }
        for (i, it) in items.iter().enumerate() {
            if Some(i) == star {
                let ExprKind::Starred(inner) = &it.kind else { unreachable!() };
                self.c_assign(inner, AssignKind::Store)?;
            } else {
                self.c_assign(it, AssignKind::Store)?;
            }
        }
        Ok(())
    }

    fn c_del(&mut self, e: &'a Expr) -> Res<()> {
        match &e.kind {
            ExprKind::Name(n) => self.delete_id(n),
            ExprKind::AtomExpr(base, trailers) => {
                self.compile_expr(base)?;
                let (last, init) = trailers.split_last().expect("trailers");
                for t in init {
                    self.compile_trailer(t)?;
                }
                match last {
                    Trailer::Subscript(idx, _) => {
                        self.compile_expr(idx)?;
                        self.emit.subscr(IdOp::Delete);
                        Ok(())
                    }
                    Trailer::Attr(n, _) => {
                        self.emit.attr(n, IdOp::Delete);
                        Ok(())
                    }
                    Trailer::Call(..) => Err(self.err(e.pos, "can't delete expression")),
                }
            }
            ExprKind::Tuple(items, _) => {
                for it in items {
                    self.c_del(it)?;
                }
                Ok(())
            }
            _ => Err(self.err(e.pos, "can't delete expression")),
        }
    }

    // ------------------------------------------------------------------ expressions

    fn c_if_cond(&mut self, e: &'a Expr, jump_if: bool, label: usize) -> Res<()> {
        match e.const_truth() {
            Some(false) => {
                if !jump_if {
                    self.emit.jump(label);
                }
                return Ok(());
            }
            Some(true) => {
                if jump_if {
                    self.emit.jump(label);
                }
                return Ok(());
            }
            None => {}
        }
        match &e.kind {
            ExprKind::BoolOp { is_or, values } => {
                let n = values.len();
                // `or` jumping on false, and `and` jumping on true, need a local label.
                if *is_or != jump_if {
                    let label2 = self.new_label();
                    for v in &values[..n - 1] {
                        self.c_if_cond(v, !jump_if, label2)?;
                    }
                    self.c_if_cond(&values[n - 1], jump_if, label)?;
                    self.emit.label_assign(label2);
                } else {
                    for v in values {
                        self.c_if_cond(v, jump_if, label)?;
                    }
                }
                Ok(())
            }
            ExprKind::Not(inner) => self.c_if_cond(inner, !jump_if, label),
            _ => {
                self.compile_expr(e)?;
                self.emit.pop_jump_if(jump_if, label);
                Ok(())
            }
        }
    }

    pub fn compile_expr(&mut self, e: &'a Expr) -> Res<()> {
        self.emit.set_source_line(e.line);
        match &e.kind {
            ExprKind::Name(n) => self.load_id(n)?,
            ExprKind::SmallInt(v) => self.emit.load_const_small_int(*v),
            ExprKind::Str(s) => self.emit.load_const_str(s),
            ExprKind::NoneTok => self.emit.load_const_tok(Const::None),
            ExprKind::TrueTok => self.emit.load_const_tok(Const::True),
            ExprKind::FalseTok => self.emit.load_const_tok(Const::False),
            ExprKind::EllipsisTok => self.emit.load_const_obj(&Const::Ellipsis),
            ExprKind::Const(c) => self.emit.load_const_obj(c),
            ExprKind::BinOp(l, op, r) => {
                self.compile_expr(l)?;
                self.compile_expr(r)?;
                self.emit.binary_op(BINARY_OR + binary_op_offset(*op));
            }
            ExprKind::Unary(op, v) => {
                self.compile_expr(v)?;
                self.emit.unary_op(match op {
                    UnaryOp::Positive => UNARY_POSITIVE,
                    UnaryOp::Negative => UNARY_NEGATIVE,
                    UnaryOp::Invert => UNARY_INVERT,
                });
            }
            ExprKind::Not(v) => {
                self.compile_expr(v)?;
                self.emit.unary_op(UNARY_NOT);
            }
            ExprKind::BoolOp { is_or, values } => {
                let l_end = self.new_label();
                for (i, v) in values.iter().enumerate() {
                    self.compile_expr(v)?;
                    if i + 1 < values.len() {
                        self.emit.jump_if_or_pop(*is_or, l_end);
                    }
                }
                self.emit.label_assign(l_end);
            }
            ExprKind::Compare(left, rest) => self.compile_comparison(left, rest)?,
            ExprKind::IfExp { test, body, orelse } => {
                let l_fail = self.new_label();
                let l_end = self.new_label();
                self.c_if_cond(test, false, l_fail)?;
                self.compile_expr(body)?;
                self.emit.jump(l_end);
                self.emit.label_assign(l_fail);
                self.emit.adjust_stack_size(-1);
                self.compile_expr(orelse)?;
                self.emit.label_assign(l_end);
            }
            ExprKind::Lambda(f) => {
                let key = addr(&**f);
                if self.pass == Pass::Scope {
                    self.new_scope(ScopeKind::Lambda, ScopeNode::Function(f), "<lambda>", key);
                }
                let this = self.scope_of[&key];
                self.compile_funcdef_lambdef(this, &f.params)?;
            }
            ExprKind::NamedExpr { target, value, .. } => self.compile_namedexpr(target, value)?,
            ExprKind::AtomExpr(base, trailers) => self.compile_atom_expr(base, trailers)?,
            ExprKind::Await(v) => {
                if !matches!(self.scope().kind, ScopeKind::Function | ScopeKind::Lambda) {
                    return Err(self.err(e.pos, "'await' outside function"));
                }
                self.compile_expr(v)?;
                self.compile_yield_from();
            }
            ExprKind::Yield(v) => {
                if !matches!(self.scope().kind, ScopeKind::Function | ScopeKind::Lambda) {
                    return Err(self.err(e.pos, "'yield' outside function"));
                }
                match v {
                    None => self.emit.load_const_tok(Const::None),
                    Some(v) => self.compile_expr(v)?,
                }
                self.emit.yield_value();
            }
            ExprKind::YieldFrom(v) => {
                if !matches!(self.scope().kind, ScopeKind::Function | ScopeKind::Lambda) {
                    return Err(self.err(e.pos, "'yield' outside function"));
                }
                self.compile_expr(v)?;
                self.compile_yield_from();
            }
            ExprKind::EmptyTuple => self.emit.build(0, BuildKind::Tuple),
            ExprKind::Tuple(items, _) => {
                for i in items {
                    self.compile_expr(i)?;
                }
                self.emit.build(items.len(), BuildKind::Tuple);
            }
            ExprKind::List(items) => {
                for i in items {
                    self.compile_expr(i)?;
                }
                self.emit.build(items.len(), BuildKind::List);
            }
            ExprKind::Set(items) => {
                for i in items {
                    self.compile_expr(i)?;
                }
                self.emit.build(items.len(), BuildKind::Set);
            }
            ExprKind::Refused { message, before } => {
                for x in before {
                    self.compile_expr(x)?;
                }
                return Err(self.err(e.pos, message));
            }
            ExprKind::Dict(items) => {
                self.emit.build(items.len(), BuildKind::Map);
                for (k, v) in items {
                    self.emit.set_source_line(k.pos.0);
                    self.compile_expr(v)?;
                    self.compile_expr(k)?;
                    self.emit.store_map();
                }
            }
            ExprKind::Comp(c) => self.compile_comprehension(c)?,
            ExprKind::Slice(lower, upper, step) => {
                match lower {
                    Some(l) => self.compile_expr(l)?,
                    None => self.emit.load_const_tok(Const::None),
                }
                match upper {
                    Some(u) => self.compile_expr(u)?,
                    None => self.emit.load_const_tok(Const::None),
                }
                match step {
                    Some(s) => {
                        self.compile_expr(s)?;
                        self.emit.build(3, BuildKind::Slice);
                    }
                    None => self.emit.build(2, BuildKind::Slice),
                }
            }
            ExprKind::Starred(_) => return Err(self.err(e.pos, "*x must be assignment target")),
        }
        Ok(())
    }

    fn compile_namedexpr(&mut self, target: &'a Expr, value: &'a Expr) -> Res<()> {
        let ExprKind::Name(name) = &target.kind else {
            return Err(self.err(target.pos, "can't assign to expression"));
        };
        self.compile_expr(value)?;
        self.emit.dup_top();
        if self.pass == Pass::Scope && self.scope().kind.is_comp_like() {
            let parent = self.scope().parent.expect("comprehension parent");
            let pi = self.id_for_modification(parent, name);
            if self.scopes[parent].ids[pi].kind == IdKind::GlobalExplicit {
                self.scope_mut().find_or_add(name, IdKind::GlobalExplicit);
            } else {
                let i = self.scope_mut().find_or_add(name, IdKind::Undecided);
                let is_global = self.scopes[parent].parent.is_none();
                if !is_global && self.scope().ids[i].kind == IdKind::GlobalImplicit {
                    self.scope_mut().ids[i].kind = IdKind::Undecided;
                }
                self.declare_global_or_nonlocal(target.pos, i, is_global)?;
            }
        }
        self.store_id(name)
    }

    fn compile_comparison(&mut self, left: &'a Expr, rest: &'a [(CmpOp, Expr)]) -> Res<()> {
        self.compile_expr(left)?;
        let multi = rest.len() > 1;
        let l_fail = if multi { self.new_label() } else { 0 };
        for (i, (op, r)) in rest.iter().enumerate() {
            let last = i + 1 == rest.len();
            self.compile_expr(r)?;
            if !last {
                self.emit.dup_top();
                self.emit.rot_three();
            }
            self.emit.binary_op(match op {
                CmpOp::Lt => BINARY_LESS,
                CmpOp::Gt => BINARY_MORE,
                CmpOp::Eq => BINARY_EQUAL,
                CmpOp::LtE => BINARY_LESS_EQUAL,
                CmpOp::GtE => BINARY_MORE_EQUAL,
                CmpOp::NotEq => BINARY_NOT_EQUAL,
                CmpOp::In => BINARY_IN,
                CmpOp::NotIn => BINARY_NOT_IN,
                CmpOp::Is => BINARY_IS,
                CmpOp::IsNot => BINARY_IS_NOT,
            });
            if !last {
                self.emit.jump_if_or_pop(false, l_fail);
            }
        }
        if multi {
            let l_end = self.new_label();
            self.emit.jump(l_end);
            self.emit.label_assign(l_fail);
            self.emit.adjust_stack_size(1);
            self.emit.rot_two();
            self.emit.pop_top();
            self.emit.label_assign(l_end);
        }
        Ok(())
    }

    fn compile_trailer(&mut self, t: &'a Trailer) -> Res<()> {
        match t {
            Trailer::Call(args, line) => {
                self.emit.set_source_line(*line);
                self.trailer_paren_helper(args, false, 0)
            }
            Trailer::Subscript(idx, line) => {
                self.emit.set_source_line(*line);
                self.compile_expr(idx)?;
                self.emit.subscr(IdOp::Load);
                Ok(())
            }
            Trailer::Attr(name, line) => {
                self.emit.set_source_line(*line);
                self.emit.attr(name, IdOp::Load);
                Ok(())
            }
        }
    }

    fn compile_atom_expr(&mut self, base: &'a Expr, trailers: &'a [Trailer]) -> Res<()> {
        self.compile_expr(base)?;
        let mut i = 0;
        let n = trailers.len();
        if self.scope().kind == ScopeKind::Function
            && matches!(&base.kind, ExprKind::Name(s) if s == "super")
            && matches!(&trailers[0], Trailer::Call(args, _) if args.is_empty())
        {
            self.load_id("__class__")?;
            let first_param = self.scope().ids.iter().find(|id| id.flags & FLAG_IS_PARAM != 0).map(|id| id.name.clone());
            match first_param {
                Some(p) => self.load_id(&p)?,
                None => return Err(self.err(base.pos, "super() can't find self")),
            }
            if n >= 3 {
                if let (Trailer::Attr(m, _), Trailer::Call(args, _)) = (&trailers[1], &trailers[2]) {
                    self.emit.load_method(m, true);
                    self.trailer_paren_helper(args, true, 0)?;
                    i = 3;
                }
            }
            if i == 0 {
                self.emit.call_function(2, 0, false);
                i = 1;
            }
        }
        while i < n {
            if i + 1 < n {
                if let (Trailer::Attr(m, _), Trailer::Call(args, _)) = (&trailers[i], &trailers[i + 1]) {
                    self.emit.load_method(m, false);
                    self.trailer_paren_helper(args, true, 0)?;
                    i += 2;
                    continue;
                }
            }
            self.compile_trailer(&trailers[i])?;
            i += 1;
        }
        Ok(())
    }

    fn trailer_paren_helper(&mut self, args: &'a [Arg], is_method: bool, n_positional_extra: usize) -> Res<()> {
        let mut n_positional = n_positional_extra;
        let mut n_keyword = 0;
        let (mut single, mut double) = (false, false);
        let mut star_args: i64 = 0;
        for (i, a) in args.iter().enumerate() {
            match a {
                Arg::Star(e) => {
                    if double {
                        return Err(self.err(e.pos, "* arg after **"));
                    }
                    if n_keyword > 0 {
                        return Err(self.err(e.pos, "* arg after kwarg"));
                    }
                    if i >= self.opts.small_int_bits as usize - 1 {
                        return Err(self.err(e.pos, "too many args"));
                    }
                    single = true;
                    star_args |= 1 << i;
                    self.compile_expr(e)?;
                    n_positional += 1;
                }
                Arg::DoubleStar(e) => {
                    double = true;
                    self.emit.load_null();
                    self.compile_expr(e)?;
                    n_keyword += 1;
                }
                Arg::Keyword(k, v) => {
                    self.emit.load_const_str(k.as_bytes());
                    self.compile_expr(v)?;
                    n_keyword += 1;
                }
                Arg::Positional(e) => {
                    if let ExprKind::NamedExpr { target: t, value: v, .. } = &e.kind {
                        self.compile_namedexpr(t, v)?;
                        n_positional += 1;
                        continue;
                    }
                    if double {
                        return Err(self.err(e.pos, "positional arg after **"));
                    }
                    if n_keyword > 0 {
                        return Err(self.err(e.pos, "positional arg after keyword arg"));
                    }
                    self.compile_expr(e)?;
                    n_positional += 1;
                }
            }
        }
        // The call opcodes carry both counts in one number, a byte each (`py/vm.c` takes them
        // `& 0xff`): more would call with the wrong arguments. mpy-cross emits it; we refuse it
        // at the argument past the limit.
        let past_limit = |keyword: bool| {
            let counted = |a: &&Arg| matches!(a, Arg::Keyword(..) | Arg::DoubleStar(_)) == keyword;
            let skip = if keyword { MAX_CALL_ARGS } else { MAX_CALL_ARGS.saturating_sub(n_positional_extra) };
            match args.iter().filter(counted).nth(skip) {
                Some(Arg::Star(e) | Arg::DoubleStar(e) | Arg::Positional(e) | Arg::Keyword(_, e)) => e.pos,
                None => (1, 1),
            }
        };
        if n_positional > MAX_CALL_ARGS {
            let msg = format!("too many positional arguments in a call (MicroPython's limit is {MAX_CALL_ARGS})");
            return Err(self.err(past_limit(false), &msg));
        }
        if n_keyword > MAX_CALL_ARGS {
            let msg = format!("too many keyword arguments in a call (MicroPython's limit is {MAX_CALL_ARGS})");
            return Err(self.err(past_limit(true), &msg));
        }
        let star = single || double;
        if star {
            self.emit.load_const_small_int(star_args);
        }
        if is_method {
            self.emit.call_method(n_positional, n_keyword, star);
        } else {
            self.emit.call_function(n_positional, n_keyword, star);
        }
        Ok(())
    }

    fn compile_comprehension(&mut self, c: &'a Comprehension) -> Res<()> {
        let key = addr(c);
        if self.pass == Pass::Scope {
            let (kind, name) = match c.kind {
                CompKind::List => (ScopeKind::ListComp, "<listcomp>"),
                CompKind::Dict => (ScopeKind::DictComp, "<dictcomp>"),
                CompKind::Set => (ScopeKind::SetComp, "<setcomp>"),
                CompKind::Generator => (ScopeKind::GenExpr, "<genexpr>"),
            };
            self.new_scope(kind, ScopeNode::Comp(c), name, key);
        }
        let this = self.scope_of[&key];
        self.close_over_variables_etc(this, 0, 0);
        self.compile_expr(&c.generators[0].iter)?;
        if c.kind == CompKind::Generator {
            self.emit.get_iter(false);
        }
        self.emit.call_function(1, 0, false);
        Ok(())
    }

    fn comp_iter(&mut self, c: &'a Comprehension, depth: usize) -> Res<()> {
        let g = &c.generators[depth];
        let l_top = self.new_label();
        let l_end = self.new_label();
        self.emit.label_assign(l_top);
        self.emit.for_iter(l_end);
        self.c_assign(&g.target, AssignKind::Store)?;
        for cond in &g.ifs {
            self.c_if_cond(cond, false, l_top)?;
        }
        if depth + 1 < c.generators.len() {
            self.compile_expr(&c.generators[depth + 1].iter)?;
            self.emit.get_iter(true);
            self.comp_iter(c, depth + 1)?;
        } else {
            match (c.kind, &c.key) {
                (CompKind::Dict, Some(k)) => {
                    self.emit.set_source_line(k.pos.0);
                    self.compile_expr(&c.elt)?;
                    self.compile_expr(k)?;
                }
                _ => self.compile_expr(&c.elt)?,
            }
            if c.kind == CompKind::Generator {
                self.emit.yield_value();
                self.emit.pop_top();
            } else {
                self.emit.store_comp(c.kind, 4 * depth + 5);
            }
        }
        self.emit.jump(l_top);
        self.emit.label_assign(l_end);
        self.emit.for_iter_end();
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum ParamKind {
    Named,
    Star,
    DblStar,
}
