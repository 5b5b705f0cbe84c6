//! Constant objects as MicroPython's parser and `.mpy` format see them: what the parser folds,
//! how the compiler de-duplicates them (strict equality), and how `.mpy` stores them (as text
//! for numbers, as bytes for str/bytes, recursively for tuples).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::tree::{BinOp, UnaryOp};

/// A constant object.
#[derive(Clone, Debug)]
pub enum Const {
    None,
    False,
    True,
    Ellipsis,
    Int(BigInt),
    Float(f64),
    /// Complex with real and imaginary parts.
    Complex(f64, f64),
    /// A str's bytes (UTF-8, or MicroPython's encoding of lone surrogates).
    Str(Vec<u8>),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
}

impl Const {
    /// MicroPython's strict equality used to de-duplicate the constant table: same type,
    /// tuples item by item, `0.0` and `-0.0` kept apart.
    pub fn strictly_equal(&self, other: &Const) -> bool {
        use Const::*;
        match (self, other) {
            (None, None) | (False, False) | (True, True) | (Ellipsis, Ellipsis) => true,
            (Int(a), Int(b)) => a == b,
            // NaN constants come from `math.nan`, one shared object in MicroPython, so they
            // de-duplicate (a computed NaN would not, but source code does not make those).
            (Float(a), Float(b)) if a.is_nan() && b.is_nan() => a.to_bits() == b.to_bits(),
            (Float(a), Float(b)) => a == b && (*a != 0.0 || a.is_sign_negative() == b.is_sign_negative()),
            (Complex(ar, ai), Complex(br, bi)) => ar == br && ai == bi,
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.strictly_equal(y))
            }
            _ => false,
        }
    }

    /// A hash consistent with [`Const::strictly_equal`] (equal constants hash alike), for the
    /// constant table's index.
    pub fn strict_hash<H: std::hash::Hasher>(&self, h: &mut H) {
        use std::hash::Hash;
        use Const::*;
        // A complex part of 0.0 equals -0.0; NaN parts never compare equal, any hash will do.
        let part = |x: f64| if x == 0.0 { 0 } else { x.to_bits() };
        match self {
            None => h.write_u8(0),
            False => h.write_u8(1),
            True => h.write_u8(2),
            Ellipsis => h.write_u8(3),
            Int(i) => {
                h.write_u8(4);
                i.hash(h);
            }
            Float(f) => {
                h.write_u8(5);
                h.write_u64(f.to_bits());
            }
            Complex(r, i) => {
                h.write_u8(6);
                h.write_u64(part(*r));
                h.write_u64(part(*i));
            }
            Str(s) => {
                h.write_u8(7);
                h.write(s);
            }
            Bytes(b) => {
                h.write_u8(8);
                h.write(b);
            }
            Tuple(t) => {
                h.write_u8(9);
                h.write_usize(t.len());
                for c in t {
                    c.strict_hash(h);
                }
            }
        }
    }

    /// Python truth value (used for compile-time `if`/`while`/`and`/`or` elimination).
    pub fn is_true(&self) -> bool {
        match self {
            Const::None | Const::False => false,
            Const::True | Const::Ellipsis => true,
            Const::Int(i) => !i.is_zero(),
            Const::Float(f) => *f != 0.0,
            Const::Complex(r, i) => *r != 0.0 || *i != 0.0,
            Const::Str(s) => !s.is_empty(),
            Const::Bytes(b) => !b.is_empty(),
            Const::Tuple(t) => !t.is_empty(),
        }
    }

    /// Whether this is a number the parser may fold (int or float; not bool, not complex).
    pub fn is_number(&self) -> bool {
        matches!(self, Const::Int(_) | Const::Float(_))
    }
}

/// The text MicroPython prints for `repr(x)` of a double (`'g'` format, 16 significant digits
/// or more until it reads back exactly, always with a decimal point or exponent).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".to_string() } else { "-inf".to_string() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".to_string() } else { "0.0".to_string() };
    }
    let negative = f < 0.0;
    let (digits, exp) = crate::float_literal::repr_digits(f.abs());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = (exp + 1) as usize;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// `repr` of a complex number as MicroPython prints it.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let imag_text = |v: f64, sign: bool| {
        let mut s = float_repr(v);
        if s.ends_with(".0") {
            s.truncate(s.len() - 2);
        }
        if sign && !s.starts_with('-') {
            s.insert(0, '+');
        }
        s
    };
    if real != 0.0 {
        let mut r = float_repr(real);
        if r.ends_with(".0") {
            r.truncate(r.len() - 2);
        }
        format!("({}{}j)", r, imag_text(imag, true))
    } else {
        format!("{}j", imag_text(imag, false))
    }
}

/// Largest left shift we fold; beyond it the result would be absurd in a source file and
/// MicroPython's own allocation behaviour is not worth imitating.
const MAX_FOLD_SHIFT: u64 = 1 << 24;

