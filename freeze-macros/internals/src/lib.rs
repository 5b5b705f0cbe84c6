//! The whole of `freeze!` as a library: `freeze-macros` is the proc-macro shell over it, as
//! serde_derive is over its internals, so that unit tests and fuzzers call the expansion
//! ([`expand`], [`expand_with`]) with `proc_macro2` token streams, without rustc.
//!
//! The arguments are parsed with `syn` (`args.rs`), each folder is walked with `walkdir` and
//! filtered with `globset` (`walk.rs`), Python is compiled by `freeze-compiler`, the image laid
//! out by `image.rs`, and the expansion written with `quote` (here).
//!
//! ```text
//! freeze!("modules/",                     // folder, relative to CARGO_MANIFEST_DIR
//!         opt = 0,                        // mpy-cross -O level 0..=3           (default 0)
//!         small_int_bits = 31,            // mpy-cross -msmall-int-bits         (default 31)
//!         source_lines = true,            // line tables (false = -X no-source-lines)
//!         include = ["**/*.py", "**/*.mpy"], // globs over paths relative to the folder: `*`,
//!                                         // `?`, `[a-z]` within a name, `**` any depth, `{a,b}`
//!         exclude = ["tests/**"],         //                                    (default none)
//!         source = ["scripts/**"],        // .py frozen as text, compiled on import
//!         data = ["web/**"],              // files frozen as data
//!         consts = { DEBUG = cfg!(debug_assertions), BOARD = "esp8266" }, // build constants
//!         version = "1.2.0",              // __version__ of every module
//!         info = "build_info",            // a module with version and content hash
//!         arch = "xtensa",                // mpy-cross -march (arch_flags = "zba": -march-flags)
//!         entry = "main", keep = ["plugins.*"], // only what main imports (prune.rs)
//!         link_section = ".irom0.text",   // section of the image and tables    (default none)
//!         prefix = "vendor",              // module-name prefix: `vendor.pkg.mod` (default "")
//!         tables = true,                  // also MicroPython's frozen-module tables (`tables.rs`)
//!         also = [{ "lib/", opt = 3 }])   // more folders in the same set, searched after
//! ```
//!
//! Rebuilds: compiled modules are kept in a cache (`cache.rs`), so re-expanding after an edit
//! compiles the edited module only. The invoking crate is rebuilt when a frozen file changes:
//! the shell tracks each frozen file and each folder walked through proc_macro's tracked-path
//! API where the toolchain has it ([`Context::track`]); elsewhere each file is tracked through
//! an `include_bytes!` in the expansion, and a build script line
//! (`cargo:rerun-if-changed=modules`) covers additions and removals.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use std::fmt::Write as _;
use std::path::Path;

mod args;
mod cache;
mod cfg_consts;
mod image;
mod prebuilt;
mod prune;
mod tables;
mod version;
mod walk;

/// Where an expansion happens.
pub struct Context<'a> {
    /// The invoking crate's folder (`CARGO_MANIFEST_DIR`): folders are relative to it.
    pub base: &'a Path,
    /// Compiled modules kept from earlier expansions.
    pub cache: Option<&'a Cache>,
    /// Tracks the frozen files and every folder walked, in place of `include_bytes!`.
    pub track: Option<&'a dyn Fn(&Path)>,
}

pub use cache::Cache;

/// The whole macro as a function of token streams, callable without rustc (the unit tests do):
/// the arguments of `freeze!(...)` in, the expression it expands to out, or one `compile_error!`
/// per problem. Folders are relative to `base` (the invoking crate's `CARGO_MANIFEST_DIR`).
/// No cache; frozen files tracked with `include_bytes!`.
pub fn expand(input: TokenStream, base: &Path) -> TokenStream {
    expand_with(input, &Context { base, cache: None, track: None })
}

