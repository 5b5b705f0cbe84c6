//! `freeze!("modules/")`: every `.py` below a folder compiled to MicroPython `.mpy` v6 at Rust
//! compile time, emitted as static descriptors plus one ROMFS image.
//!
//! A thin shell over `freeze-compiler`: argument parsing ([`args`]), the folder walk ([`walk`]),
//! diagnostics and token emission (here). No `syn`/`quote`: the argument syntax is small.
//!
//! ```text
//! freeze!("modules/",                     // folder, relative to CARGO_MANIFEST_DIR
//!         opt = 0,                        // mpy-cross -O level 0..=3           (default 0)
//!         small_int_bits = 31,            // mpy-cross -msmall-int-bits         (default 31)
//!         source_lines = true,            // line tables (false = -X no-source-lines)
//!         include = ["**/*.py"],          // globs over paths relative to the folder
//!         exclude = ["tests/**"],         //                                    (default none)
//!         link_section = ".irom0.text",   // section of the image and tables    (default none)
//!         prefix = "vendor")              // module-name prefix: `vendor.pkg.mod` (default "")
//! ```

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::fmt::Write as _;
use std::path::PathBuf;

mod args;
mod walk;

/// Freezes a folder of Python modules into MicroPython bytecode; evaluates to a
/// `freeze::FrozenModules` (usable in a `static`).
///
/// See the crate documentation for the options.
#[proc_macro]
pub fn freeze(input: TokenStream) -> TokenStream {
    let args = match args::parse(input) {
        Ok(a) => a,
        Err(args::ArgError(msg, span)) => return compile_error(&msg, span),
    };
    let span = args.path_span;
    match expand(&args) {
        Ok(ts) => ts,
        Err(msg) => compile_error(&msg, span),
    }
}

