//! String and bytes literals decoded the way MicroPython's lexer decodes them, to the exact
//! bytes it stores. This differs from CPython (and rustpython) in corners that change the
//! `.mpy`: surrogate escapes such as `"\ud800"` become their 3-byte encoding instead of an
//! error or U+FFFD, an unknown escape before a non-ASCII character re-encodes that character's
//! first byte, and `\N{...}` is not supported at all.

/// Why a literal cannot be decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum LiteralError {
    /// `\N{...}`: MicroPython raises NotImplementedError("unicode name escapes").
    NameEscape,
    /// Anything else MicroPython's lexer turns into an invalid token (a SyntaxError).
    Invalid,
}

/// The decoded value of one string token (all its implicitly concatenated parts).
#[derive(Debug, PartialEq, Eq)]
pub struct Literal {
    pub bytes: Vec<u8>,
    pub is_bytes: bool,
}

/// Appends `c` as MicroPython's `vstr_add_char` does: UTF-8, surrogates included.
fn push_char(out: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.push(0xc0 | (c >> 6) as u8);
        out.push(0x80 | (c & 0x3f) as u8);
    } else if c < 0x10000 {
        out.push(0xe0 | (c >> 12) as u8);
        out.push(0x80 | ((c >> 6) & 0x3f) as u8);
        out.push(0x80 | (c & 0x3f) as u8);
    } else {
        out.push(0xf0 | (c >> 18) as u8);
        out.push(0x80 | ((c >> 12) & 0x3f) as u8);
        out.push(0x80 | ((c >> 6) & 0x3f) as u8);
        out.push(0x80 | (c & 0x3f) as u8);
    }
}

/// Source bytes with MicroPython's line-end normalisation (`\r\n` and `\r` become `\n`).
fn normalise(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            out.push(b'\n');
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    out
}

/// Decodes the source text of a (non-f) string or bytes token.
pub fn decode(text: &str) -> Result<Literal, LiteralError> {
    let src = normalise(text);
    let mut out = Vec::new();
    let mut is_bytes = None;
    let mut i = 0;
    while i < src.len() {
        // Between parts: blanks, comments, line continuations.
        match src[i] {
            b' ' | b'\t' | b'\x0c' | b'\n' => {
                i += 1;
                continue;
            }
            b'\\' => {
                i += 2;
                continue;
            }
            b'#' => {
                while i < src.len() && src[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        let mut raw = false;
        let mut bytes = false;
        while i < src.len() && src[i].is_ascii_alphabetic() {
            match src[i] {
                b'r' | b'R' => raw = true,
                b'b' | b'B' => bytes = true,
                b'u' | b'U' => {}
                _ => return Err(LiteralError::Invalid),
            }
            i += 1;
        }
        if *is_bytes.get_or_insert(bytes) != bytes {
            return Err(LiteralError::Invalid);
        }
        let q = *src.get(i).ok_or(LiteralError::Invalid)?;
        if q != b'\'' && q != b'"' {
            return Err(LiteralError::Invalid);
        }
        let triple = src.get(i + 1) == Some(&q) && src.get(i + 2) == Some(&q);
        let nq = if triple { 3 } else { 1 };
        i += nq;
        loop {
            let Some(&c) = src.get(i) else { return Err(LiteralError::Invalid) };
            if c == q && (!triple || (src.get(i + 1) == Some(&q) && src.get(i + 2) == Some(&q))) {
                i += nq;
                break;
            }
            if c != b'\\' {
                out.push(c);
                i += 1;
                continue;
            }
            // An escape: `c` below is the code point to add, as MicroPython computes it.
            i += 1;
            let Some(&e) = src.get(i) else { return Err(LiteralError::Invalid) };
            let mut code: u32 = e as u32;
            if raw {
                out.push(b'\\');
            } else {
                match e {
                    b'\n' => {
                        i += 1;
                        continue;
                    }
                    b'\\' | b'\'' | b'"' => {}
                    b'a' => code = 0x07,
                    b'b' => code = 0x08,
                    b't' => code = 0x09,
                    b'n' => code = 0x0a,
                    b'v' => code = 0x0b,
                    b'f' => code = 0x0c,
                    b'r' => code = 0x0d,
                    b'u' | b'U' if bytes => out.push(b'\\'),
                    b'x' | b'u' | b'U' => {
                        let n = match e {
                            b'x' => 2,
                            b'u' => 4,
                            _ => 8,
                        };
                        let hex = src.get(i + 1..i + 1 + n).ok_or(LiteralError::Invalid)?;
                        let s = std::str::from_utf8(hex).map_err(|_| LiteralError::Invalid)?;
                        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return Err(LiteralError::Invalid);
                        }
                        code = u32::from_str_radix(s, 16).map_err(|_| LiteralError::Invalid)?;
                        i += n;
                    }
                    b'N' => return Err(LiteralError::NameEscape),
                    b'0'..=b'7' => {
                        let mut num = (e - b'0') as u32;
                        let mut digits = 1;
                        while digits < 3 && matches!(src.get(i + 1), Some(b'0'..=b'7')) {
                            i += 1;
                            num = num * 8 + (src[i] - b'0') as u32;
                            digits += 1;
                        }
                        code = num;
                    }
                    _ => out.push(b'\\'),
                }
            }
            if !bytes && code < 0x110000 {
                push_char(&mut out, code);
            } else if bytes && code < 0x100 {
                out.push(code as u8);
            } else {
                return Err(LiteralError::Invalid);
            }
            i += 1;
        }
    }
    Ok(Literal { bytes: out, is_bytes: is_bytes.unwrap_or(false) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Vec<u8> {
        decode(text).unwrap().bytes
    }

    #[test]
    fn ordinary_escapes() {
        assert_eq!(s(r#""a\tb\n""#), b"a\tb\n");
        assert_eq!(s(r#"'\x41\101\u00e9'"#), "AAé".as_bytes());
        assert_eq!(s(r#"r'\n'"#), b"\\n");
        assert_eq!(s("'a' \"b\""), b"ab");
        assert_eq!(decode(r#"b'\xff\u1234'"#).unwrap(), Literal { bytes: b"\xff\\u1234".to_vec(), is_bytes: true });
    }

    #[test]
    fn micropython_corners() {
        // A lone surrogate is stored as its 3-byte encoding.
        assert_eq!(s(r#""\ud800""#), vec![0xed, 0xa0, 0x80]);
        // An unknown escape before a non-ASCII character re-encodes its first byte.
        assert_eq!(s("'\\\u{41f}'"), vec![b'\\', 0xc3, 0x90, 0x9f]);
        assert_eq!(decode(r#""\N{DASH}""#), Err(LiteralError::NameEscape));
        assert_eq!(s("'''a\r\nb'''"), b"a\nb");
    }
}