/// [`expand`] with a cache and a way of tracking files.
pub fn expand_with(input: TokenStream, cx: &Context) -> TokenStream {
    let args = match syn::parse2::<args::Args>(input.clone()) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error(),
    };
    let has_cfg = |a: &args::Args| a.consts.iter().any(|c| matches!(c.value, args::ConstValue::Cfg));
    if has_cfg(&args) || args.also.iter().any(has_cfg) {
        // rustc decides `cfg!`: one nested call per outcome, all but one removed by `#[cfg]`
        return cfg_consts::expand(&input);
    }
    match build(&args, cx) {
        Ok(ts) => ts,
        Err(messages) => compile_errors(&messages, args.path_span),
    }
}

/// `compile_error!` for each message, at `span`, as one expression: every message is reported,
/// and nothing else is (the last error is the block's value, whose type rustc leaves alone).
fn compile_errors(messages: &[String], span: Span) -> TokenStream {
    let calls = messages.iter().map(|m| {
        let mut lit = Literal::string(m);
        lit.set_span(span);
        quote_spanned!(span=> ::core::compile_error!(#lit))
    });
    quote_spanned!(span=> { #(#calls);* })
}

/// One module as frozen: its `.mpy` (compiled or prebuilt) or its text.
struct Frozen {
    src: walk::Source,
    /// Path with the prefix folders (`vendor/pkg/mod.py`): the `.mpy`'s source name, the
    /// descriptor's path.
    path: String,
    /// What the image stores: `.mpy` bytes, or the text of a module frozen as source.
    code: Vec<u8>,
    /// Frozen as source text.
    as_source: bool,
    /// With `entry`: the module names its imports may reach (`prune.rs`).
    reaches: Vec<String>,
    /// Made by the macro (the `info` module), not read from a file.
    generated: bool,
}

/// The image of `frozen` and `data`: each module under its stored name, sorted as its file on
/// disk sorts, then the data files; and where each one's bytes lie (modules first, then data,
/// in the order given).
fn layout(frozen: &[Frozen], data: &[FrozenData]) -> Result<(Vec<u8>, Vec<freeze_compiler::romfs::FileSpan>), Vec<String>> {
    let mut entries: Vec<image::Entry> = frozen
        .iter()
        .map(|f| {
            let stem = f.path.strip_suffix(".py").expect("module paths are .py paths");
            let sort_path = if f.src.rel.ends_with(".mpy") { format!("{stem}.mpy") } else { f.path.clone() };
            let file = stem.rsplit('/').next().unwrap();
            let stored_name = if f.as_source { format!("{file}.py") } else { format!("{file}.mpy") };
            image::Entry { sort_path, stored_name, data: &f.code, aligned: false }
        })
        .collect();
    entries.extend(data.iter().map(|d| image::Entry {
        sort_path: d.path.clone(),
        stored_name: d.path.rsplit('/').next().unwrap().to_string(),
        data: &d.file.bytes,
        aligned: true,
    }));
    image::build(&entries).map_err(|e| vec![e])
}

/// `info = "build_info"`: a module holding the set's `version` (or None) and `content_hash`
/// (hex SHA-256, as `FrozenModules::content_hash`), so Python on the device can say what it
/// runs. Compiled with the first folder's options.
fn info_module(name: &str, args: &args::Args, content_hash: &[u8; 32]) -> Result<Frozen, Vec<String>> {
    let hex: String = content_hash.iter().map(|b| format!("{b:02x}")).collect();
    let version = args.version.as_deref().map_or_else(|| "None".to_string(), version::python_repr);
    let text = format!(
        "# made by freeze!: what this frozen set is\nversion = {version}\ncontent_hash = '{hex}'\n"
    );
    let path = format!("{name}.py");
    let options = freeze_compiler::Options {
        opt_level: args.opt,
        small_int_bits: args.small_int_bits,
        source_lines: args.source_lines,
        arch: args.arch,
        arch_flags: args.arch_flags,
        ..Default::default()
    };
    let code = freeze_compiler::compile(&text, &path, &options)
        .map_err(|e| vec![format!("freeze!: internal error: the info module does not compile: {e:?}")])?;
    let src = walk::Source {
        abs: std::path::PathBuf::new(),
        rel: path.clone(),
        frozen_rel: path.clone(),
        name: name.to_string(),
        package: false,
        content: walk::Content::Python { text, as_source: false },
    };
    Ok(Frozen { src, path, code, as_source: false, reaches: Vec::new(), generated: true })
}

/// Discovers and compiles one folder of the set (`set`: its path and per-folder options; the
/// options for the whole set are `whole`'s). Problems with single files go to `errors`; a
/// problem with the folder itself is the `Err`.
fn freeze_folder(
    set: &args::Args,
    whole: &args::Args,
    cx: &Context,
    errors: &mut Vec<String>,
) -> Result<(Vec<Frozen>, Vec<FrozenData>), Vec<String>> {
    let root = cx.base.join(&set.path);
    let select = walk::Selection { include: &set.include, exclude: &set.exclude, source: &set.source, data: &set.data };
    let walk::Discovered { sources, data, errors: found_errors, folders } =
        walk::discover(&root, &set.path, &select, &set.prefix).map_err(|e| vec![e])?;
    errors.extend(found_errors);
    if let Some(track) = cx.track {
        folders.iter().chain(sources.iter().map(|s| &s.abs)).chain(data.iter().map(|d| &d.abs)).for_each(|p| track(p));
    }
    if sources.is_empty() && data.is_empty() && errors.is_empty() {
        return Err(vec![format!(
            "freeze!: no Python modules found in `{}` (include = {:?}, exclude = {:?})",
            set.path, set.include.patterns, set.exclude.patterns
        )]);
    }
    let options = freeze_compiler::Options {
        opt_level: set.opt,
        small_int_bits: whole.small_int_bits,
        source_lines: set.source_lines,
        constants: set.consts.iter().map(|c| (c.name.clone(), c.value.to_const().expect("cfg! decided in expand_with"))).collect(),
        arch: whole.arch,
        arch_flags: whole.arch_flags,
        ..Default::default()
    };
    let prefix_dir: String = set.prefix.split('.').filter(|p| !p.is_empty()).map(|p| format!("{p}/")).collect();

    // the text each Python module is compiled (or stored) from: with `version`, tagged as
    // MicroPython's manifest tags it
    let texts: Vec<Option<String>> =
        sources.iter().map(|s| s.text().map(|t| version::tagged(t, set.version.as_deref()))).collect();
    // from the cache, the rest compiled in parallel: re-expansion time is what users feel on
    // every build
    let jobs: Vec<Job> = sources
        .iter()
        .zip(&texts)
        .filter(|(s, _)| matches!(s.content, walk::Content::Python { as_source: false, .. }))
        .map(|(s, t)| Job { abs: &s.abs, name: format!("{prefix_dir}{}", s.frozen_rel), text: t.as_deref().unwrap() })
        .collect();
    let mut results = compile_all(&jobs, &options, cx.cache).into_iter();
    let mut frozen = Vec::with_capacity(sources.len());
    for (src, text) in sources.into_iter().zip(texts) {
        let path = format!("{prefix_dir}{}", src.frozen_rel);
        // with `entry`, what its imports reach (a prebuilt .mpy is not read; a module that does
        // not compile reaches nothing, its error is reported below)
        let reaches: Vec<String> = match &text {
            Some(text) if !whole.entry.is_empty() => reached_names(&src, &path, text, &options, cx.cache),
            _ => Vec::new(),
        };
        let shown = walk::join_shown(&set.path, &src.rel);
        let (code, as_source) = match &src.content {
            walk::Content::Python { as_source: true, .. } => (text.expect("Python has text").into_bytes(), true),
            walk::Content::Python { .. } => match results.next().expect("one result per job") {
                Ok(mpy) => (mpy, false),
                Err(e) => {
                    errors.push(format_compile_error(&e, &src, text.as_deref().unwrap_or(""), &set.path));
                    continue;
                }
            },
            walk::Content::Mpy(bytes) => match prebuilt::check(bytes, &options, &shown) {
                Ok(()) => (bytes.clone(), false),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
        };
        frozen.push(Frozen { path, code, as_source, src, reaches, generated: false });
    }
    let data = data.into_iter().map(|file| FrozenData { path: format!("{prefix_dir}{}", file.rel), file }).collect();
    Ok((frozen, data))
}

/// A data file as frozen: its path with the prefix folders (`vendor/web/index.html`).
struct FrozenData {
    path: String,
    file: walk::DataFile,
}

/// The expansion for parsed arguments, or the errors to report: the one problem with a folder
/// itself, or every file that cannot be frozen (a name that is no module, text that is not
/// UTF-8, a prebuilt `.mpy` for another firmware, ...) and every broken Python file, all in one
/// build.
///
/// The folders of `also` join the set after the first, in order, which is the search order:
/// a module (or data file) that an earlier folder has already frozen is left out of a later one,
/// as a module earlier on `sys.path` hides one further on.
fn build(args: &args::Args, cx: &Context) -> Result<TokenStream, Vec<String>> {
    let mut frozen: Vec<Frozen> = Vec::new();
    let mut data: Vec<FrozenData> = Vec::new();
    let mut errors = Vec::new();
    let mut claimed_modules = std::collections::BTreeSet::new();
    let mut claimed_data = std::collections::BTreeSet::new();
    for set in std::iter::once(args).chain(&args.also) {
        let (modules, files) = freeze_folder(set, args, cx, &mut errors)?;
        frozen.extend(modules.into_iter().filter(|m| claimed_modules.insert(m.src.name.clone())));
        data.extend(files.into_iter().filter(|d| claimed_data.insert(d.path.clone())));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if !args.entry.is_empty() {
        let nodes: Vec<prune::Node> = frozen.iter().map(|f| prune::Node { name: &f.src.name, reaches: &f.reaches }).collect();
        let kept = prune::reachable(&nodes, &args.entry, &args.keep).map_err(|e| vec![e])?;
        frozen.retain(|f| kept.contains(&f.src.name));
    }

    // the content hash: SHA-256 of the image of everything frozen from the folders; an `info`
    // module (which holds the hash) joins the image after it is taken
    let content_hash = sha256(&layout(&frozen, &data)?.0);
    if let Some(name) = &args.info {
        if frozen.iter().any(|f| &f.src.name == name) || data.iter().any(|d| d.path.split('/').next() == Some(name)) {
            return Err(vec![format!("freeze!: `info = {name:?}`: the set already has a module or folder `{name}`")]);
        }
        frozen.push(info_module(name, args, &content_hash)?);
    }
    let (image, spans) = layout(&frozen, &data)?;
    let module_spans = &spans[..frozen.len()];
    let data_spans = &spans[frozen.len()..];

    // descriptors sorted by module name (byte order), as FrozenModules::find needs
    let mut order: Vec<usize> = (0..frozen.len()).collect();
    order.sort_by(|&a, &b| frozen[a].src.name.cmp(&frozen[b].src.name));

    let mut names = Vec::<u8>::new();
    // a string's place in the name store: as literals for the expansion, and as numbers
    let mut push_name = |s: &str| {
        let at = ((int(names.len()), names.len() as u32), (int(s.len()), s.len() as u32));
        names.extend_from_slice(s.as_bytes());
        at
    };
    let mut table = Vec::with_capacity(frozen.len());
    let mut sizes = Vec::with_capacity(frozen.len());
    // the words freeze_runtime's FrozenModules::descriptor_words gives for these descriptors
    let mut words: Vec<u32> = vec![frozen.len() as u32, data.len() as u32];
    for &i in &order {
        let f = &frozen[i];
        debug_assert_eq!(&image[module_spans[i].offset..][..module_spans[i].len], &f.code[..]);
        let (no, nl) = push_name(&f.src.name);
        let (po, pl) = push_name(&f.path);
        let kind = if f.src.package { quote!(Package) } else { quote!(Module) };
        let new = if f.as_source { quote!(new_source) } else { quote!(new) };
        sizes.push(module_size(f));
        words.extend([no.1, nl.1, po.1, pl.1, u32::from(f.src.package), u32::from(f.as_source)]);
        words.extend([module_spans[i].offset as u32, module_spans[i].len as u32]);
        let (no, nl, po, pl) = (no.0, nl.0, po.0, pl.0);
        let (offset, len) = (int(module_spans[i].offset), int(module_spans[i].len));
        table.push(quote! {
            ::freeze::runtime::FrozenModule::#new(
                ::freeze::runtime::RomStr::from_aligned(&NAMES, #no, #nl),
                ::freeze::runtime::RomStr::from_aligned(&NAMES, #po, #pl),
                ::freeze::runtime::ModuleKind::#kind,
                IMAGE.bytes().slice(#offset, #len),
            )
        });
    }
    // data files sorted by path (byte order), as FrozenModules::file needs
    let mut data_order: Vec<usize> = (0..data.len()).collect();
    data_order.sort_by(|&a, &b| data[a].path.cmp(&data[b].path));
    let mut files = Vec::with_capacity(data.len());
    for &i in &data_order {
        let (po, pl) = push_name(&data[i].path);
        words.extend([po.1, pl.1, data_spans[i].offset as u32, data_spans[i].len as u32]);
        let (po, pl) = (po.0, pl.0);
        let (offset, len) = (int(data_spans[i].offset), int(data_spans[i].len));
        files.push(quote! {
            ::freeze::runtime::FrozenFile::new(
                ::freeze::runtime::RomStr::from_aligned(&NAMES, #po, #pl),
                IMAGE.bytes().slice(#offset, #len),
            )
        });
    }
    let (vo, vl) = push_name(args.version.as_deref().unwrap_or(""));
    words.extend(if args.version.is_some() { [vo.1, vl.1] } else { [0, 0] });
    let (vo, vl) = (vo.0, vl.0);
    let sha = Literal::byte_string(&content_hash);

    let section = args.link_section.as_ref().map(|s| quote!(#[link_section = #s]));
    // dependency tracking without the tracked-path API: editing a frozen file rebuilds the
    // invoking crate
    let tracked_files = frozen.iter().filter(|f| !f.generated).map(|f| &f.src.abs).chain(data.iter().map(|d| &d.file.abs));
    let tracked = tracked_files.filter(|_| cx.track.is_none()).map(|abs| {
        let path = abs.to_string_lossy();
        quote!(const _: &[u8] = ::core::include_bytes!(#path);)
    });
    // `env!` values: naming the variables in `env!` makes rustc rebuild when they change
    let env_tracked = args.env_reads.iter().map(|v| quote!(const _: &str = ::core::env!(#v);));
    let (image_padded, names_padded) = (padded(&image), padded(&names));
    // the data as byte-string literals: the cheapest form for rustc to take in (one token each)
    let (img, nm) = (Literal::byte_string(&image_padded), Literal::byte_string(&names_padded));
    let (n, n_padded, nn_padded) = (int(image.len()), int(image_padded.len()), int(names_padded.len()));
    let (k, nf) = (int(frozen.len()), int(data.len()));
    let frozen_tables = if args.tables {
        let (sources, modules): (Vec<&Frozen>, Vec<&Frozen>) = frozen.iter().partition(|f| f.as_source);
        let pairs = |set: Vec<&Frozen>| set.into_iter().map(|f| (f.path.clone(), f.code.clone())).collect::<Vec<_>>();
        tables::emit(&pairs(modules), &pairs(sources), args.link_section.as_deref())?
    } else {
        TokenStream::new()
    };
    // the content hash the runtime's FrozenModules::verify checks before registration
    let hash = Literal::u32_suffixed(freeze_runtime::verify::image_hash_slice(&image));
    let descriptor_hash =
        Literal::u32_suffixed(freeze_runtime::verify::descriptor_hash(words, freeze_runtime::RomBytes::from_ram(&names_padded)));
    Ok(quote! {{
        #frozen_tables
        #(#tracked)*
        #(#env_tracked)*
        #section static IMAGE: ::freeze::runtime::Aligned<#n_padded> = ::freeze::runtime::Aligned(*#img);
        #section static NAMES: ::freeze::runtime::Aligned<#nn_padded> = ::freeze::runtime::Aligned(*#nm);
        #section static MODULES: [::freeze::runtime::FrozenModule; #k] = [#(#table),*];
        #section static FILES: [::freeze::runtime::FrozenFile; #nf] = [#(#files),*];
        #section static CONTENT_HASH: ::freeze::runtime::Aligned<32> = ::freeze::runtime::Aligned(*#sha);
        #section static SIZES: [::freeze::runtime::ModuleSize; #k] = [#(#sizes),*];
        ::freeze::runtime::FrozenModules::new_checked(&MODULES, IMAGE.bytes().slice(0, #n), #hash)
            .with_files(&FILES)
            .with_build_info(::freeze::runtime::RomStr::from_aligned(&NAMES, #vo, #vl), CONTENT_HASH.bytes())
            .with_sizes(&SIZES)
            .with_descriptor_hash(NAMES.bytes(), #descriptor_hash)
    }})
}

/// The module names the imports of `src` (compiled as `path` from `text`) may reach, for
/// `entry` (`prune.rs`). Reading the imports costs a compile, so the answer is kept in the cache
/// beside the module's `.mpy` (its key's options marked as an import list): a rebuild after an
/// edit reads the imports of the edited module only.
fn reached_names(src: &walk::Source, path: &str, text: &str, options: &freeze_compiler::Options, cache: Option<&cache::Cache>) -> Vec<String> {
    let mut options_key = cache::options_key(options);
    options_key.extend_from_slice(b"\0static imports, resolved");
    let key = cache::Key { path: &src.abs, name: path, options: &options_key, source: text.as_bytes() };
    if let Some(kept) = cache.and_then(|c| c.get(&key)) {
        if let Ok(list) = String::from_utf8(kept) {
            return list.lines().map(str::to_string).collect();
        }
    }
    let refs = freeze_compiler::imports::static_imports(text, path, options).unwrap_or_default();
    let live = refs.iter().filter(|r| !r.dead);
    let names: Vec<String> =
        live.flat_map(|r| freeze_compiler::imports::resolve(&src.name, src.package, r).unwrap_or_default()).collect();
    if let Some(c) = cache {
        c.put(&key, names.join("\n").as_bytes());
    }
    names
}

/// The size report of one module as a `ModuleSize` literal: freeze-compiler's `size` reads the
/// `.mpy`; a source module, and a `.mpy` with native code (which that reader does not parse
/// yet), have their stored length only.
fn module_size(f: &Frozen) -> TokenStream {
    use freeze_compiler::size::ModuleSize;
    let stored_only = ModuleSize { mpy_bytes: f.code.len(), ..ModuleSize::ZERO };
    let s = if f.as_source { stored_only } else { ModuleSize::of(&f.code).unwrap_or(stored_only) };
    let n = |v: usize| int(v);
    let (a, b, c, d, e, g) = (n(s.mpy_bytes), n(s.bytecode_bytes), n(s.opcode_bytes), n(s.line_table_bytes), n(s.raw_codes), n(s.qstrs));
    let (h, i, j, k) = (n(s.static_qstrs), n(s.qstr_bytes), n(s.constants), n(s.constant_bytes));
    let native = n(s.native_bytes);
    quote! {
        ::freeze::runtime::ModuleSize {
            stored_bytes: #a, bytecode_bytes: #b, opcode_bytes: #c, line_table_bytes: #d, native_bytes: #native, raw_codes: #e,
            qstrs: #g, static_qstrs: #h, qstr_bytes: #i, constants: #j, constant_bytes: #k,
        }
    }
}

/// SHA-256: the frozen set's identity for deploy tools.
fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// An unsuffixed integer literal (`usize` where the expansion uses it).
fn int(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
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

/// One module to compile.
struct Job<'a> {
    /// The file on disk (the cache's key).
    abs: &'a Path,
    /// The source name (`vendor/pkg/mod.py`).
    name: String,
    text: &'a str,
}

/// Each job's `.mpy` (or error): from the cache where it has the module, the others compiled
/// in parallel (and kept in the cache).
fn compile_all(jobs: &[Job], options: &freeze_compiler::Options, cache: Option<&cache::Cache>) -> Vec<CompileResult> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let options_key = cache::options_key(options);
    let key = |i: usize| cache::Key { path: jobs[i].abs, name: &jobs[i].name, options: &options_key, source: jobs[i].text.as_bytes() };
    let results: Vec<Mutex<Option<CompileResult>>> =
        (0..jobs.len()).map(|i| Mutex::new(cache.and_then(|c| c.get(&key(i))).map(Ok))).collect();
    let todo: Vec<usize> = (0..jobs.len()).filter(|&i| results[i].lock().unwrap().is_none()).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(todo.len()).max(1);
    // Each worker is one compiler thread (big stack) for all the modules it takes; if that thread
    // cannot start, `compile` below starts one per module and reports its own error.
    let work = || {
        let compile_next = || {
            while let Some(&i) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                *results[i].lock().unwrap() = Some(freeze_compiler::compile(jobs[i].text, &jobs[i].name, options));
            }
        };
        if freeze_compiler::on_compiler_stack(compile_next).is_none() {
            compile_next();
        }
    };
    if todo.is_empty() {
        // everything came from the cache
    } else if workers == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(work);
            }
        });
    }
    let results: Vec<CompileResult> = results.into_iter().map(|m| m.into_inner().unwrap().unwrap()).collect();
    if let Some(cache) = cache {
        for &i in &todo {
            if let Ok(mpy) = &results[i] {
                cache.put(&key(i), mpy);
            }
        }
    }
    results
}

/// `SyntaxError: invalid syntax` with the location as the user wrote the folder, the line and a
/// caret, laid out like rustc's own diagnostics. An error at the end of the file (an unclosed
/// bracket, a block header with no body: MicroPython reports the line after the last) shows the
/// last line that has text, with the caret just past it.
fn format_compile_error(e: &freeze_compiler::CompileError, src: &walk::Source, text: &str, shown: &str) -> String {
    let file = walk::join_shown(shown, &src.rel);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let at = (e.line as usize).saturating_sub(1);
    // the line to show (0-based), the caret's column (0-based, in characters) and a label
    let shown_line = if at < lines.len() {
        Some((at, (e.column as usize).saturating_sub(1), ""))
    } else {
        lines.iter().rposition(|l| !l.trim().is_empty()).map(|i| (i, lines[i].chars().count(), " end of file"))
    };
    let width = shown_line.map_or(0, |(i, _, _)| (i + 1).to_string().len()).max(e.line.to_string().len());
    let pad = " ".repeat(width);
    let mut msg = format!("{}: {}\n{pad}--> {}:{}:{}", e.kind, e.message, file, e.line, e.column);
    if let Some((i, col, label)) = shown_line {
        // at most a bounded excerpt around the column, whatever the line's length
        let (line, caret) = freeze_compiler::line_excerpt(lines[i], col);
        write!(msg, "\n{pad} |\n{:>width$} | {line}\n{pad} | {caret}^{label}", i + 1).unwrap();
    }
    msg
}

#[cfg(test)]
mod tests;
