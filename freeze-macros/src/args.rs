//! The arguments of `freeze!`, parsed with `syn`: `"path/", key = value, ...` with string,
//! integer, bool and `[string, ...]` values. Token-level mistakes get syn's standard messages
//! (`expected string literal`, `expected `=``, ...) at the token; values out of range, unknown
//! and repeated options get ours, at the option or the value.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Ident, LitBool, LitInt, LitStr, Token};

/// Parsed arguments with their defaults.
pub struct Args {
    pub path: String,
    pub path_span: Span,
    pub opt: u8,
    pub small_int_bits: u8,
    pub source_lines: bool,
    pub include: Globs,
    pub exclude: Globs,
    pub link_section: Option<String>,
    pub prefix: String,
    /// Also emit MicroPython's frozen-module tables for the interpreter named by the
    /// `FREEZE_MICROPYTHON_ABI` file (see `tables.rs`).
    pub tables: bool,
}

/// Glob patterns as written, and compiled into one matcher.
pub struct Globs {
    pub patterns: Vec<String>,
    pub set: globset::GlobSet,
}

impl Globs {
    /// Compiles `patterns` (paths relative to the frozen folder, `/`-separated): `*` and `?` stay
    /// inside one path component, `**` spans any number of whole components, `[abc]` and
    /// `{a,b}` as in shells. A leading `./` is dropped. Matching is linear in the path's length
    /// whatever the pattern (`globset` compiles the patterns to one automaton).
    pub fn new(patterns: Vec<String>) -> Result<Globs, String> {
        let mut builder = globset::GlobSetBuilder::new();
        for p in &patterns {
            let glob = globset::GlobBuilder::new(p.trim_start_matches("./"))
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| format!("invalid glob {p:?}: {}", e.kind()))?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| format!("invalid globs: {e}"))?;
        Ok(Globs { patterns, set })
    }

    /// Whether any pattern matches `path`.
    pub fn is_match(&self, path: &str) -> bool {
        self.set.is_match(path)
    }
}

const KEYS: &str = "opt, small_int_bits, source_lines, include, exclude, link_section, prefix, tables";

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "expected `freeze!(\"folder/\", key = value, ...)` with a string literal folder path relative to CARGO_MANIFEST_DIR",
            ));
        }
        let path: LitStr = input.parse()?;
        let mut args = Args {
            path: path.value(),
            path_span: path.span(),
            opt: 0,
            small_int_bits: 31,
            source_lines: true,
            include: Globs::new(vec!["**/*.py".into()]).expect("the default glob compiles"),
            exclude: Globs::new(Vec::new()).expect("no globs compile"),
            link_section: None,
            prefix: String::new(),
            tables: false,
        };
        let mut seen: Vec<String> = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break; // trailing comma
            }
            let key = option_name(input)?;
            let name = key.to_string();
            if seen.contains(&name) {
                return Err(syn::Error::new(key.span(), format!("option `{name}` given twice")));
            }
            if !KEYS.split(", ").any(|k| k == name) {
                return Err(syn::Error::new(key.span(), format!("unknown option `{name}`; the options are: {KEYS}")));
            }
            seen.push(name.clone());
            input.parse::<Token![=]>()?;
            match name.as_str() {
                "opt" => args.opt = int_in(input, 0..=3, "`opt` must be an integer 0..=3 (mpy-cross -O level)")?,
                "small_int_bits" => {
                    args.small_int_bits = int_in(input, 2..=63, "`small_int_bits` must be an integer (31 for 32-bit ports)")?
                }
                "source_lines" => {
                    let b = input
                        .parse::<LitBool>()
                        .map_err(|e| syn::Error::new(e.span(), "`source_lines` must be `true` or `false`"))?;
                    args.source_lines = b.value;
                }
                "include" | "exclude" => {
                    let span = input.span();
                    let list = string_list(input).map_err(|e| {
                        syn::Error::new(e.span(), format!("`{name}` must be a list of glob strings, e.g. [\"**/*.py\"]"))
                    })?;
                    let globs = Globs::new(list.iter().map(LitStr::value).collect()).map_err(|msg| {
                        // at the bad pattern when it can be found, else at the list
                        let at = list.iter().find(|l| Globs::new(vec![l.value()]).is_err()).map_or(span, LitStr::span);
                        syn::Error::new(at, format!("`{name}`: {msg}"))
                    })?;
                    if name == "include" {
                        args.include = globs;
                    } else {
                        args.exclude = globs;
                    }
                }
                "tables" => {
                    let b = input
                        .parse::<LitBool>()
                        .map_err(|e| syn::Error::new(e.span(), "`tables` must be `true` or `false`"))?;
                    args.tables = b.value;
                }
                "link_section" => {
                    let s = input
                        .parse::<LitStr>()
                        .map_err(|e| syn::Error::new(e.span(), "`link_section` must be a section name string"))?;
                    let v = s.value();
                    if v.is_empty() || v.contains('"') {
                        return Err(syn::Error::new(s.span(), "`link_section` must be a section name string"));
                    }
                    args.link_section = Some(v);
                }
                "prefix" => {
                    let s = input
                        .parse::<LitStr>()
                        .map_err(|e| syn::Error::new(e.span(), "`prefix` must be a string (a dotted module name)"))?;
                    let v = s.value().trim_matches('.').to_string();
                    // each part as a module name in a folder would be: checked, and normalised
                    let mut parts = Vec::new();
                    for p in v.split('.').filter(|_| !v.is_empty()) {
                        parts.push(crate::walk::module_name_part(p).map_err(|why| {
                            syn::Error::new(s.span(), format!("`prefix` {v:?} is not a dotted Python module name: {why}"))
                        })?);
                    }
                    args.prefix = parts.join(".");
                }
                _ => unreachable!("checked against KEYS above"),
            }
        }
        Ok(args)
    }
}

