//! Viper signatures: the types a `@micropython.viper` function's annotations give its
//! parameters and return value (`compile_viper_type_annotation` in `py/compile.c`).
//!
//! The compiler's own tree drops annotations (bytecode never compiles them), so they are read
//! here from a second parse of the module with the same lexer, keyed by where each `def`
//! starts (the key the tree's `FuncDef::pos` uses).

use std::collections::HashMap;

use rustpython_parser::ast;

use crate::emit_native::{native_type_from_name, ViperSig};
use crate::source::SourceMap;

/// A parameter's or return value's annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Annotation {
    None,
    Name(String),
    /// Anything but a bare name: "annotation must be an identifier".
    Other,
}

/// The annotations of one function, in source order of its positional parameters.
#[derive(Clone, Debug)]
pub struct FnAnnotations {
    pub positional: Vec<Annotation>,
    /// Annotations of `*args`, keyword-only parameters or `**kwargs` (refused in viper).
    pub other_params: bool,
    pub returns: Annotation,
}

fn annotation(e: Option<&ast::Expr>) -> Annotation {
    match e {
        None => Annotation::None,
        Some(ast::Expr::Name(n)) => Annotation::Name(n.id.to_string()),
        Some(_) => Annotation::Other,
    }
}

/// Every function of the module by the position of its `def` (line, column), or `None` when
/// the module does not parse here (the compiler reports its own error first).
pub fn module_annotations(map: &SourceMap) -> Option<HashMap<(u32, u32), FnAnnotations>> {
    let mut tokens = crate::lexer::Lexer::new(map.text);
    let parsed = rustpython_parser::parse_tokens(&mut tokens, rustpython_parser::Mode::Module, map.name).ok()?;
    let rustpython_parser::ast::Mod::Module(m) = parsed else { return None };
    let mut out = HashMap::new();
    walk(map, &m.body, &mut out);
    Some(out)
}

fn walk(map: &SourceMap, body: &[ast::Stmt], out: &mut HashMap<(u32, u32), FnAnnotations>) {
    use ast::Stmt as S;
    for s in body {
        match s {
            S::FunctionDef(f) => {
                out.insert(map.pos(f.range.start().to_u32()), function(&f.args, f.returns.as_deref()));
                walk(map, &f.body, out);
            }
            S::AsyncFunctionDef(f) => {
                out.insert(map.pos(f.range.start().to_u32()), function(&f.args, f.returns.as_deref()));
                walk(map, &f.body, out);
            }
            S::ClassDef(c) => walk(map, &c.body, out),
            S::If(i) => {
                walk(map, &i.body, out);
                walk(map, &i.orelse, out);
            }
            S::For(f) => {
                walk(map, &f.body, out);
                walk(map, &f.orelse, out);
            }
            S::AsyncFor(f) => {
                walk(map, &f.body, out);
                walk(map, &f.orelse, out);
            }
            S::While(w) => {
                walk(map, &w.body, out);
                walk(map, &w.orelse, out);
            }
            S::With(w) => walk(map, &w.body, out),
            S::AsyncWith(w) => walk(map, &w.body, out),
            S::Try(t) => {
                walk(map, &t.body, out);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    walk(map, &h.body, out);
                }
                walk(map, &t.orelse, out);
                walk(map, &t.finalbody, out);
            }
            S::TryStar(t) => {
                walk(map, &t.body, out);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    walk(map, &h.body, out);
                }
                walk(map, &t.orelse, out);
                walk(map, &t.finalbody, out);
            }
            S::Match(m) => {
                for c in &m.cases {
                    walk(map, &c.body, out);
                }
            }
            _ => {}
        }
    }
}

fn function(args: &ast::Arguments, returns: Option<&ast::Expr>) -> FnAnnotations {
    let positional = args.args.iter().map(|a| annotation(a.def.annotation.as_deref())).collect();
    let other_params = args.vararg.as_ref().is_some_and(|a| a.annotation.is_some())
        || args.kwonlyargs.iter().any(|a| a.def.annotation.is_some())
        || args.kwarg.as_ref().is_some_and(|a| a.annotation.is_some());
    FnAnnotations { positional, other_params, returns: annotation(returns) }
}

/// The viper signature the annotations give, or the compile error mpy-cross reports
/// (`ViperTypeError: unknown type 'x'`, `annotation must be an identifier`), or a refusal.
pub fn viper_sig(a: &FnAnnotations) -> Result<ViperSig, String> {
    if a.other_params {
        return Err("not supported yet by mpy-freeze: annotations of *args, keyword-only or **kwargs parameters in viper code".to_string());
    }
    let ty = |ann: &Annotation| -> Result<u8, String> {
        match ann {
            Annotation::None => Ok(0),
            Annotation::Name(n) => native_type_from_name(n).ok_or_else(|| format!("ViperTypeError: unknown type '{n}'")),
            Annotation::Other => Err("annotation must be an identifier".to_string()),
        }
    };
    let mut arg_types = Vec::new();
    for p in &a.positional {
        arg_types.push(ty(p)?);
    }
    Ok(ViperSig { arg_types, ret: ty(&a.returns)? })
}