/// Largest result (in bits) of `**` we fold. mpy-cross folds with its 2 MiB heap: up to about
/// a million bits it folds and writes the result; beyond, whether it folds (and then fails to
/// write the file) or leaves the power for run time depends on how its heap happens to be laid
/// out (measured: `2 ** 1_000_000` folded, `2 ** 1_500_000` not, `2 ** 3_000_000` folded then
/// MemoryError, `8012 ** 500_000` not). Squaring makes a big power slow too.
const MAX_FOLD_POW_BITS: f64 = (1u64 << 20) as f64;

fn to_f64(c: &Const) -> f64 {
    match c {
        Const::Int(i) => i.to_f64().unwrap_or(f64::INFINITY),
        Const::Float(f) => *f,
        _ => unreachable!("only numbers are folded"),
    }
}

fn floor_div_mod_int(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    use num_integer::Integer;
    a.div_mod_floor(b)
}

/// Folds `a op b` like `mp_binary_op` would at parse time; `None` when MicroPython would
/// raise (so the expression is left for run time) or produce a complex number.
pub fn fold_binary(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    use BinOp::*;
    match (a, b) {
        (Const::Int(x), Const::Int(y)) => Some(match op {
            Or => Const::Int(x | y),
            Xor => Const::Int(x ^ y),
            And => Const::Int(x & y),
            LShift => {
                if y.is_negative() {
                    return None;
                }
                let s = y.to_u64().filter(|s| *s <= MAX_FOLD_SHIFT)?;
                Const::Int(x << s as usize)
            }
            RShift => {
                if y.is_negative() {
                    return None;
                }
                let s = y.to_u64().unwrap_or(u64::MAX).min(1 << 32);
                Const::Int(x >> s as usize)
            }
            Add => Const::Int(x + y),
            Sub => Const::Int(x - y),
            Mul => Const::Int(x * y),
            MatMul => return None,
            FloorDiv => {
                if y.is_zero() {
                    return None;
                }
                Const::Int(floor_div_mod_int(x, y).0)
            }
            Mod => {
                if y.is_zero() {
                    return None;
                }
                Const::Int(floor_div_mod_int(x, y).1)
            }
            TrueDiv => {
                if y.is_zero() {
                    return None;
                }
                Const::Float(to_f64(a) / to_f64(b))
            }
            Pow => {
                if y.is_negative() {
                    if x.is_zero() {
                        return None;
                    }
                    return fold_float(Pow, to_f64(a), to_f64(b));
                }
                let e = y.to_u32()?;
                // bits of the result: e * log2|x| + 1
                let log2x = if x.bits() <= 1000 { x.to_f64().map_or(0.0, |f| f.abs().log2()) } else { x.bits() as f64 };
                if f64::from(e) * log2x + 1.0 > MAX_FOLD_POW_BITS {
                    return None;
                }
                Const::Int(num_traits::pow::Pow::pow(x, e))
            }
        }),
        _ if a.is_number() && b.is_number() => {
            if matches!(op, Or | Xor | And | LShift | RShift | MatMul) {
                return None;
            }
            fold_float(op, to_f64(a), to_f64(b))
        }
        _ => None,
    }
}

fn fold_float(op: BinOp, x: f64, y: f64) -> Option<Const> {
    use BinOp::*;
    let r = match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        TrueDiv => {
            if y == 0.0 {
                return None;
            }
            x / y
        }
        FloorDiv | Mod => {
            if y == 0.0 {
                return None;
            }
            let (div, m) = float_divmod(x, y);
            if op == FloorDiv {
                div
            } else {
                m
            }
        }
        Pow => {
            if x == 0.0 && y < 0.0 {
                return None;
            }
            if x < 0.0 && y != y.floor() {
                // Result is complex: MicroPython leaves it for run time.
                return None;
            }
            x.powf(y)
        }
        _ => return None,
    };
    Some(Const::Float(r))
}

/// Python's float floor-division and modulo (sign of the result follows the divisor).
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// Folds a unary operator on a number; `~` only on ints.
pub fn fold_unary(op: UnaryOp, a: &Const) -> Option<Const> {
    match (op, a) {
        (UnaryOp::Positive, Const::Int(_) | Const::Float(_)) => Some(a.clone()),
        (UnaryOp::Negative, Const::Int(i)) => Some(Const::Int(-i)),
        (UnaryOp::Negative, Const::Float(f)) => Some(Const::Float(-f)),
        (UnaryOp::Invert, Const::Int(i)) => Some(Const::Int(-(i + BigInt::from(1)))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python_style() {
        assert_eq!(float_repr(1.5), "1.5");
        assert_eq!(float_repr(100.0), "100.0");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e-5), "1e-05");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(-2.5e-10), "-2.5e-10");
        assert_eq!(float_repr(1234567890123456.0), "1234567890123456.0");
    }

    #[test]
    fn strict_equality_keeps_signed_zero_apart() {
        assert!(!Const::Float(0.0).strictly_equal(&Const::Float(-0.0)));
        assert!(!Const::Int(1.into()).strictly_equal(&Const::True));
        assert!(Const::Float(f64::NAN).strictly_equal(&Const::Float(f64::NAN)));
    }
}