/// An option name: any identifier, keywords included (`type = 1` is then an unknown option,
/// said as such, rather than syn's "expected identifier").
fn option_name(input: ParseStream) -> syn::Result<Ident> {
    use syn::ext::IdentExt;
    Ident::parse_any(input).map_err(|e| syn::Error::new(e.span(), format!("expected an option name ({KEYS})")))
}

/// An unsigned integer literal (any integer suffix) within `range`.
fn int_in(input: ParseStream, range: std::ops::RangeInclusive<u8>, msg: &str) -> syn::Result<u8> {
    let span = input.span();
    let lit = input.parse::<LitInt>().map_err(|_| syn::Error::new(span, msg))?;
    let ok = matches!(lit.suffix(), "" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize");
    match lit.base10_parse::<u8>() {
        Ok(n) if ok && range.contains(&n) => Ok(n),
        _ => Err(syn::Error::new(lit.span(), msg)),
    }
}

/// `["a", "b", ...]` (a trailing comma allowed).
fn string_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let content;
    bracketed!(content in input);
    let items: Punctuated<LitStr, Token![,]> = content.parse_terminated(<LitStr as Parse>::parse, Token![,])?;
    Ok(items.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(ts: proc_macro2::TokenStream) -> Result<Args, String> {
        syn::parse2::<Args>(ts).map_err(|e| e.to_string())
    }

    #[test]
    fn defaults() {
        let a = parse(quote!("modules/")).unwrap();
        assert_eq!(a.path, "modules/");
        assert_eq!((a.opt, a.small_int_bits, a.source_lines), (0, 31, true));
        assert_eq!(a.include.patterns, ["**/*.py"]);
        assert!(a.exclude.patterns.is_empty() && a.link_section.is_none() && a.prefix.is_empty());
        assert!(a.include.is_match("a.py") && a.include.is_match("a/b/c.py") && !a.include.is_match("a.txt"));
        assert!(!a.exclude.is_match("a.py"));
    }

    #[test]
    fn every_option() {
        let a = parse(quote!(r"mods", opt = 3u8, small_int_bits = 63, source_lines = false,
            include = ["./app/**", "*.py",], exclude = ["tests/**"], link_section = ".irom0.text", prefix = ".vendor.lib.",))
        .unwrap();
        assert_eq!(a.path, "mods");
        assert_eq!((a.opt, a.small_int_bits, a.source_lines), (3, 63, false));
        assert_eq!(a.include.patterns, ["./app/**", "*.py"]);
        assert!(a.include.is_match("app/x/y.py") && a.include.is_match("top.py") && !a.include.is_match("lib/top.py"));
        assert!(a.exclude.is_match("tests/a/b.py") && !a.exclude.is_match("a/tests/b.py"));
        assert_eq!(a.link_section.as_deref(), Some(".irom0.text"));
        assert_eq!(a.prefix, "vendor.lib");
    }

    #[test]
    fn escapes_in_the_path() {
        assert_eq!(parse(quote!("a\u{62}\x63/")).unwrap().path, "abc/");
    }

    #[test]
    fn a_literal_passed_through_macro_rules() {
        // `macro_rules! m { ($p:literal) => { freeze!($p, opt = 1) } }` hands the literal over
        // wrapped in an invisible group
        use proc_macro2::{Delimiter, Group, TokenTree};
        let wrapped = TokenTree::Group(Group::new(Delimiter::None, quote!("mods/")));
        let a = parse(quote!(#wrapped, opt = 1)).unwrap();
        assert_eq!((a.path.as_str(), a.opt), ("mods/", 1));
    }

    #[test]
    fn globs_are_shell_globs() {
        let g = Globs::new(vec!["**/{a,b}[0-9].py".into(), "x/?.py".into()]).unwrap();
        for yes in ["a1.py", "p/q/b9.py", "x/y.py"] {
            assert!(g.is_match(yes), "{yes}");
        }
        for no in ["c1.py", "a10.py", "x/yy.py", "x/y/z.py"] {
            assert!(!g.is_match(no), "{no}");
        }
    }

    #[test]
    fn errors() {
        let cases: &[(proc_macro2::TokenStream, &str)] = &[
            (quote!(), "expected `freeze!(\"folder/\""),
            (quote!(modules), "expected string literal"),
            (quote!("m" opt = 1), "expected `,`"),
            (quote!("m", optimise = 1), "unknown option `optimise`; the options are: opt, small_int_bits"),
            (quote!("m", type = 1), "unknown option `type`"),
            (quote!("m", 5), "expected an option name (opt, small_int_bits"),
            (quote!("m", opt 1), "expected `=`"),
            (quote!("m", opt = 4), "`opt` must be an integer 0..=3"),
            (quote!("m", opt = 1.5), "`opt` must be an integer 0..=3"),
            (quote!("m", opt = 1i8x), "`opt` must be an integer 0..=3"),
            (quote!("m", opt = 1, opt = 2), "option `opt` given twice"),
            (quote!("m", small_int_bits = 64), "`small_int_bits` must be an integer"),
            (quote!("m", source_lines = 1), "`source_lines` must be `true` or `false`"),
            (quote!("m", include = "*.py"), "`include` must be a list of glob strings"),
            (quote!("m", exclude = ["a", 1]), "`exclude` must be a list of glob strings"),
            (quote!("m", include = ["a[.py"]), "`include`: invalid glob \"a[.py\""),
            (quote!("m", link_section = ""), "`link_section` must be a section name string"),
            (quote!("m", link_section = text), "`link_section` must be a section name string"),
            (quote!("m", prefix = 1), "`prefix` must be a string"),
            (quote!("m", prefix = "a.1b"), "`prefix` \"a.1b\" is not a dotted Python module name"),
        ];
        for (ts, want) in cases {
            match parse(ts.clone()) {
                Ok(_) => panic!("`{ts}` was accepted"),
                Err(e) => assert!(e.contains(want), "`{ts}`: {e:?} should contain {want:?}"),
            }
        }
    }

    #[test]
    fn a_hostile_glob_is_matched_in_linear_time() {
        // issue 16: 23 stars against a 58-character name took the backtracking matcher longer
        // than a build's timeout; an automaton answers at once
        let pattern = format!("{}x.py", "*".repeat(23));
        let g = Globs::new(vec![pattern, "**/**/**/**/**/**/**/**/**/**/**/**/z".into()]).unwrap();
        let name = format!("{}.py", "a".repeat(55));
        let deep = "a/".repeat(200) + "b.py";
        let start = std::time::Instant::now();
        for _ in 0..1000 {
            assert!(!g.is_match(&name) && !g.is_match(&deep));
        }
        eprintln!("hostile globs: 2,000 matches in {:?}", start.elapsed());
    }
}
