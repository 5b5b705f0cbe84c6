//! The `.mpy` v6 writer: header, qstr table (static qstrs by index), constant objects and the
//! raw-code tree (`py/persistentcode.c`'s format), bytecode and native scopes.

use crate::constant::{complex_repr, float_repr, Const};
use crate::emit::encode_uint;
use crate::qstr;
use crate::scope::Scope;

pub const MPY_VERSION: u8 = 6;

/// Type tags of constant objects in a `.mpy` file (`MP_PERSISTENT_OBJ_*`).
pub const OBJ_NONE: u8 = 1;
pub const OBJ_FALSE: u8 = 2;
pub const OBJ_TRUE: u8 = 3;
pub const OBJ_ELLIPSIS: u8 = 4;
pub const OBJ_STR: u8 = 5;
pub const OBJ_BYTES: u8 = 6;
pub const OBJ_INT: u8 = 7;
pub const OBJ_FLOAT: u8 = 8;
pub const OBJ_COMPLEX: u8 = 9;
pub const OBJ_TUPLE: u8 = 10;

/// Type tag of the native function table (`MP_PERSISTENT_OBJ_FUN_TABLE`), the constant every
/// native scope loads first.
pub const OBJ_FUN_TABLE: u8 = 0;

/// Writes a whole bytecode-only module.
pub fn write(small_int_bits: u8, qstrs: &[Vec<u8>], consts: &[Const], scopes: &[Scope]) -> Vec<u8> {
    write_target(&Target::default(), small_int_bits, qstrs, consts, scopes)
}

/// How a scope compiled to machine code is recorded (`MP_CODE_NATIVE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeKind {
    /// `@micropython.native`: the prelude sits in the code, at `prelude_offset`.
    Py { prelude_offset: usize },
    /// `@micropython.viper`: no prelude.
    Viper,
    /// An inline assembler function (`@micropython.asm_xtensa`): its number of arguments and
    /// return type (`MP_NATIVE_TYPE_*`) follow the code.
    Asm { n_pos_args: usize, type_sig: u8 },
}

/// What the header and the raw-code records say beyond bytecode: the architecture, its flags,
/// which constant is the native function table and which scopes are machine code.
#[derive(Clone, Debug, Default)]
pub struct Target {
    pub arch: crate::native::Arch,
    pub arch_flags: u32,
    /// Index in the constant table of `mp_fun_table` (written as its tag alone).
    pub fun_table: Option<usize>,
    /// Per scope (same indices as `scopes`), `Some` for a native scope.
    pub native: Vec<Option<NativeKind>>,
}

/// Writes a whole module, native scopes and all.
pub fn write_target(target: &Target, small_int_bits: u8, qstrs: &[Vec<u8>], consts: &[Const], scopes: &[Scope]) -> Vec<u8> {
    let has_native = target.native.iter().any(Option::is_some);
    let feature = crate::native::header_feature_byte(target.arch, target.arch_flags, has_native);
    let mut out = vec![b'M', MPY_VERSION, feature, small_int_bits];
    if target.arch_flags != 0 {
        out.extend(encode_uint(target.arch_flags as usize));
    }
    out.extend(encode_uint(qstrs.len()));
    out.extend(encode_uint(consts.len()));
    for q in qstrs {
        match std::str::from_utf8(q).ok().and_then(qstr::static_index) {
            Some(i) => out.extend(encode_uint(i << 1 | 1)),
            None => {
                out.extend(encode_uint(q.len() << 1));
                out.extend(q);
                out.push(0);
            }
        }
    }
    for (i, c) in consts.iter().enumerate() {
        if target.fun_table == Some(i) {
            out.push(OBJ_FUN_TABLE);
        } else {
            write_obj(&mut out, c);
        }
    }
    write_raw_code(&mut out, target, scopes, 0);
    out
}

fn write_text(out: &mut Vec<u8>, kind: u8, text: &str) {
    out.push(kind);
    out.extend(encode_uint(text.len()));
    out.extend(text.as_bytes());
}

fn write_obj(out: &mut Vec<u8>, c: &Const) {
    match c {
        Const::None => out.push(OBJ_NONE),
        Const::False => out.push(OBJ_FALSE),
        Const::True => out.push(OBJ_TRUE),
        Const::Ellipsis => out.push(OBJ_ELLIPSIS),
        Const::Str(s) => {
            out.push(OBJ_STR);
            out.extend(encode_uint(s.len()));
            out.extend(s);
            out.push(0);
        }
        Const::Bytes(b) => {
            out.push(OBJ_BYTES);
            out.extend(encode_uint(b.len()));
            out.extend(b);
            out.push(0);
        }
        Const::Int(i) => write_text(out, OBJ_INT, &i.to_string()),
        Const::Float(f) => write_text(out, OBJ_FLOAT, &float_repr(*f)),
        Const::Complex(r, i) => write_text(out, OBJ_COMPLEX, &complex_repr(*r, *i)),
        Const::Tuple(items) => {
            out.push(OBJ_TUPLE);
            out.extend(encode_uint(items.len()));
            for it in items {
                write_obj(out, it);
            }
        }
    }
}

fn write_raw_code(out: &mut Vec<u8>, target: &Target, scopes: &[Scope], si: usize) {
    let s = &scopes[si];
    let has_children = !s.children.is_empty();
    let native = target.native.get(si).copied().flatten();
    // kind - MP_CODE_BYTECODE: 0 bytecode, 1 native Python, 2 viper, 3 inline assembler
    let kind = match native {
        None => 0,
        Some(NativeKind::Py { .. }) => 1,
        Some(NativeKind::Viper) => 2,
        Some(NativeKind::Asm { .. }) => 3,
    };
    out.extend(encode_uint(s.code.len() << 3 | (has_children as usize) << 2 | kind));
    out.extend(&s.code);
    match native {
        None => {}
        // (mp_raw_code_t keeps the offset in a uint16_t; codegen refuses larger ones, where
        // mpy-cross writes it modulo 65536 and so a broken .mpy)
        Some(NativeKind::Py { prelude_offset }) => out.extend(encode_uint(prelude_offset)),
        // viper's scope flags, always 0 (no generator, varargs or default keywords)
        Some(NativeKind::Viper) => out.push(0),
        // the same scope flags, then what the caller of the machine code needs to know
        Some(NativeKind::Asm { n_pos_args, type_sig }) => {
            out.push(0);
            out.extend(encode_uint(n_pos_args));
            out.extend(encode_uint(type_sig as usize));
        }
    }
    if has_children {
        out.extend(encode_uint(s.children.len()));
        for &c in &s.children {
            write_raw_code(out, target, scopes, c);
        }
    }
}
