//! `version = "1.2.0"`: `__version__` in every frozen Python module, added exactly as
//! MicroPython's manifest `metadata(version=...)` adds it when it freezes (`tools/manifestfile.py`,
//! `tagged_py_file`): the line `__version__ = '1.2.0'` appended after a blank line, unless the
//! file already assigns `__version__ =` somewhere. Appended, so every line number stays.

/// `text` as it is frozen with `version`.
pub fn tagged(text: &str, version: Option<&str>) -> String {
    match version {
        Some(v) if !text.contains("__version__ =") => format!("{text}\n\n__version__ = {}\n", python_repr(v)),
        _ => text.to_string(),
    }
}

/// Python's `repr` of a str: single quotes unless the text holds `'` and no `"`; backslash, the
/// quote, `\t`, `\n`, `\r` escaped, other control characters as `\xNN`; everything else as is.
pub fn python_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_the_manifest() {
        assert_eq!(tagged("x = 1\n", Some("1.2.0")), "x = 1\n\n\n__version__ = '1.2.0'\n");
        assert_eq!(tagged("x = 1", Some("1.2.0")), "x = 1\n\n__version__ = '1.2.0'\n");
        assert_eq!(tagged("__version__ = '9'\n", Some("1.2.0")), "__version__ = '9'\n");
        assert_eq!(tagged("x = 1\n", None), "x = 1\n");
        assert_eq!(python_repr("it's"), "\"it's\"");
        assert_eq!(python_repr("a'b\"c\\\n\u{1}é"), "'a\\'b\"c\\\\\\n\\x01é'");
    }
}
