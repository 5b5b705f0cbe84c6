//! Qstrs (MicroPython's interned strings) as far as the compiler needs them: the static qstr
//! list that `.mpy` files refer to by index, and the set of long strings already interned in
//! `mpy-cross`'s own pool (which decides whether a long string literal becomes a qstr).

use crate::fx_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// Strings up to this many bytes are always interned by MicroPython's parser.
pub const INTERN_STRING_LEN: usize = 10;

fn unescape_line(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('\\') => out.push('\\'),
                Some('x') => {
                    let hex: String = chars.by_ref().take(2).collect();
                    out.push(u8::from_str_radix(&hex, 16).map(char::from).unwrap_or('?'));
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.starts_with("# "))
}

/// Index of a static qstr (1-based, 0 is the null qstr), if `s` is one.
pub fn static_index(s: &str) -> Option<usize> {
    static TABLE: OnceLock<HashMap<String, usize>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            data_lines(include_str!("../data/static_qstrs.txt"))
                .enumerate()
                .map(|(i, l)| (unescape_line(l), i + 1))
                .collect()
        })
        .get(s)
        .copied()
}

/// The static qstr with index `index` (1-based, as [`static_index`] numbers them).
pub fn static_str(index: usize) -> Option<&'static str> {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    let list = LIST.get_or_init(|| data_lines(include_str!("../data/static_qstrs.txt")).map(unescape_line).collect());
    list.get(index.checked_sub(1)?).map(String::as_str)
}

/// Whether `s` (longer than [`INTERN_STRING_LEN`]) is already in mpy-cross's ROM qstr pool.
pub fn in_rom_pool(s: &[u8]) -> bool {
    std::str::from_utf8(s).is_ok_and(in_rom_pool_str)
}

fn in_rom_pool_str(s: &str) -> bool {
    static POOL: OnceLock<HashSet<String>> = OnceLock::new();
    POOL.get_or_init(|| {
        data_lines(include_str!("../data/mpy_cross_rom_qstrs.txt"))
            .filter(|l| !l.is_empty())
            .map(unescape_line)
            .collect()
    })
    .contains(s)
        || static_index(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_list_has_known_entries() {
        assert_eq!(static_index(""), Some(1));
        assert_eq!(static_index("__dir__"), Some(2));
        assert_eq!(static_index("\n"), Some(3));
        assert_eq!(static_index("<module>"), Some(7));
        assert!(static_index("zip").is_some());
        assert_eq!(static_index("no_such_static_qstr"), None);
    }
}
