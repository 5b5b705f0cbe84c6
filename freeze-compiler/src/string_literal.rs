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
    /// An f-string field with no expression (`{}`, `{!r}`, `{=}`): "malformed f-string".
    Malformed,
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

/// Source bytes as MicroPython's reader and lexer see them: `\r\n` and `\r` become `\n`, and a
/// NUL byte becomes `\x01` (NUL marks the end of its input). `came_from` is told, for each byte
/// of the result in order, the offset in `text` it came from.
fn normalise_tracking(text: &str, mut came_from: impl FnMut(usize)) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        came_from(i);
        if b[i] == b'\r' {
            out.push(b'\n');
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else if b[i] == 0 {
            out.push(1);
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    out
}

fn normalise(text: &str) -> Vec<u8> {
    normalise_tracking(text, |_| {})
}

/// [`normalise`], and for each byte of the result (and one past its end) the offset in `text`
/// it came from.
fn normalise_with_offsets(text: &str) -> (Vec<u8>, Vec<usize>) {
    let mut from = Vec::with_capacity(text.len() + 1);
    let out = normalise_tracking(text, |i| from.push(i));
    from.push(text.len());
    (out, from)
}

/// The quote character of a part whose opening quote is at `i`, and whether it is tripled.
fn opening_quote(src: &[u8], i: usize) -> Option<(u8, bool)> {
    let q = *src.get(i)?;
    Some((q, src.get(i + 1) == Some(&q) && src.get(i + 2) == Some(&q)))
}

/// Whether a part quoted with `q` (`triple`) closes at `i`.
fn closes_at(src: &[u8], i: usize, q: u8, triple: bool) -> bool {
    src.get(i) == Some(&q) && (!triple || (src.get(i + 1) == Some(&q) && src.get(i + 2) == Some(&q)))
}

/// Where the body of a part starting at `i` ends: at its closing quotes, or at the end of `src`.
/// A backslash takes the byte after it; in an f-part, a field's text runs to its end whatever
/// it holds (MicroPython's lexer does not look for quotes there).
fn body_end(src: &[u8], mut i: usize, q: u8, triple: bool, f: bool) -> usize {
    while i < src.len() {
        if src[i] == b'\\' {
            i += 2;
            continue;
        }
        if f && src[i] == b'{' {
            i = if src.get(i + 1) == Some(&b'{') { i + 2 } else { micropython_field_end(src, i + 1) };
            continue;
        }
        if closes_at(src, i, q, triple) {
            break;
        }
        i += 1;
    }
    i.min(src.len())
}

/// Between the parts of an implicitly concatenated token (blanks, comments, line continuations):
/// where the next thing to look at is, or `None` at the start of a part.
fn skip_between_parts(src: &[u8], i: usize) -> Option<usize> {
    match src[i] {
        b' ' | b'\t' | b'\x0c' | b'\n' => Some(i + 1),
        b'\\' => Some(i + 2),
        b'#' => Some(src[i..].iter().position(|&c| c == b'\n').map_or(src.len(), |p| i + p)),
        _ => None,
    }
}

struct Prefix {
    raw: bool,
    bytes: bool,
    f: bool,
}

/// A part's prefix letters. MicroPython's lexer knows them in lower case only (`R''` is a name
/// followed by a string there).
fn read_prefix(src: &[u8], mut i: usize) -> Result<(Prefix, usize), LiteralError> {
    let mut p = Prefix { raw: false, bytes: false, f: false };
    while i < src.len() && src[i].is_ascii_alphabetic() {
        match src[i] {
            b'r' => p.raw = true,
            b'b' => p.bytes = true,
            b'f' => p.f = true,
            b'u' => {}
            _ => return Err(LiteralError::Invalid),
        }
        i += 1;
    }
    Ok((p, i))
}

/// Decodes the source text of a (non-f) string or bytes token.
pub fn decode(text: &str) -> Result<Literal, LiteralError> {
    let src = normalise(text);
    let mut out = Vec::new();
    let mut is_bytes = None;
    let mut i = 0;
    while i < src.len() {
        if let Some(next) = skip_between_parts(&src, i) {
            i = next;
            continue;
        }
        let (prefix, after) = read_prefix(&src, i)?;
        i = after;
        if prefix.f {
            return Err(LiteralError::Invalid);
        }
        let (raw, bytes) = (prefix.raw, prefix.bytes);
        if *is_bytes.get_or_insert(bytes) != bytes {
            return Err(LiteralError::Invalid);
        }
        let (q, triple) = opening_quote(&src, i).ok_or(LiteralError::Invalid)?;
        if q != b'\'' && q != b'"' {
            return Err(LiteralError::Invalid);
        }
        let nq = if triple { 3 } else { 1 };
        i += nq;
        loop {
            let Some(&c) = src.get(i) else { return Err(LiteralError::Invalid) };
            if closes_at(&src, i, q, triple) {
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

/// The format string MicroPython's lexer makes from an f-string token (all its implicitly
/// concatenated parts, plain or `f`), and the fields it passes to `str.format`.
#[derive(Debug, PartialEq, Eq)]
pub struct FString {
    /// The text `str.format` receives: plain parts verbatim (their braces not doubled!),
    /// f-parts with every field replaced by `{` + conversion + spec + `}`.
    pub format: Vec<u8>,
    /// Each field's expression as MicroPython's lexer cuts it out (in order, nested spec fields
    /// after their field): byte ranges of the token's text. MicroPython parses each one
    /// wrapped in parentheses, as an argument of `.format(...)`.
    pub fields: Vec<(usize, usize)>,
}

/// Whether any part of a string token's text has an `f` prefix.
pub fn has_f_prefix(text: &str) -> bool {
    let src = text.as_bytes();
    let mut i = 0;
    while i < src.len() {
        if let Some(next) = skip_between_parts(src, i) {
            i = next;
            continue;
        }
        let Ok((prefix, after)) = read_prefix(src, i) else { return false };
        if prefix.f {
            return true;
        }
        // Skip this (plain) part's body.
        let Some((q, triple)) = opening_quote(src, after) else { return false };
        let nq = if triple { 3 } else { 1 };
        i = body_end(src, after + nq, q, triple, false) + nq;
    }
    false
}

/// Where MicroPython's lexer ends the expression of a field starting at `i`: it counts only
/// `[` and `{`, knows no string literals, and stops at `:`, `}` or `!r`/`!s` before `:`/`}`.
pub(crate) fn micropython_field_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0i32;
    while i < b.len() {
        let c = b[i];
        if depth == 0
            && (c == b':'
                || c == b'}'
                || (c == b'!'
                    && matches!(b.get(i + 1), Some(b'r' | b's'))
                    && matches!(b.get(i + 2), Some(b':' | b'}'))))
        {
            return i;
        }
        match c {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Builds the format string of an f-string token as MicroPython's lexer does. Fails where
/// MicroPython would read a field differently from CPython (its lexer does not know strings
/// or parentheses inside fields), since that is not the program CPython accepted.
pub fn fstring_format(text: &str) -> Result<FString, LiteralError> {
    let (src, from) = normalise_with_offsets(text);
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut i = 0;
    while i < src.len() {
        if let Some(next) = skip_between_parts(&src, i) {
            i = next;
            continue;
        }
        let (prefix, after) = read_prefix(&src, i)?;
        i = after;
        if prefix.bytes {
            return Err(LiteralError::Invalid);
        }
        let (raw, f) = (prefix.raw, prefix.f);
        let (q, triple) = opening_quote(&src, i).ok_or(LiteralError::Invalid)?;
        let nq = if triple { 3 } else { 1 };
        i += nq;
        let end = body_end(&src, i, q, triple, f);
        let body = &src[i..end];
        if f {
            let mut spans = Vec::new();
            fpart(body, if raw { Backslash::Raw } else { Backslash::Escape }, &mut out, &mut spans)?;
            fields.extend(spans.into_iter().map(|(a, b)| (from[i + a], from[i + b])));
        } else {
            // A plain part: its text goes in as decoded, braces and all.
            let mut part = Vec::new();
            part.extend(src[i - nq..(end + nq).min(src.len())].iter());
            let prefix = if raw { "r" } else { "" };
            let lit = decode(&format!("{}{}", prefix, String::from_utf8_lossy(&part)))?;
            out.extend(lit.bytes);
        }
        i = end + nq;
    }
    Ok(FString { format: out, fields })
}

/// How an f-part's backslashes are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Backslash {
    /// As escapes in a string.
    Escape,
    /// As in a raw string (kept, with the character after them).
    Raw,
    /// As in a raw t-string (each stands for itself only).
    Itself,
}

/// One f-part's body: literal text decoded like a string, fields as MicroPython lexes them.
fn fpart(b: &[u8], backslash: Backslash, out: &mut Vec<u8>, fields: &mut Vec<(usize, usize)>) -> Result<(), LiteralError> {
    let raw = backslash == Backslash::Raw;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' && backslash == Backslash::Itself {
            out.push(c);
            i += 1;
            continue;
        }
        if c == b'{' {
            if b.get(i + 1) == Some(&b'{') {
                out.extend(b"{{");
                i += 2;
                continue;
            }
            let start = i + 1;
            let mp_end = micropython_field_end(b, start);
            let mut expr_end = mp_end;
            if mp_end > start && b[mp_end - 1] == b'=' {
                // `{x=}`: "x=" goes into the format text, `x` is the argument.
                out.extend(&b[start..mp_end]);
                expr_end -= 1;
            } else if ends_in_debug_equals(&b[start..mp_end]) {
                // `{x = }`: CPython's debug form; MicroPython only knows `{x=}` and reads
                // `(x = )`, which does not parse.
                return Err(LiteralError::Invalid);
            }
            if expr_end == start {
                return Err(LiteralError::Malformed);
            }
            fields.push((start, expr_end));
            out.push(b'{');
            i = mp_end;
            continue;
        }
        if c == b'\\' {
            // Escapes as in a string; an escaped `{` is a plain character here.
            // (the escaped character whole: a non-ASCII one is several bytes)
            let esc_end = (i + 1 + b.get(i + 1).map_or(1, |&c| utf8_len(c))).min(b.len());
            let mut piece = b"'".to_vec();
            piece.extend(&b[i..esc_end]);
            let mut j = esc_end;
            // \x, \u, \U and octal escapes take more characters.
            while j < b.len() && j < i + 10 && (b[j].is_ascii_hexdigit()) && matches!(b.get(i + 1), Some(b'x' | b'u' | b'U' | b'0'..=b'7')) {
                piece.push(b[j]);
                j += 1;
            }
            piece.push(b'\'');
            let text = format!("{}{}", if raw { "r" } else { "" }, String::from_utf8_lossy(&piece));
            // Decode greedily but only as many characters as the escape uses.
            let lit = decode_escape_prefix(&text, raw)?;
            out.extend(lit.0);
            i += lit.1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    Ok(())
}

/// Length of the UTF-8 sequence that starts with byte `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// Whether a field's text ends with a lone `=` followed only by blanks.
fn ends_in_debug_equals(field: &[u8]) -> bool {
    let t = field.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(&field[..0], |p| &field[..=p]);
    t.last() == Some(&b'=')
        && t.len() < field.len()
        && !matches!(t.get(t.len().wrapping_sub(2)), Some(b'=' | b'!' | b'<' | b'>'))
}

/// Decodes the single escape at the start of the quoted `text`; returns its bytes and how many
/// source bytes of the escape it used (backslash included).
fn decode_escape_prefix(text: &str, raw: bool) -> Result<(Vec<u8>, usize), LiteralError> {
    let body_start = if raw { 2 } else { 1 };
    let body = &text.as_bytes()[body_start..text.len() - 1];
    let used = match body.get(1) {
        Some(b'x') => 4,
        Some(b'u') if !raw => 6,
        Some(b'U') if !raw => 10,
        Some(b'0'..=b'7') if !raw => 1 + body[1..].iter().take(3).take_while(|c| (b'0'..=b'7').contains(c)).count(),
        _ => 1 + body.get(1).map_or(1, |&c| utf8_len(c)),
    };
    let used = used.min(body.len());
    let prefix = if raw { "r" } else { "" };
    let lit = decode(&format!("{}'{}'", prefix, String::from_utf8_lossy(&body[..used])))?;
    Ok((lit.bytes, used))
}

/// A t-string (`t"..."`, `rt"..."`) as MicroPython's lexer reads it: it becomes the call
/// `__template__(strings, expr, 'expr text', conversion, spec, ...)`.
#[derive(Debug, PartialEq, Eq)]
pub struct Template {
    /// The decoded text between interpolations (one more than there are interpolations).
    pub strings: Vec<Vec<u8>>,
    pub interpolations: Vec<Interpolation>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Interpolation {
    /// The expression's byte range in the token's text.
    pub expr: (usize, usize),
    /// The expression as text (trailing blanks dropped), as MicroPython passes it.
    pub text: Vec<u8>,
    /// `!r`/`!s` (or `r` for a `{x=}` without a spec).
    pub conversion: Option<u8>,
    pub spec: TemplateSpec,
}

#[derive(Debug, PartialEq, Eq)]
pub enum TemplateSpec {
    /// A plain format spec, decoded.
    Text(Vec<u8>),
    /// A spec with fields of its own: an f-string (ranges in the token's text).
    Format(FString),
}

/// Whether a string token's text is a t-string (`t`, `rt` or `tr` prefix).
pub fn is_template(text: &str) -> bool {
    let b = text.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    letters <= 2 && b[..letters].contains(&b't')
}

/// Reads a t-string token (one part: MicroPython refuses to join t-strings with other literals).
pub fn template(text: &str) -> Result<Template, LiteralError> {
    let src = text.as_bytes();
    let (prefix, mut i) = read_template_prefix(src)?;
    let raw = prefix;
    let (q, triple) = opening_quote(src, i).ok_or(LiteralError::Invalid)?;
    let nq = if triple { 3 } else { 1 };
    i += nq;
    let closes = |i: usize| closes_at(src, i, q, triple);
    // MicroPython re-reads each part as a plain (not raw) literal: a raw t-string's
    // backslashes are doubled first, so each stands for itself (even last, before the quote).
    let decode_part = |part: &[u8]| -> Result<Vec<u8>, LiteralError> {
        let quotes = if q == b'"' { "\"\"\"" } else { "'''" };
        let part = String::from_utf8_lossy(part);
        let body = if raw { part.replace('\\', "\\\\") } else { part.into_owned() };
        decode(&format!("{quotes}{body}{quotes}")).map(|l| l.bytes)
    };
    let mut strings = Vec::new();
    let mut interpolations = Vec::new();
    let mut part: Vec<u8> = Vec::new();
    while i < src.len() && !closes(i) {
        let c = src[i];
        if c == b'\\' {
            // copied with the byte after it (a raw string keeps only the backslash)
            part.push(c);
            i += 1;
            if !raw && i < src.len() {
                part.push(src[i]);
                i += 1;
            }
            continue;
        }
        if c == b'}' {
            if src.get(i + 1) == Some(&b'}') {
                part.push(b'}');
                i += 2;
                continue;
            }
            return Err(LiteralError::Malformed);
        }
        if c != b'{' {
            part.push(c);
            i += 1;
            continue;
        }
        if src.get(i + 1) == Some(&b'{') {
            part.push(b'{');
            i += 2;
            continue;
        }
        // An interpolation.
        let start = i + 1;
        let field_end = micropython_field_end(src, start);
        let mut expr_end = field_end;
        let mut debug = false;
        if field_end > start && src[field_end - 1] == b'=' {
            part.extend(&src[start..field_end]);
            expr_end -= 1;
            debug = true;
        }
        let mut shown = &src[start..expr_end];
        while let Some((&last, rest)) = shown.split_last() {
            if !matches!(last, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
                break;
            }
            shown = rest;
        }
        if shown.is_empty() {
            return Err(LiteralError::Malformed);
        }
        i = field_end;
        let mut conversion = None;
        if src.get(i) == Some(&b'!') {
            conversion = Some(*src.get(i + 1).ok_or(LiteralError::Invalid)?);
            i += 2;
        } else if debug && src.get(i) != Some(&b':') {
            conversion = Some(b'r');
        }
        if src.get(i) == Some(&b':') {
            i += 1;
        }
        // The spec runs to the `}` that closes the interpolation; braces inside make it an
        // f-string.
        let spec_start = i;
        let mut depth = 1;
        let mut nested = false;
        while i < src.len() && !closes(i) {
            match src[i] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    nested = true;
                }
                b'\\' if !raw => i += 1,
                _ => {}
            }
            i += 1;
        }
        if depth != 0 {
            return Err(LiteralError::Malformed);
        }
        let spec_bytes = &src[spec_start..i];
        i += 1;
        let spec = if nested {
            let mut format = Vec::new();
            let mut spans = Vec::new();
            fpart(spec_bytes, if raw { Backslash::Itself } else { Backslash::Escape }, &mut format, &mut spans)?;
            let fields = spans.into_iter().map(|(a, b)| (spec_start + a, spec_start + b)).collect();
            TemplateSpec::Format(FString { format, fields })
        } else {
            TemplateSpec::Text(decode_part(spec_bytes)?)
        };
        strings.push(decode_part(&std::mem::take(&mut part))?);
        interpolations.push(Interpolation { expr: (start, expr_end), text: shown.to_vec(), conversion, spec });
    }
    if i >= src.len() {
        return Err(LiteralError::Invalid);
    }
    strings.push(decode_part(&part)?);
    Ok(Template { strings, interpolations })
}

/// A t-string's prefix: whether it is raw, and where its quote is.
fn read_template_prefix(src: &[u8]) -> Result<(bool, usize), LiteralError> {
    match src {
        [b'r', b't', ..] | [b't', b'r', ..] => Ok((true, 2)),
        [b't', ..] => Ok((false, 1)),
        _ => Err(LiteralError::Invalid),
    }
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

    #[test]
    fn fstrings_as_micropython_lexes_them() {
        let f = |t: &str| {
            fstring_format(t).map(|x| {
                let fields: Vec<String> = x.fields.iter().map(|&(a, b)| t[a..b].to_string()).collect();
                (String::from_utf8(x.format).unwrap(), fields)
            })
        };
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(f(r#"f"a{x!r:>{w}}b{{""#), Ok(("a{!r:>{}}b{{".to_string(), v(&["x", "w"]))));
        assert_eq!(f(r#"f"{x=}""#), Ok(("x={}".to_string(), v(&["x"]))));
        // Plain parts keep their braces undoubled.
        assert_eq!(f(r#""({})" f"{x}""#), Ok(("({}){}".to_string(), v(&["x"]))));
        // `\{` is literal text to MicroPython.
        assert_eq!(f(r#"rf"a\{b}""#), Ok(("a\\{b}".to_string(), v(&[]))));
        // MicroPython's field ends at the first `:` (it knows no strings there): what it parses
        // is `(" ".join(")`, which fails.
        assert_eq!(f(r#"f'{" ".join(":")}'"#).unwrap().1, v(&[r#"" ".join(""#]));
        // Same quotes inside a field, and CRLF before it (ranges are of the original text).
        assert_eq!(f("f'''a\r\n{x['a']}'''").unwrap().1, v(&["x['a']"]));
    }
    #[test]
    fn templates_as_micropython_lexes_them() {
        let t = template("t'a{b!r:>{w}}c{d=}'").unwrap();
        assert_eq!(t.strings, vec![b"a".to_vec(), b"cd=".to_vec(), b"".to_vec()]);
        assert_eq!(t.interpolations.len(), 2);
        assert_eq!(t.interpolations[0].conversion, Some(b'r'));
        assert!(matches!(&t.interpolations[0].spec, TemplateSpec::Format(f) if f.format == b">{}"));
        assert_eq!((t.interpolations[1].text.as_slice(), t.interpolations[1].conversion), (&b"d"[..], Some(b'r')));
        assert_eq!(template("t'{}'"), Err(LiteralError::Malformed));
        assert_eq!(template("t'}'"), Err(LiteralError::Malformed));
        assert!(is_template("rt''") && is_template("t'x'") && !is_template("rb''") && !is_template("'t'"));
    }

}
