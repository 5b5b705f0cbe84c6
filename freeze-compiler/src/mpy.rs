//! The `.mpy` v6 writer: header, qstr table (static qstrs by index), constant objects and the
//! raw-code tree (`py/persistentcode.c`'s format, bytecode only).

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

/// Writes a whole module.
pub fn write(small_int_bits: u8, qstrs: &[Vec<u8>], consts: &[Const], scopes: &[Scope]) -> Vec<u8> {
    let mut out = vec![b'M', MPY_VERSION, 0, small_int_bits];
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
    for c in consts {
        write_obj(&mut out, c);
    }
    write_raw_code(&mut out, scopes, 0);
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

fn write_raw_code(out: &mut Vec<u8>, scopes: &[Scope], si: usize) {
    let s = &scopes[si];
    let has_children = !s.children.is_empty();
    out.extend(encode_uint(s.code.len() << 3 | (has_children as usize) << 2));
    out.extend(&s.code);
    if has_children {
        out.extend(encode_uint(s.children.len()));
        for &c in &s.children {
            write_raw_code(out, scopes, c);
        }
    }
}
