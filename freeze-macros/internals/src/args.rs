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
    /// `.py` modules frozen as source text (compiled by MicroPython on import).
    pub source: Globs,
    /// Files frozen as data beside the modules.
    pub data: Globs,
    /// Build constants, in the order written.
    pub consts: Vec<BuildConst>,
    /// `__version__` of every module (appended as MicroPython's manifest `metadata(version=)`
    /// does), also `FrozenModules::version()`.
    pub version: Option<String>,
    /// `-march=`: the firmware's native architecture (prebuilt native `.mpy` files must match
    /// it; `@micropython.native` functions are compiled for it).
    pub arch: freeze_compiler::native::Arch,
    /// `-march-flags=`: the architecture's extensions (rv32imc: `"zba,zcmp"`), as mpy-cross
    /// reads them.
    pub arch_flags: u32,
    /// Environment variables read by `env!(...)` values: the expansion names them in `env!` so
    /// that rustc rebuilds when they change.
    pub env_reads: Vec<String>,
    /// `info = "build_info"`: a generated module with the set's version and content hash.
    pub info: Option<String>,
    /// `entry = "main"` (or a list): freeze only the modules these import, statically and
    /// transitively (`prune.rs`); empty = every module.
    pub entry: Vec<String>,
    /// With `entry`: dotted-name globs of modules kept although no static import reaches them
    /// (`plugins.*`: imported by name at run time).
    pub keep: Globs,
    /// More folders frozen into the same set (`also = [{ "vendor/", opt = 3 }, ...]`), each with
    /// its own per-folder options ([`SET_KEYS`]); searched after this one, in order.
    pub also: Vec<Args>,
}

/// The options a folder in `also` may have; the others (`small_int_bits`, `arch`, `arch_flags`,
/// `link_section`, `tables`) hold for the whole set, given once at the top.
pub const SET_KEYS: &str = "opt, source_lines, include, exclude, source, data, consts, version, prefix";

/// One build constant: `NAME = value`.
pub struct BuildConst {
    pub name: String,
    pub value: ConstValue,
}

/// A build constant's value as written.
pub enum ConstValue {
    Int(i128),
    Str(String),
    Bool(bool),
    None,
    /// `cfg!(...)`: a bool rustc decides. `cfg_consts` turns
    /// the call into one nested `freeze!` per outcome, each behind `#[cfg]`.
    Cfg,
}

impl ConstValue {
    /// The compiler's constant, once every `cfg!` has been decided.
    pub fn to_const(&self) -> Option<freeze_compiler::constant::Const> {
        use freeze_compiler::constant::Const;
        Some(match self {
            ConstValue::Int(i) => Const::Int((*i).into()),
            ConstValue::Str(s) => Const::Str(s.clone().into_bytes()),
            ConstValue::Bool(true) => Const::True,
            ConstValue::Bool(false) => Const::False,
            ConstValue::None => Const::None,
            ConstValue::Cfg => return None,
        })
    }
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

const KEYS: &str = "opt, small_int_bits, source_lines, include, exclude, source, data, consts, version, info, arch, arch_flags, entry, keep, link_section, prefix, tables, also";

/// How many `cfg!(...)` build constants one call may have: each doubles the nested expansions
/// rustc sees (only one of which it expands).
pub const MAX_CFG_CONSTS: usize = 8;

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "expected `freeze!(\"folder/\", key = value, ...)` with a string literal folder path relative to CARGO_MANIFEST_DIR",
            ));
        }
        parse_folder(input, false)
    }
}

