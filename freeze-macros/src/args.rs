//! Hand-written parser for the arguments of `freeze!`:
//! `"path/", key = value, ...` with string, integer, bool and `[string, ...]` values.

use proc_macro::{Delimiter, Span, TokenStream, TokenTree};

/// Parsed arguments with their defaults.
pub struct Args {
    pub path: String,
    pub path_span: Span,
    pub opt: u8,
    pub small_int_bits: u8,
    pub source_lines: bool,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub link_section: Option<String>,
    pub prefix: String,
}

/// An argument error: message and where.
pub struct ArgError(pub String, pub Span);

const KEYS: &str = "opt, small_int_bits, source_lines, include, exclude, link_section, prefix";

pub fn parse(input: TokenStream) -> Result<Args, ArgError> {
    let toks: Vec<TokenTree> = input.into_iter().collect();
    let mut it = toks.into_iter().peekable();
    let usage = "expected `freeze!(\"folder/\", key = value, ...)` with a string literal folder path relative to CARGO_MANIFEST_DIR";
    let first = it.next().ok_or_else(|| ArgError(usage.into(), Span::call_site()))?;
    let path_span = first.span();
    let path = string_lit(&first).ok_or_else(|| ArgError(usage.into(), path_span))?;
    let mut args = Args {
        path,
        path_span,
        opt: 0,
        small_int_bits: 31,
        source_lines: true,
        include: vec!["**/*.py".into()],
        exclude: Vec::new(),
        link_section: None,
        prefix: String::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    loop {
        match it.next() {
            None => break,
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
            Some(t) => return Err(ArgError("expected `,` between arguments".into(), t.span())),
        }
        let key = match it.next() {
            None => break, // trailing comma
            Some(TokenTree::Ident(i)) => i,
            Some(t) => return Err(ArgError(format!("expected an option name ({KEYS})"), t.span())),
        };
        let name = key.to_string();
        if seen.contains(&name) {
            return Err(ArgError(format!("option `{name}` given twice"), key.span()));
        }
        seen.push(name.clone());
        match it.next() {
            Some(TokenTree::Punct(p)) if p.as_char() == '=' => {}
            _ => return Err(ArgError(format!("expected `=` after `{name}`"), key.span())),
        }
        let value = it.next().ok_or_else(|| ArgError(format!("expected a value for `{name}`"), key.span()))?;
        let vspan = value.span();
        match name.as_str() {
            "opt" => {
                let n = int_lit(&value).filter(|n| *n <= 3);
                args.opt = n.ok_or_else(|| ArgError("`opt` must be an integer 0..=3 (mpy-cross -O level)".into(), vspan))? as u8;
            }
            "small_int_bits" => {
                let n = int_lit(&value).filter(|n| (2..=63).contains(n));
                args.small_int_bits =
                    n.ok_or_else(|| ArgError("`small_int_bits` must be an integer (31 for 32-bit ports)".into(), vspan))? as u8;
            }
            "source_lines" => {
                args.source_lines = match &value {
                    TokenTree::Ident(i) if i.to_string() == "true" => true,
                    TokenTree::Ident(i) if i.to_string() == "false" => false,
                    _ => return Err(ArgError("`source_lines` must be `true` or `false`".into(), vspan)),
                }
            }
            "include" | "exclude" => {
                let list = string_list(&value)
                    .ok_or_else(|| ArgError(format!("`{name}` must be a list of glob strings, e.g. [\"**/*.py\"]"), vspan))?;
                if name == "include" {
                    args.include = list;
                } else {
                    args.exclude = list;
                }
            }
            "link_section" => {
                let s = string_lit(&value).filter(|s| !s.is_empty() && !s.contains('"'));
                args.link_section = Some(s.ok_or_else(|| ArgError("`link_section` must be a section name string".into(), vspan))?);
            }
            "prefix" => {
                let s = string_lit(&value).ok_or_else(|| ArgError("`prefix` must be a string (a dotted module name)".into(), vspan))?;
                let s = s.trim_matches('.').to_string();
                if !s.is_empty() && !s.split('.').all(crate::walk::is_identifier) {
                    return Err(ArgError(format!("`prefix` {s:?} is not a dotted Python module name"), vspan));
                }
                args.prefix = s;
            }
            _ => return Err(ArgError(format!("unknown option `{name}`; the options are: {KEYS}"), key.span())),
        }
    }
    Ok(args)
}

fn string_list(t: &TokenTree) -> Option<Vec<String>> {
    let TokenTree::Group(g) = t else { return None };
    if g.delimiter() != Delimiter::Bracket {
        return None;
    }
    let mut out = Vec::new();
    let mut expect_item = true;
    for t in g.stream() {
        if expect_item {
            out.push(string_lit(&t)?);
        } else {
            match t {
                TokenTree::Punct(p) if p.as_char() == ',' => {}
                _ => return None,
            }
        }
        expect_item = !expect_item;
    }
    Some(out)
}

fn int_lit(t: &TokenTree) -> Option<u64> {
    let TokenTree::Literal(l) = t else { return None };
    let s = l.to_string();
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit() || *c == '_').filter(|c| *c != '_').collect();
    let suffix = &s[s.chars().take_while(|c| c.is_ascii_digit() || *c == '_').count()..];
    if !suffix.is_empty() && !matches!(suffix, "u8" | "u16" | "u32" | "u64" | "usize" | "i32") {
        return None;
    }
    digits.parse().ok()
}

/// The value of a (raw) string literal token, or `None` if it is not one.
pub fn string_lit(t: &TokenTree) -> Option<String> {
    let TokenTree::Literal(l) = t else {
        // `freeze!` called from another macro_rules! may wrap the literal in an invisible group
        if let TokenTree::Group(g) = t {
            if g.delimiter() == Delimiter::None {
                let mut inner = g.stream().into_iter();
                let one = inner.next()?;
                return if inner.next().is_none() { string_lit(&one) } else { None };
            }
        }
        return None;
    };
    let s = l.to_string();
    if let Some(rest) = s.strip_prefix('r') {
        let hashes = rest.chars().take_while(|c| *c == '#').count();
        let body = &rest[hashes..];
        let body = body.strip_prefix('"')?;
        let body = body.strip_suffix(&"#".repeat(hashes))?.strip_suffix('"')?;
        return Some(body.to_string());
    }
    let body = s.strip_prefix('"')?.strip_suffix('"')?;
    unescape(body)
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'x' => {
                let h: String = [chars.next()?, chars.next()?].iter().collect();
                out.push(u8::from_str_radix(&h, 16).ok()? as char);
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut h = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '_' => {}
                        c => h.push(c),
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&h, 16).ok()?)?);
            }
            '\n' => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            }
            _ => return None,
        }
    }
    Some(out)
}