fn compile_error(msg: &str, span: Span) -> TokenStream {
    let mut lit = Literal::string(msg);
    lit.set_span(span);
    let mut group = Group::new(Delimiter::Parenthesis, TokenTree::Literal(lit).into());
    group.set_span(span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    [TokenTree::Ident(Ident::new("compile_error", span)), TokenTree::Punct(bang), TokenTree::Group(group)]
        .into_iter()
        .collect()
}

/// One compiled module.
struct Compiled {
    src: walk::Source,
    /// Path with the prefix folders (`vendor/pkg/mod.py`): the `.mpy`'s source name, the
    /// descriptor's path, the file's place in the image.
    path: String,
    mpy: Vec<u8>,
}

fn expand(args: &args::Args) -> Result<TokenStream, String> {
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let root = base.join(&args.path);
    let sources = walk::discover(&root, &args.path, &args.include, &args.exclude, &args.prefix)?;
    if sources.is_empty() {
        return Err(format!(
            "freeze!: no Python modules found in `{}` (include = {:?}, exclude = {:?})",
            args.path,
            args.include,
            args.exclude
        ));
    }
    let options = freeze_compiler::Options {
        opt_level: args.opt,
        small_int_bits: args.small_int_bits,
        source_lines: args.source_lines,
    };
    let prefix_dir: String = args.prefix.split('.').filter(|p| !p.is_empty()).map(|p| format!("{p}/")).collect();

    // compile in parallel: re-expansion time is what users feel on every build
    let results = compile_all(&sources, &prefix_dir, &options);
    let mut compiled = Vec::with_capacity(sources.len());
    for (src, res) in sources.into_iter().zip(results) {
        match res {
            Ok(mpy) => compiled.push(Compiled { path: format!("{prefix_dir}{}", src.rel), src, mpy }),
            Err(e) => return Err(format_compile_error(&e, &src, &args.path)),
        }
    }

    let files: Vec<(String, Vec<u8>)> = compiled.iter().map(|c| (c.path.clone(), c.mpy.clone())).collect();
    let (image, spans) = freeze_compiler::romfs::build_image_from_py_indexed(&files)
        .map_err(|e| format!("freeze!: building the ROMFS image: {e:?}"))?;

    // descriptors sorted by module name (byte order), as FrozenModules::find needs
    compiled.sort_by(|a, b| a.src.name.cmp(&b.src.name));

    let mut names = Vec::<u8>::new();
    let mut table = String::new();
    for c in &compiled {
        let stored = format!("{}.mpy", c.path.strip_suffix(".py").unwrap());
        let span = spans
            .iter()
            .find(|s| s.path == stored)
            .ok_or_else(|| format!("freeze!: internal error: `{stored}` missing from the ROMFS image"))?;
        debug_assert_eq!(&image[span.offset..span.offset + span.len], &c.mpy[..]);
        let (no, nl) = (names.len(), c.src.name.len());
        names.extend_from_slice(c.src.name.as_bytes());
        let (po, pl) = (names.len(), c.path.len());
        names.extend_from_slice(c.path.as_bytes());
        let kind = if c.src.package { "Package" } else { "Module" };
        write!(
            table,
            "::freeze::runtime::FrozenModule::new(\
             ::freeze::runtime::RomStr::from_aligned(&NAMES, {no}, {nl}), \
             ::freeze::runtime::RomStr::from_aligned(&NAMES, {po}, {pl}), \
             ::freeze::runtime::ModuleKind::{kind}, IMAGE.bytes().slice({}, {})),",
            span.offset, span.len
        )
        .unwrap();
    }

    let section = match &args.link_section {
        Some(s) => format!("#[link_section = {}]", Literal::string(s)),
        None => String::new(),
    };
    let mut out = String::from("{");
    for c in &compiled {
        // dependency tracking: editing a frozen file rebuilds the invoking crate
        write!(out, "const _: &[u8] = ::core::include_bytes!({});", Literal::string(&c.src.abs.to_string_lossy())).unwrap();
    }
    write!(
        out,
        "{section} static IMAGE: ::freeze::runtime::Aligned<{n_padded}> = ::freeze::runtime::Aligned(*{img});\
         {section} static NAMES: ::freeze::runtime::Aligned<{nn_padded}> = ::freeze::runtime::Aligned(*{nm});\
         {section} static MODULES: [::freeze::runtime::FrozenModule; {k}] = [{table}];\
         ::freeze::runtime::FrozenModules::new(&MODULES, IMAGE.bytes().slice(0, {n})) }}",
        n = image.len(),
        n_padded = padded(&image).len(),
        img = Literal::byte_string(&padded(&image)),
        nn_padded = padded(&names).len(),
        nm = Literal::byte_string(&padded(&names)),
        k = compiled.len(),
    )
    .unwrap();
    out.parse().map_err(|e| format!("freeze!: internal error: bad expansion: {e:?}"))
}

/// `bytes` with zeros up to a multiple of 4, as the runtime's `Aligned` wants them. Padding here
/// (rather than with the runtime's `const fn padded`) keeps rustc's const evaluator from copying
/// a large image byte by byte, which cost seconds per megabyte.
fn padded(bytes: &[u8]) -> Vec<u8> {
    let mut v = bytes.to_vec();
    v.resize(bytes.len().div_ceil(4) * 4, 0);
    v
}

type CompileResult = Result<Vec<u8>, freeze_compiler::CompileError>;

fn compile_all(sources: &[walk::Source], prefix_dir: &str, options: &freeze_compiler::Options) -> Vec<CompileResult> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let results: Vec<Mutex<Option<CompileResult>>> = sources.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(sources.len()).max(1);
    // Each worker is one compiler thread (big stack) for all the modules it takes; if that thread
    // cannot start, `compile` below starts one per module and reports its own error.
    let work = || {
        let compile_next = || loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(src) = sources.get(i) else { break };
            let name = format!("{prefix_dir}{}", src.rel);
            *results[i].lock().unwrap() = Some(freeze_compiler::compile(&src.text, &name, options));
        };
        if freeze_compiler::on_compiler_stack(compile_next).is_none() {
            compile_next();
        }
    };
    if workers == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(work);
            }
        });
    }
    results.into_iter().map(|m| m.into_inner().unwrap().unwrap()).collect()
}

/// `SyntaxError: invalid syntax` with the location as the user wrote the folder, the line and a
/// caret, laid out like rustc's own diagnostics.
fn format_compile_error(e: &freeze_compiler::CompileError, src: &walk::Source, shown: &str) -> String {
    let file = walk::join_shown(shown, &src.rel);
    let num = e.line.to_string();
    let pad = " ".repeat(num.len());
    let mut msg = format!("{}: {}\n{pad}--> {}:{}:{}", e.kind, e.message, file, e.line, e.column);
    if let Some(line) = src.text.lines().nth((e.line as usize).saturating_sub(1)) {
        let line = line.trim_end_matches('\r');
        let caret: String = line
            .chars()
            .take((e.column as usize).saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(msg, "\n{pad} |\n{num} | {line}\n{pad} | {caret}^").unwrap();
    }
    msg
}