/// `"folder/", key = value, ...`: the whole call, or (`nested`) one folder of `also`, which
/// takes only [`SET_KEYS`] and reports the environment variables it reads to its own `Args`.
fn parse_folder(input: ParseStream, nested: bool) -> syn::Result<Args> {
    let keys = if nested { SET_KEYS } else { KEYS };
    let path: LitStr = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), "expected a string literal folder path relative to CARGO_MANIFEST_DIR"))?;
    let mut args = Args {
        path: path.value(),
        path_span: path.span(),
        opt: 0,
        small_int_bits: 31,
        source_lines: true,
        include: Globs::new(vec!["**/*.py".into(), "**/*.mpy".into()]).expect("the default globs compile"),
        exclude: Globs::new(Vec::new()).expect("no globs compile"),
        link_section: None,
        prefix: String::new(),
        tables: false,
        source: Globs::new(Vec::new()).expect("no globs compile"),
        data: Globs::new(Vec::new()).expect("no globs compile"),
        consts: Vec::new(),
        version: None,
        arch: Default::default(),
        arch_flags: 0,
        env_reads: Vec::new(),
        also: Vec::new(),
        entry: Vec::new(),
        keep: Globs::new(Vec::new()).expect("no globs compile"),
        info: None,
    };
    let mut seen: Vec<String> = Vec::new();
    // (checked once `arch` is known, wherever it is written)
    let mut arch_flags: Option<LitStr> = None;
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
        if !keys.split(", ").any(|k| k == name) {
            if nested && KEYS.split(", ").any(|k| k == name) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{name}` holds for the whole frozen set: give it once, outside `also`; a folder in `also` takes: {SET_KEYS}"),
                ));
            }
            return Err(syn::Error::new(key.span(), format!("unknown option `{name}`; the options are: {keys}")));
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
            "include" | "exclude" | "source" | "data" => {
                let span = input.span();
                let list = string_list(input).map_err(|e| {
                    syn::Error::new(e.span(), format!("`{name}` must be a list of glob strings, e.g. [\"**/*.py\"]"))
                })?;
                let globs = Globs::new(list.iter().map(LitStr::value).collect()).map_err(|msg| {
                    // at the bad pattern when it can be found, else at the list
                    let at = list.iter().find(|l| Globs::new(vec![l.value()]).is_err()).map_or(span, LitStr::span);
                    syn::Error::new(at, format!("`{name}`: {msg}"))
                })?;
                match name.as_str() {
                    "include" => args.include = globs,
                    "exclude" => args.exclude = globs,
                    "source" => args.source = globs,
                    _ => args.data = globs,
                }
            }
            "consts" => args.consts = consts(input, &mut args.env_reads)?,
            "version" => {
                let span = input.span();
                let v = string_or_env(input, &mut args.env_reads)
                    .map_err(|e| syn::Error::new(e.span(), format!("`version` must be a string or env!(\"NAME\"): {e}")))?;
                if v.is_empty() {
                    return Err(syn::Error::new(span, "`version` must not be empty"));
                }
                args.version = Some(v);
            }
            "arch" => {
                const ARCHES: &str = "x86, x64, armv6, armv6m, armv7m, armv7em, armv7emsp, armv7emdp, xtensa, xtensawin, rv32imc, rv64imc";
                let msg = format!("`arch` must be one of {ARCHES} (as mpy-cross -march=)");
                let s = input.parse::<LitStr>().map_err(|e| syn::Error::new(e.span(), &msg))?;
                // `host` and `debug` make sense for mpy-cross on a desk, not for a firmware
                args.arch = match s.value().as_str() {
                    "host" | "debug" => None,
                    name => freeze_compiler::native::Arch::from_name(name),
                }
                .ok_or_else(|| syn::Error::new(s.span(), &msg))?;
            }
            "arch_flags" => {
                let s = input.parse::<LitStr>().map_err(|e| {
                    syn::Error::new(e.span(), "`arch_flags` must be a string, as mpy-cross -march-flags= (rv32imc: \"zba,zcmp\")")
                })?;
                arch_flags = Some(s);
            }
            "info" => {
                let s = input.parse::<LitStr>().map_err(|e| syn::Error::new(e.span(), "`info` must be a module name string"))?;
                let v = s.value();
                if crate::walk::module_name_part(&v).as_deref() != Ok(v.as_str()) {
                    return Err(syn::Error::new(s.span(), format!("`info` {v:?} is not a top-level module name")));
                }
                args.info = Some(v);
            }
            "entry" => {
                let span = input.span();
                let names: Vec<LitStr> = if input.peek(LitStr) {
                    vec![input.parse()?]
                } else {
                    string_list(input).map_err(|e| {
                        syn::Error::new(e.span(), "`entry` must be a module name or a list of them, e.g. \"main\"")
                    })?
                };
                if names.is_empty() {
                    return Err(syn::Error::new(span, "`entry` names no module"));
                }
                for n in &names {
                    let v = n.value();
                    if v.is_empty() || v.split('.').any(|p| crate::walk::module_name_part(p).as_deref() != Ok(p)) {
                        return Err(syn::Error::new(n.span(), format!("`entry` {v:?} is not a dotted module name")));
                    }
                    args.entry.push(v);
                }
            }
            "keep" => {
                let span = input.span();
                let list = string_list(input)
                    .map_err(|e| syn::Error::new(e.span(), "`keep` must be a list of module-name globs, e.g. [\"plugins.*\"]"))?;
                // module names as paths: `*` stays within one name, `**` spans any number
                let as_paths = list.iter().map(|l| l.value().replace('.', "/")).collect();
                args.keep = Globs::new(as_paths).map_err(|msg| syn::Error::new(span, format!("`keep`: {msg}")))?;
            }
            "also" => {
                let content;
                bracketed!(content in input);
                while !content.is_empty() {
                    let folder;
                    syn::braced!(folder in content);
                    let set = parse_folder(&folder, true)?;
                    args.env_reads.extend(set.env_reads.iter().cloned());
                    args.also.push(set);
                    if content.is_empty() {
                        break;
                    }
                    content.parse::<Token![,]>()?;
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
    if let Some(s) = arch_flags {
        args.arch_flags = args.arch.parse_flags(&s.value()).map_err(|why| {
            syn::Error::new(
                s.span(),
                format!("`arch_flags` {:?} for arch `{}`: {why} (only rv32imc takes flags: zba, zcmp, or a number)", s.value(), args.arch.name()),
            )
        })?;
    }
    Ok(args)
}

/// `{ NAME = value, ... }`: names that are Python identifiers (not keywords), each once; values
/// integer literals (optionally negative), strings, `true`/`false`, `None`, `env!("VAR")` (a
/// string read now) or `cfg!(...)`.
fn consts(input: ParseStream, env_reads: &mut Vec<String>) -> syn::Result<Vec<BuildConst>> {
    let content;
    syn::braced!(content in input);
    let mut out: Vec<BuildConst> = Vec::new();
    while !content.is_empty() {
        use syn::ext::IdentExt;
        let ident = Ident::parse_any(&content)
            .map_err(|e| syn::Error::new(e.span(), "expected `NAME = value` (a Python identifier naming the constant)"))?;
        let name = ident.to_string();
        let name = name.strip_prefix("r#").unwrap_or(&name).to_string();
        if crate::walk::module_name_part(&name).as_deref() != Ok(name.as_str()) || name == "__debug__" {
            return Err(syn::Error::new(ident.span(), format!("build constant `{name}` is not a Python identifier (or is a keyword)")));
        }
        if out.iter().any(|c| c.name == name) {
            return Err(syn::Error::new(ident.span(), format!("build constant `{name}` given twice")));
        }
        content.parse::<Token![=]>()?;
        let value = const_value(&content, env_reads)?;
        out.push(BuildConst { name, value });
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    if out.iter().filter(|c| matches!(c.value, ConstValue::Cfg)).count() > MAX_CFG_CONSTS {
        return Err(input.error(format!("at most {MAX_CFG_CONSTS} build constants may be `cfg!(...)`")));
    }
    Ok(out)
}

/// One build constant's value (see [`consts`]).
fn const_value(input: ParseStream, env_reads: &mut Vec<String>) -> syn::Result<ConstValue> {
    const WHAT: &str = "a build constant's value must be an integer, a string, `true`, `false`, `None`, `env!(\"VAR\")` or `cfg!(...)`";
    let span = input.span();
    if input.peek(Token![-]) || input.peek(LitInt) {
        let neg = input.parse::<Option<Token![-]>>()?.is_some();
        let lit = input.parse::<LitInt>().map_err(|_| syn::Error::new(span, WHAT))?;
        if !lit.suffix().is_empty() {
            return Err(syn::Error::new(lit.span(), "a build constant's integer takes no suffix"));
        }
        let v = lit.base10_parse::<i128>().map_err(|e| syn::Error::new(lit.span(), e))?;
        return Ok(ConstValue::Int(if neg { -v } else { v }));
    }
    if input.peek(LitStr) {
        return Ok(ConstValue::Str(input.parse::<LitStr>()?.value()));
    }
    if input.peek(LitBool) {
        return Ok(ConstValue::Bool(input.parse::<LitBool>()?.value));
    }
    let ident: Ident = input.parse().map_err(|_| syn::Error::new(span, WHAT))?;
    match ident.to_string().as_str() {
        "None" => Ok(ConstValue::None),
        "cfg" => {
            input.parse::<Token![!]>()?;
            let inner;
            syn::parenthesized!(inner in input);
            let _condition: proc_macro2::TokenStream = inner.parse()?;
            Ok(ConstValue::Cfg)
        }
        "env" => {
            input.parse::<Token![!]>()?;
            let inner;
            syn::parenthesized!(inner in input);
            Ok(ConstValue::Str(env_value(&inner, env_reads)?))
        }
        _ => Err(syn::Error::new(ident.span(), WHAT)),
    }
}

/// A string literal, or `env!("VAR")` read now (the variable must be set and UTF-8).
fn string_or_env(input: ParseStream, env_reads: &mut Vec<String>) -> syn::Result<String> {
    if input.peek(LitStr) {
        return Ok(input.parse::<LitStr>()?.value());
    }
    let ident: Ident = input.parse()?;
    if ident != "env" {
        return Err(syn::Error::new(ident.span(), "expected a string literal or env!(\"NAME\")"));
    }
    input.parse::<Token![!]>()?;
    let inner;
    syn::parenthesized!(inner in input);
    env_value(&inner, env_reads)
}

/// The inside of `env!("VAR")`: the variable's value, as rustc's `env!` would give it.
fn env_value(inner: ParseStream, env_reads: &mut Vec<String>) -> syn::Result<String> {
    let var: LitStr = inner.parse()?;
    let _ = inner.parse::<Option<Token![,]>>()?;
    match std::env::var(var.value()) {
        Ok(v) => {
            env_reads.push(var.value());
            Ok(v)
        }
        Err(e) => Err(syn::Error::new(var.span(), format!("environment variable `{}`: {e}", var.value()))),
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
        assert_eq!(a.include.patterns, ["**/*.py", "**/*.mpy"]);
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
    fn more_folders() {
        let a = parse(quote!("app", opt = 1, also = [{ "vendor/", opt = 3, prefix = "v", exclude = ["t/**"] }, { "lib" },])).unwrap();
        assert_eq!(a.also.len(), 2);
        assert_eq!((a.also[0].path.as_str(), a.also[0].opt, a.also[0].prefix.as_str()), ("vendor/", 3, "v"));
        assert!(a.also[0].exclude.is_match("t/x.py") && a.also[1].also.is_empty());
        assert_eq!((a.also[1].path.as_str(), a.also[1].opt), ("lib", 0));
    }

    #[test]
    fn build_constants() {
        std::env::set_var("FREEZE_TEST_BOARD", "esp8266");
        let a = parse(quote!("m", consts = { A = -5, B = "s", C = true, D = None, E = env!("FREEZE_TEST_BOARD"), F = cfg!(unix), }, version = env!("FREEZE_TEST_BOARD"))).unwrap();
        let names: Vec<&str> = a.consts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C", "D", "E", "F"]);
        assert!(matches!(a.consts[0].value, ConstValue::Int(-5)));
        assert!(matches!(&a.consts[4].value, ConstValue::Str(s) if s == "esp8266"));
        assert!(matches!(a.consts[5].value, ConstValue::Cfg));
        assert_eq!(a.version.as_deref(), Some("esp8266"));
        assert_eq!(a.env_reads, ["FREEZE_TEST_BOARD", "FREEZE_TEST_BOARD"]);
        let many: proc_macro2::TokenStream = (0..=MAX_CFG_CONSTS).map(|i| { let n = quote::format_ident!("C{i}"); quote!(#n = cfg!(unix),) }).collect();
        assert!(parse(quote!("m", consts = { #many })).err().unwrap().contains("at most 8"));
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
            (quote!(modules), "expected a string literal folder path"),
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
            (quote!("m", consts = { 1A = 1 }), "expected `NAME = value`"),
            (quote!("m", consts = { class = 1 }), "build constant `class` is not a Python identifier"),
            (quote!("m", consts = { A = 1, A = 2 }), "build constant `A` given twice"),
            (quote!("m", consts = { A = 1.5 }), "a build constant's value must be"),
            (quote!("m", consts = { A = 1u8 }), "takes no suffix"),
            (quote!("m", consts = { A = foo!() }), "a build constant's value must be"),
            (quote!("m", consts = { A = env!("FREEZE_SURELY_UNSET_VARIABLE") }), "environment variable `FREEZE_SURELY_UNSET_VARIABLE`"),
            (quote!("m", version = ""), "`version` must not be empty"),
            (quote!("m", version = 1), "`version` must be a string"),
            (quote!("m", data = "x"), "`data` must be a list of glob strings"),
            (quote!("m", arch = "z80"), "`arch` must be one of x86, x64"),
            (quote!("m", entry = []), "`entry` names no module"),
            (quote!("m", info = "a.b"), "`info` \"a.b\" is not a top-level module name"),
            (quote!("m", info = 1), "`info` must be a module name string"),
            (quote!("m", entry = "a..b"), "`entry` \"a..b\" is not a dotted module name"),
            (quote!("m", entry = 1), "`entry` must be a module name or a list"),
            (quote!("m", keep = "x"), "`keep` must be a list of module-name globs"),
            (quote!("m", also = [{ "v", entry = "x" }]), "`entry` holds for the whole frozen set"),
            (quote!("m", also = [{ "v", tables = true }]), "`tables` holds for the whole frozen set: give it once, outside `also`"),
            (quote!("m", also = [{ "v", also = [] }]), "`also` holds for the whole frozen set"),
            (quote!("m", also = [{ "v", nope = 1 }]), "unknown option `nope`; the options are: opt, source_lines"),
            (quote!("m", also = [{ opt = 1 }]), "expected a string literal folder path"),
            (quote!("m", also = ["v"]), "expected curly braces"),
            (quote!("m", arch = "host"), "`arch` must be one of"),
            (quote!("m", arch = xtensa), "`arch` must be one of"),
            (quote!("m", arch = "xtensa", arch_flags = "zba"), "for arch `xtensa`: unrecognised arch flags"),
            (quote!("m", arch_flags = "zbb", arch = "rv32imc"), "unrecognised arch flags"),
            (quote!("m", arch_flags = 3), "`arch_flags` must be a string"),
        ];
        for (ts, want) in cases {
            match parse(ts.clone()) {
                Ok(_) => panic!("`{ts}` was accepted"),
                Err(e) => assert!(e.contains(want), "`{ts}`: {e:?} should contain {want:?}"),
            }
        }
    }

    #[test]
    fn arch_flags_are_read_as_mpy_cross_reads_them() {
        let a = parse(quote!("m", arch_flags = "zba,zcmp", arch = "rv32imc")).unwrap();
        assert_eq!((a.arch, a.arch_flags), (freeze_compiler::native::Arch::Rv32imc, 3));
        assert_eq!(parse(quote!("m", arch = "rv32imc", arch_flags = "0x2")).unwrap().arch_flags, 2);
        assert_eq!(parse(quote!("m", arch = "rv32imc")).unwrap().arch_flags, 0);
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
