//! Decimal float literals read the way `mpy-cross` reads them, so constants are the same doubles.
//!
//! MicroPython accumulates up to ~19 significant digits in a 64-bit integer and scales it by a
//! power of ten built by repeated squaring. On the x86-64 hosts where `mpy-cross` is built that
//! arithmetic is done in x87 80-bit `long double` (its "exact" float-format option), and only the
//! final value is rounded to a double. The result is not always the correctly rounded double
//! (`64.65` reads as `64.65000000000001`), so we emulate that arithmetic here: a 64-bit
//! significand, round-half-to-even on every operation.

/// An x87 extended value: `sig * 2^exp`, `sig` normalised (top bit set) unless zero.
#[derive(Clone, Copy, Debug)]
struct Ext {
    sig: u64,
    exp: i32,
}

impl Ext {
    fn from_u64(v: u64) -> Ext {
        if v == 0 {
            return Ext { sig: 0, exp: 0 };
        }
        let lz = v.leading_zeros();
        Ext { sig: v << lz, exp: -(lz as i32) }
    }

    /// Rounds a 128-bit significand (with a sticky bit for anything below it) to 64 bits.
    fn round_from(wide: u128, exp: i32, sticky: bool) -> Ext {
        if wide == 0 {
            return Ext { sig: 0, exp: 0 };
        }
        let lz = wide.leading_zeros();
        let wide = wide << lz;
        let exp = exp - lz as i32;
        let hi = (wide >> 64) as u64;
        let lo = wide as u64;
        let half = 1u64 << 63;
        let round_up = lo > half || (lo == half && (sticky || hi & 1 == 1));
        let (sig, carry) = if round_up { hi.overflowing_add(1) } else { (hi, false) };
        if carry {
            Ext { sig: 1 << 63, exp: exp + 64 + 1 }
        } else {
            Ext { sig, exp: exp + 64 }
        }
    }

    fn from_f64(f: f64) -> Ext {
        let bits = f.to_bits();
        let exp_bits = ((bits >> 52) & 0x7ff) as i32;
        let frac = bits & ((1u64 << 52) - 1);
        let (m, e) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1 << 52), exp_bits - 1075) };
        let x = Ext::from_u64(m);
        Ext { sig: x.sig, exp: x.exp + e }
    }

    /// `floor(self + 0.5)` for a value well below 2^64.
    fn round_half_up_to_u64(self) -> u64 {
        if self.sig == 0 {
            return 0;
        }
        if self.exp >= 0 {
            return self.sig << self.exp.min(63);
        }
        let shift = (-self.exp) as u32;
        if shift > 65 {
            return 0;
        }
        let v = self.sig as u128 + (1u128 << (shift - 1));
        (v >> shift) as u64
    }

    fn mul(self, o: Ext) -> Ext {
        if self.sig == 0 || o.sig == 0 {
            return Ext { sig: 0, exp: 0 };
        }
        let p = self.sig as u128 * o.sig as u128;
        Ext::round_from(p, self.exp + o.exp, false)
    }

    fn div(self, o: Ext) -> Ext {
        if self.sig == 0 {
            return self;
        }
        let n = (self.sig as u128) << 64;
        let d = o.sig as u128;
        let q = n / d;
        let r = n % d;
        Ext::round_from(q, self.exp - o.exp - 64, r != 0)
    }

    /// Rounds to the nearest double (half to even).
    fn to_f64(self) -> f64 {
        if self.sig == 0 {
            return 0.0;
        }
        // Value = sig * 2^exp with sig in [2^63, 2^64): unbiased exponent of the leading bit.
        let lead = self.exp + 63;
        if lead > 1023 {
            return f64::INFINITY;
        }
        // Number of significand bits a double keeps at this magnitude (fewer when subnormal).
        let keep: i32 = if lead >= -1022 { 53 } else { 53 - (-1022 - lead) };
        if keep <= 0 {
            // Below half the smallest subnormal (or exactly half: ties to even = 0).
            let min_sub = 2f64.powi(-1074);
            let half_way = keep == 0 && self.sig > (1 << 63);
            return if half_way { min_sub } else { 0.0 };
        }
        let drop = 64 - keep as u32;
        let mut kept = self.sig >> drop;
        let rem = self.sig & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        if rem > half || (rem == half && kept & 1 == 1) {
            kept += 1;
        }
        // kept * 2^(exp + drop), computed exactly in two steps to avoid intermediate overflow.
        let e = self.exp + drop as i32;
        let v = kept as f64;
        let (e1, e2) = (e / 2, e - e / 2);
        v * 2f64.powi(e1) * 2f64.powi(e2)
    }
}

/// `mp_decimal_exp` in long-double arithmetic: `mantissa * 10^exp`, rounded to a double.
fn decimal_exp(mantissa: u64, dec_exp: i32) -> f64 {
    if dec_exp == 0 || mantissa == 0 {
        return mantissa as f64;
    }
    decimal_exp_ext(Ext::from_u64(mantissa), dec_exp).to_f64()
}

