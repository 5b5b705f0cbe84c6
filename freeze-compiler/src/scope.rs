//! Scopes and the kinds of their names (local, global, cell, free), with MicroPython's rules
//! for closing over variables and numbering locals (`py/scope.c` and `scope_compute_things`).

use crate::tree::{ClassDef, Comprehension, FuncDef};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScopeKind {
    Module,
    Class,
    Lambda,
    ListComp,
    DictComp,
    SetComp,
    GenExpr,
    Function,
}

impl ScopeKind {
    pub fn is_func_like(self) -> bool {
        self >= ScopeKind::Lambda
    }

    pub fn is_comp_like(self) -> bool {
        (ScopeKind::ListComp..=ScopeKind::GenExpr).contains(&self)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Undecided,
    GlobalImplicit,
    GlobalImplicitAssigned,
    GlobalExplicit,
    Local,
    Cell,
    Free,
}

pub const FLAG_IS_PARAM: u8 = 0x01;
pub const FLAG_IS_STAR_PARAM: u8 = 0x02;
pub const FLAG_IS_DBL_STAR_PARAM: u8 = 0x04;

#[derive(Clone, Debug)]
pub struct IdInfo {
    pub kind: IdKind,
    pub flags: u8,
    pub local_num: usize,
    pub name: String,
}

/// The parse node a scope compiles.
#[derive(Clone, Copy)]
pub enum ScopeNode<'a> {
    Module,
    Function(&'a FuncDef),
    Class(&'a ClassDef),
    Comp(&'a Comprehension),
}

pub struct Scope<'a> {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    pub node: ScopeNode<'a>,
    pub simple_name: String,
    pub ids: Vec<IdInfo>,
    /// Position of each name in `ids` (a scope may hold tens of thousands of names).
    id_index: crate::fx_hash::FxHashMap<String, usize>,
    pub num_pos_args: usize,
    pub num_kwonly_args: usize,
    pub num_def_pos_args: usize,
    pub num_locals: usize,
    pub stack_size: usize,
    pub exc_stack_size: usize,
    pub scope_flags: u32,
    /// Scopes of the raw codes this scope creates, in child-index order.
    pub children: Vec<usize>,
    /// The finished code (prelude, line table, bytecode).
    pub code: Vec<u8>,
}

impl<'a> Scope<'a> {
    pub fn new(kind: ScopeKind, parent: Option<usize>, node: ScopeNode<'a>, simple_name: &str) -> Self {
        Scope {
            kind,
            parent,
            node,
            simple_name: simple_name.to_string(),
            ids: Vec::new(),
            id_index: Default::default(),
            num_pos_args: 0,
            num_kwonly_args: 0,
            num_def_pos_args: 0,
            num_locals: 0,
            stack_size: 0,
            exc_stack_size: 0,
            scope_flags: 0,
            children: Vec::new(),
            code: Vec::new(),
        }
    }

    pub fn find(&self, name: &str) -> Option<usize> {
        self.id_index.get(name).copied()
    }

    pub fn find_or_add(&mut self, name: &str, kind: IdKind) -> usize {
        if let Some(i) = self.find(name) {
            return i;
        }
        self.ids.push(IdInfo { kind, flags: 0, local_num: 0, name: name.to_string() });
        self.id_index.insert(name.to_string(), self.ids.len() - 1);
        self.ids.len() - 1
    }

    /// Swaps two names' places in `ids`.
    fn swap_ids(&mut self, a: usize, b: usize) {
        self.ids.swap(a, b);
        self.id_index.insert(self.ids[a].name.clone(), a);
        self.id_index.insert(self.ids[b].name.clone(), b);
    }
}

fn close_over_in_parents(scopes: &mut [Scope], scope: usize, name: &str) {
    let mut s = scopes[scope].parent.expect("has a parent");
    loop {
        let i = scopes[s].find_or_add(name, IdKind::Undecided);
        let id = &mut scopes[s].ids[i];
        if id.kind == IdKind::Undecided {
            id.kind = IdKind::Free;
        } else {
            if id.kind == IdKind::Local {
                id.kind = IdKind::Cell;
            }
            return;
        }
        match scopes[s].parent {
            Some(p) => s = p,
            None => return,
        }
    }
}

/// `scope_check_to_close_over`: a name not bound here that a function-like ancestor binds
/// becomes free here and cell/free along the way up.
pub fn check_to_close_over(scopes: &mut [Scope], scope: usize, id: usize) {
    let name = scopes[scope].ids[id].name.clone();
    let mut s = scopes[scope].parent;
    while let Some(si) = s {
        if scopes[si].parent.is_none() {
            break;
        }
        if let Some(i2) = scopes[si].find(&name) {
            let k = scopes[si].ids[i2].kind;
            if matches!(k, IdKind::Local | IdKind::Cell | IdKind::Free) {
                scopes[scope].ids[id].kind = IdKind::Free;
                close_over_in_parents(scopes, scope, &name);
            }
            break;
        }
        s = scopes[si].parent;
    }
}

/// `scope_compute_things`: star parameter placement, implicit globals made explicit in
/// functions, and local numbering (params, then cells, with free variables first of all).
pub fn compute_things(scopes: &mut [Scope], si: usize) {
    use crate::emit::SCOPE_FLAG_VARARGS;
    {
        let scope = &mut scopes[si];
        if scope.scope_flags & SCOPE_FLAG_VARARGS != 0 {
            let mut id_param: Option<usize> = None;
            for i in (0..scope.ids.len()).rev() {
                if scope.ids[i].flags & FLAG_IS_STAR_PARAM != 0 {
                    if let Some(p) = id_param {
                        scope.swap_ids(p, i);
                    }
                    break;
                } else if id_param.is_none() && scope.ids[i].flags == FLAG_IS_PARAM {
                    id_param = Some(i);
                }
            }
        }
        scope.num_locals = 0;
        let kind = scope.kind;
        for i in 0..scope.ids.len() {
            if kind == ScopeKind::Class && scope.ids[i].name == "__class__" {
                continue;
            }
            if kind.is_func_like() && scope.ids[i].kind == IdKind::GlobalImplicit {
                scope.ids[i].kind = IdKind::GlobalExplicit;
            }
            if scope.ids[i].kind == IdKind::Local || scope.ids[i].flags & FLAG_IS_PARAM != 0 {
                scope.ids[i].local_num = scope.num_locals;
                scope.num_locals += 1;
            }
        }
        for i in 0..scope.ids.len() {
            if scope.ids[i].kind == IdKind::Cell && scope.ids[i].flags & FLAG_IS_PARAM == 0 {
                scope.ids[i].local_num = scope.num_locals;
                scope.num_locals += 1;
            }
        }
    }
    if let Some(parent) = scopes[si].parent {
        // MicroPython numbers the free variables first, in the order of the parent's cell and
        // free names (`for each parent id: for each id here`). Looking each free name up in the
        // parent gives the same order without walking the parent's names for every child scope
        // (a module of many functions would take time quadratic in their number).
        let mut free: Vec<(usize, usize)> = scopes[si]
            .ids
            .iter()
            .enumerate()
            .filter(|(_, id)| id.kind == IdKind::Free)
            .filter_map(|(i, id)| {
                let p = scopes[parent].find(&id.name)?;
                matches!(scopes[parent].ids[p].kind, IdKind::Cell | IdKind::Free).then_some((p, i))
            })
            .collect();
        free.sort_unstable();
        let num_free = free.len();
        let scope = &mut scopes[si];
        for (n, &(_, i)) in free.iter().enumerate() {
            scope.ids[i].local_num = n;
        }
        if num_free > 0 {
            for id in scope.ids.iter_mut() {
                if id.kind != IdKind::Free || id.flags & FLAG_IS_PARAM != 0 {
                    id.local_num += num_free;
                }
            }
            scope.num_pos_args += num_free;
            scope.num_locals += num_free;
        }
    }
}