/// `mp_decimal_exp` kept in long-double precision.
fn decimal_exp_ext(num: Ext, mut dec_exp: i32) -> Ext {
    if dec_exp == 0 || num.sig == 0 {
        return num;
    }
    let neg = dec_exp < 0;
    if neg {
        dec_exp = -dec_exp;
    }
    let mut res = num;
    let mut expo = Ext::from_u64(10);
    while dec_exp != 0 {
        if dec_exp & 1 != 0 {
            res = if neg { res.div(expo) } else { res.mul(expo) };
        }
        dec_exp >>= 1;
        if dec_exp != 0 {
            expo = expo.mul(expo);
        }
        if res.sig != 0 && (res.exp > 20000 || res.exp < -20000) {
            break;
        }
    }
    res
}

/// The significant digits and decimal exponent MicroPython's `repr` prints for a finite,
/// positive double: 16 significant digits (trailing zeros dropped), or more while the text
/// would not read back as the same value (`mp_format_float` with its "exact" implementation).
pub fn repr_digits(f: f64) -> (String, i32) {
    let expval = ((f.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    // MicroPython's own literal for 1/log2(10), kept as written for bit-exact behaviour.
    #[allow(clippy::approx_constant)]
    let mut e = (expval as f64 * 0.3010299956639812) as i32;
    let positive = f >= 1.0;
    let base = |e: i32| decimal_exp_ext(Ext::from_u64(1), e).to_f64();
    let mut u_base = base(e + positive as i32);
    while (f >= u_base) == positive {
        e += if positive { 1 } else { -1 };
        u_base = base(e + positive as i32);
    }
    let mut best = (String::new(), e);
    for num_digits in 16..=19 {
        let decexp = num_digits - e - 1;
        let mut mantissa = decimal_exp_ext(Ext::from_f64(f), decexp).round_half_up_to_u64();
        let mut ee = e;
        if mantissa >= 10u64.pow(num_digits as u32) {
            mantissa /= 10;
            ee += 1;
        }
        let mut digits = format!("{:0width$}", mantissa, width = num_digits as usize);
        while digits.len() > 1 && digits.ends_with('0') {
            digits.pop();
        }
        let text = format!("{}.{}e{}", &digits[..1], &digits[1..], ee);
        best = (digits, ee);
        if parse(&text) == Some(f) {
            break;
        }
    }
    best
}

const MANTISSA_MAX: u64 = 0x1999999999999998;

/// Parses the text of an unsigned decimal float literal (digits, `.`, exponent, `_`), as
/// `mp_parse_float_internal` does. Returns `None` for text it does not understand.
pub fn parse(text: &str) -> Option<f64> {
    #[derive(PartialEq)]
    enum In {
        Intg,
        Frac,
        Exp,
    }
    let mut state = In::Intg;
    let mut exp_neg = false;
    let mut mantissa: u64 = 0;
    let mut exp_val: i32 = 0;
    let mut exp_extra: i32 = 0;
    let (mut tz_intg, mut tz_frac) = (0i32, 0i32);
    let accept = |m: u64, dig: u64, extra: &mut i32, st: &In| -> u64 {
        if m < MANTISSA_MAX {
            if *st == In::Frac {
                *extra -= 1;
            }
            10 * m + dig
        } else {
            if *st == In::Intg {
                *extra += 1;
            }
            m
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        match c {
            b'0'..=b'9' => {
                let dig = (c - b'0') as u64;
                if state == In::Exp {
                    if exp_val < (i32::MAX / 2 - 9) / 10 {
                        exp_val = 10 * exp_val + dig as i32;
                    }
                } else if dig == 0 || mantissa >= MANTISSA_MAX {
                    if state == In::Intg {
                        tz_intg += 1;
                    } else {
                        tz_frac += 1;
                    }
                } else {
                    while tz_intg > 0 {
                        mantissa = accept(mantissa, 0, &mut exp_extra, &In::Intg);
                        tz_intg -= 1;
                    }
                    while tz_frac > 0 {
                        mantissa = accept(mantissa, 0, &mut exp_extra, &In::Frac);
                        tz_frac -= 1;
                    }
                    mantissa = accept(mantissa, dig, &mut exp_extra, &state);
                }
            }
            b'.' if state == In::Intg => state = In::Frac,
            b'e' | b'E' if state != In::Exp => {
                state = In::Exp;
                match bytes.get(i) {
                    Some(b'+') => i += 1,
                    Some(b'-') => {
                        i += 1;
                        exp_neg = true;
                    }
                    _ => {}
                }
                if i == bytes.len() {
                    return None;
                }
            }
            b'_' => {}
            _ => return None,
        }
    }
    if exp_neg {
        exp_val = -exp_val;
    }
    exp_val += exp_extra + tz_intg;
    Some(decimal_exp(mantissa, exp_val))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_and_prints_like_mpy_cross() {
        // Texts mpy-cross 1.29.0 stored for these literals: 16 significant digits that read
        // back to the same double, not the shortest repr.
        let repr = |t: &str| crate::constant::float_repr(parse(t).unwrap());
        assert_eq!(repr("64.65"), "64.65000000000001");
        assert_eq!(repr("0.69"), "0.6899999999999999");
        assert_eq!(repr("0.793402"), "0.7934020000000001");
        assert_eq!(repr("0.1"), "0.1");
        // Exactly representable values are exact.
        assert_eq!(parse("1.5"), Some(1.5));
        assert_eq!(parse("1_000.25e1"), Some(10002.5));
    }
}
