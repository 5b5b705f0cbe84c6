//! What the fuzz targets check, shared so that unit tests and regression runs use the same code.
//!
//! - [`check_compile`]: the compiler on one source text. An error must be a located Python
//!   error, never `InternalError` (a caught panic); a success must be a `.mpy` file that the
//!   runtime's header check accepts and that the disassembler reads back.
//! - [`check_romfs`]: the runtime's ROMFS reader on any bytes, in RAM mode and word mode: every
//!   entry listed, every path looked up, every file's bytes inside the image.
//! - [`check_mpy`]: the runtime's `.mpy` header check and the compiler's raw-code reader on any
//!   bytes.
//! - [`check_verify`]: `FrozenModules::verify` on fuzzed images and descriptors.
//! - [`check_frozen_tables`]: the frozen-tables generator's ABI parser and emitter.
//! - [`check_imports`]: the import hooks' path logic against a plain model.
//! - [`grammar`]: Python source built from fuzz bytes, so that inputs reach code generation.

pub mod grammar;

use freeze_compiler::{compile, dis, Options};
use freeze_runtime::romfs::{Entries, EntryKind};
use freeze_runtime::verify::{image_hash, image_hash_slice, VerifyError};
use freeze_runtime::{FrozenModule, FrozenModules, ModuleKind, MpyHeader, RomBytes, Romfs};

/// Compiles `source` at `opt_level`; panics (a fuzz crash) on anything but a clean outcome.
pub fn check_compile(source: &str, opt_level: u8) {
    let options = Options { opt_level, small_int_bits: 31, source_lines: true, ..Options::default() };
    match compile(source, "fuzz.py", &options) {
        Err(e) => {
            assert_ne!(e.kind, "InternalError", "compiler failure: {e}");
            assert!(e.line >= 1 && e.column >= 1, "error without a location: {e}");
            assert!(!e.message.is_empty(), "error without a message: {e}");
        }
        Ok(mpy) => {
            let header = MpyHeader::parse_slice(&mpy).expect("our .mpy has a valid header");
            assert!(header.is_bytecode_only());
            header.check_compatible(31).expect("loadable by a 31-bit firmware");
            if let Err(e) = dis::disassemble(&mpy) {
                panic!("the disassembler cannot read what the compiler wrote: {e}");
            }
        }
    }
}

/// `bytes` copied into `u32` words, so a view of them reads with aligned word loads only.
fn words(bytes: &[u8]) -> Vec<u32> {
    let mut words = vec![0u32; bytes.len().div_ceil(4)];
    for (i, b) in bytes.iter().enumerate() {
        let mut w = words[i / 4].to_ne_bytes();
        w[i % 4] = *b;
        words[i / 4] = u32::from_ne_bytes(w);
    }
    words
}

/// Whether `inner` lies inside `outer` (the reader must never hand out a view past the image).
fn inside(outer: RomBytes<'_>, inner: RomBytes<'_>) -> bool {
    let (o, i) = (outer.as_ptr() as usize, inner.as_ptr() as usize);
    inner.is_empty() || (i >= o && i + inner.len() <= o + outer.len())
}

/// Every query of the ROMFS reader on `data`, as RAM bytes and as flash-like words.
pub fn check_romfs(data: &[u8]) {
    let w = words(data);
    let views = [RomBytes::from_ram(data), RomBytes::from_words(&w).slice(0, data.len())];
    let mut results = Vec::new();
    for image in views {
        results.push(romfs_view(image));
    }
    assert_eq!(results[0], results[1], "RAM and word reads of the same image disagree");
}

/// What the reader found in one view: the listing and the look-up results, comparable across
/// the two read modes.
#[derive(Debug, PartialEq)]
enum Found {
    NotMounted(freeze_runtime::RomfsError),
    Mounted {
        size: usize,
        entries: Vec<(Vec<u8>, EntryKind, Vec<u8>)>,
        end: Option<freeze_runtime::RomfsError>,
        lookups: Vec<String>,
    },
}

fn romfs_view(image: RomBytes<'_>) -> Found {
    let fs = match Romfs::new(image) {
        Ok(fs) => fs,
        Err(e) => return Found::NotMounted(e),
    };
    assert!(fs.size() <= image.len());
    // depth-first walk with an explicit stack; every listed entry must lie inside the image
    let mut entries = Vec::new();
    let mut end = None;
    let mut stack: Vec<(Vec<u8>, Entries<'_>)> = vec![(Vec::new(), fs.root().entries())];
    let mut steps = 0usize;
    while let Some((prefix, it)) = stack.last_mut() {
        steps += 1;
        // every record is at least two bytes, so a listing is bounded by the image size
        assert!(steps <= 2 * image.len() + 2, "listing does not terminate");
        match it.next() {
            None => {
                stack.pop();
            }
            Some(Err(e)) => {
                end = Some(e);
                stack.pop();
            }
            Some(Ok(entry)) => {
                assert!(inside(image, entry.name()), "entry name outside the image");
                assert!(inside(image, entry.data()), "entry data outside the image");
                let mut path = prefix.clone();
                if !path.is_empty() {
                    path.push(b'/');
                }
                path.extend(entry.name().iter());
                let kind = entry.kind();
                let data: Vec<u8> = if kind == EntryKind::File { entry.data().iter().collect() } else { Vec::new() };
                entries.push((path.clone(), kind, data));
                if let Some(d) = entry.as_dir() {
                    stack.push((path, d.entries()));
                }
            }
        }
    }
    // look every listed path up (and a few fixed ones), as the interpreter would
    let mut paths: Vec<String> = entries.iter().filter_map(|(p, _, _)| String::from_utf8(p.clone()).ok()).collect();
    paths.truncate(64);
    for p in ["", "/", "a", "a/b", "main.mpy", "pkg/__init__.mpy", "//", "a//b", "/a/"] {
        paths.push(p.to_string());
    }
    let mut lookups = Vec::new();
    for p in &paths {
        let r = fs.lookup(p);
        if let Ok(e) = &r {
            assert!(inside(image, e.data()), "looked-up data outside the image");
            if e.is_file() {
                let _ = MpyHeader::parse(e.data());
            }
        }
        let f = fs.file(p);
        if let Ok(bytes) = f {
            assert!(inside(image, bytes));
        }
        if let Ok(d) = fs.dir(p) {
            for e in d.entries().take(1000) {
                if let Ok(e) = e {
                    assert!(inside(image, e.data()));
                }
            }
        }
        lookups.push(format!("{p:?} {:?} {:?}", r.map(|e| (e.kind(), e.data().len())), f.map(|b| b.len())));
    }
    Found::Mounted { size: fs.size(), entries, end, lookups }
}

/// The runtime's `.mpy` header check and the compiler's reader on any bytes.
pub fn check_mpy(data: &[u8]) {
    let ram = MpyHeader::parse_slice(data);
    let w = words(data);
    let word = MpyHeader::parse(RomBytes::from_words(&w).slice(0, data.len()));
    assert_eq!(ram, word, "RAM and word reads of the same header disagree");
    if let Ok(h) = ram {
        assert!(h.len <= data.len());
        let _ = h.check_compatible(31);
        let _ = h.is_bytecode_only();
    }
    let _ = dis::disassemble(data);
}

// ---- verify, frozen tables, import hooks ------------------------------------------------------

/// `r` with its lifetime extended to `'static`, for the runtime's descriptor types (which hold
/// `'static` views, as a firmware's statics are). Only for values that are dropped before `r`:
/// the checks below build a `FrozenModules`, query it and drop it, all inside one fuzz call
/// (leaking instead would trip LeakSanitizer).
unsafe fn forever<T: ?Sized>(r: &T) -> &'static T {
    unsafe { &*(r as *const T) }
}

/// One descriptor as the fuzz input states it, before views are made.
struct Desc {
    name: String,
    path: String,
    kind: ModuleKind,
    at: usize,
    len: usize,
}

/// Name, kind and `.py` path of the module stored at `stem` (`pkg/__init__`, `pkg/mod`).
fn module_of(stem: &str) -> (String, ModuleKind, String) {
    match stem.strip_suffix("/__init__") {
        Some(pkg) => (pkg.replace('/', "."), ModuleKind::Package, format!("{stem}.py")),
        None => (stem.replace('/', "."), ModuleKind::Module, format!("{stem}.py")),
    }
}

/// The `.mpy` files of `image` (offset and length), found by a bounded walk: the descriptors
/// `freeze!` would emit for it.
fn derived(image: &[u8]) -> Vec<Desc> {
    let Ok(fs) = Romfs::from_ram(image) else { return Vec::new() };
    let base = image.as_ptr() as usize;
    let mut out = Vec::new();
    let mut stack: Vec<(String, Entries<'_>)> = vec![(String::new(), fs.root().entries())];
    let mut steps = 0;
    while !stack.is_empty() && stack.len() <= 64 && steps < 4096 {
        steps += 1;
        let Some((prefix, it)) = stack.last_mut() else { break };
        match it.next() {
            None | Some(Err(_)) => {
                stack.pop();
            }
            Some(Ok(e)) => {
                let name = String::from_utf8_lossy(&e.name().iter().collect::<Vec<u8>>()).into_owned();
                let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
                if let Some(d) = e.as_dir() {
                    stack.push((path, d.entries()));
                } else if let Some(stem) = path.strip_suffix(".mpy") {
                    let (name, kind, path) = module_of(stem);
                    out.push(Desc { name, path, kind, at: e.data().as_ptr() as usize - base, len: e.data().len() });
                }
            }
        }
    }
    out
}

/// `FrozenModules::verify` on a fuzzed image and fuzzed descriptors, in RAM and word mode: it
/// must return (no panic, no endless loop) with the same answer in both, and `Ok` must mean that
/// every descriptor's `.mpy` lies in the image and has a header that parses.
///
/// Input: `flags`, `n`, then `n` six-byte descriptor specs, then the image. Flags: bit 0 derive
/// the descriptors from the image's `.mpy` files (the specs then perturb them), bit 1 record a
/// hash, bit 2 record the image's true hash, bit 3 sort the descriptors by name, bit 4 the
/// descriptors view the other read mode than the image. Descriptor views are slices of the whole
/// input, so they can lie before the image.
pub fn check_verify(data: &[u8]) {
    let [flags, n, ..] = *data else { return };
    let n = (n % 8) as usize;
    let Some(image_at) = 2usize.checked_add(6 * n).filter(|&a| a <= data.len()) else { return };
    let specs: Vec<&[u8]> = data[2..image_at].chunks(6).collect();
    let image = &data[image_at..];
    let mut descs = if flags & 1 != 0 { derived(image) } else { Vec::new() };
    for d in &mut descs {
        d.at += image_at;
    }
    let stems = ["main", "a", "a/b", "a/__init__", "b", "a/b/c", "pkg/__init__", "pkg/mod"];
    for s in &specs {
        let at = u16::from_le_bytes([s[2], s[3]]) as usize;
        let len = u16::from_le_bytes([s[4], s[5]]) as usize;
        if flags & 1 != 0 && !descs.is_empty() {
            // perturb one derived descriptor
            let count = descs.len();
            let i = s[0] as usize % count;
            let d = &mut descs[i];
            match s[1] % 8 {
                0 => d.at = d.at.wrapping_add(at % 17).wrapping_sub(8),
                1 => d.len = d.len.wrapping_add(len % 17).wrapping_sub(8),
                2 => d.kind = if d.kind == ModuleKind::Package { ModuleKind::Module } else { ModuleKind::Package },
                3 => d.name.push(char::from(b'a' + (s[2] % 26))),
                4 => {
                    for _ in 0..=s[2] % 4 {
                        d.path.pop();
                    }
                }
                5 => {
                    let copy = Desc { name: d.name.clone(), path: d.path.clone(), kind: d.kind, at: d.at, len: d.len };
                    descs.push(copy);
                }
                6 => {
                    descs.remove(i);
                }
                _ => descs.swap(i, s[2] as usize % count),
            }
        } else {
            let (name, kind, path) = module_of(stems[s[0] as usize % stems.len()]);
            descs.push(Desc { name, path, kind, at, len });
        }
    }
    if flags & 8 != 0 {
        descs.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let w = words(data);
    let hash = image_hash_slice(image);
    let recorded = match (flags & 2 != 0, flags & 4 != 0) {
        (false, _) => None,
        (true, true) => Some(hash),
        (true, false) => Some(u32::from_le_bytes([flags, n as u8, data.len() as u8, 0x5a])),
    };
    let mut results = Vec::new();
    for word_image in [false, true] {
        results.push(verify_once(data, &w, word_image, flags & 16 != 0, &descs, image_at, recorded));
    }
    assert_eq!(results[0], results[1], "RAM and word images verify differently");
    let word = RomBytes::from_words(&w).slice(image_at, image.len());
    assert_eq!(hash, image_hash(word), "RAM and word reads hash differently");
}

/// One `verify` of `descs` over the image `data[image_at..]`, read from RAM (`data`) or as words
/// (`w`); the descriptors view the other mode if `cross`.
fn verify_once(data: &[u8], w: &[u32], word_image: bool, cross: bool, descs: &[Desc], image_at: usize, recorded: Option<u32>) -> Result<(), VerifyError> {
    // SAFETY: `app` and the descriptors (all views of `data`/`w`, names of `descs`) are dropped
    // before this function returns, while `data`, `w` and `descs` live on
    let (data, w) = unsafe { (forever(data), forever(w)) };
    let view = |word: bool| if word { RomBytes::from_words(w).slice(0, data.len()) } else { RomBytes::from_ram(data) };
    let (img, desc) = (view(word_image), view(word_image != cross));
    let image = img.slice(image_at, data.len() - image_at);
    let mods: Vec<FrozenModule> = descs
        .iter()
        .map(|d| {
            let at = d.at.min(data.len());
            let len = d.len.min(data.len() - at);
            // SAFETY: as above
            let (name, path) = unsafe { (forever(d.name.as_str()), forever(d.path.as_str())) };
            FrozenModule::with_strs(name, path, d.kind, desc.slice(at, len))
        })
        .collect();
    let mods_ref: &'static [FrozenModule] = unsafe { forever(&mods[..]) };
    let app = match recorded {
        Some(h) => FrozenModules::new_checked(mods_ref, image, h),
        None => FrozenModules::new(mods_ref, image),
    };
    let r = app.verify();
    if r.is_ok() {
        for m in app.iter() {
            assert!(inside(image, m.code()), "verified module outside the image");
            assert!(MpyHeader::parse(m.code()).is_ok(), "verified module without a valid header");
        }
    }
    drop(app);
    drop(mods);
    r
}

/// A MicroPython 1.23 build's ABI (`fixtures/abi.txt`, from `cargo build -p freeze-micropython`).
pub const ABI: &str = include_str!("../fixtures/abi.txt");

/// Separates the modules of one `frozen_tables` input (in `dict/frozen_tables.dict` too).
pub const MODULE_SEP: &[u8] = b"\0FZSEP\0";

/// The frozen-tables generator on fuzzed input; it must return `Ok` or `Err`, never panic.
/// First byte even: the rest is ABI text for `Abi::parse`, and a parsed ABI is then used to emit
/// the tables of one fixed module. First byte odd: the rest is `.mpy` files separated by
/// [`MODULE_SEP`], emitted for the fixture ABI (bit 1: with a link section).
pub fn check_frozen_tables(data: &[u8]) {
    use freeze_compiler::frozen_tables::{emit, Abi};
    let [sel, ref rest @ ..] = *data else { return };
    let rt = "::freeze::runtime::micropython::tables";
    let section = if sel & 2 != 0 { Some(".irom0.text") } else { None };
    if sel & 1 == 0 {
        let text = String::from_utf8_lossy(rest);
        if let Ok(abi) = Abi::parse(&text) {
            let _ = emit(&[FIXED_MPY], &[], &abi, rt, section);
        }
    } else {
        let abi = Abi::parse(ABI).expect("the fixture ABI parses");
        let modules: Vec<&[u8]> = split(rest, MODULE_SEP);
        if let Ok(out) = emit(&modules, &[], &abi, rt, section) {
            assert!(!out.is_empty());
        }
    }
}

/// A valid `.mpy` (the `mpy_reader` seed `const_micropython_O0.mpy`; any would do).
const FIXED_MPY: &[u8] = include_bytes!("../corpus/mpy_reader/const_micropython_O0.mpy");

fn split<'a>(mut s: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    while let Some(i) = s.windows(sep.len()).position(|w| w == sep) {
        out.push(&s[..i]);
        s = &s[i + sep.len()..];
    }
    out.push(s);
    out
}

/// The import hooks' path logic (`imports::stat`, `imports::find`) on fuzzed module paths and
/// queries, against a plain model: `p.mpy` is a file iff some module is stored as `p.py`, `p` a
/// directory iff some module's path continues `p/…`. Input: lines; those before an empty line
/// are module paths, the others queries (each module path's `.mpy` form and its prefixes are
/// queried too).
pub fn check_imports(data: &[u8]) {
    use freeze_runtime::imports::{find, stat, ImportStat};
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let paths: Vec<String> = lines.by_ref().take_while(|l| !l.is_empty()).take(16).map(str::to_string).collect();
    let mut queries: Vec<Vec<u8>> = lines.take(32).map(|l| l.as_bytes().to_vec()).collect();
    for p in &paths {
        let stem = p.strip_suffix(".py").unwrap_or(p);
        queries.push(format!("{stem}.mpy").into_bytes());
        for (i, c) in p.char_indices() {
            if c == '/' {
                queries.push(p[..i].as_bytes().to_vec());
            }
        }
    }
    queries.push(Vec::new());
    let mpy = [0u8; 4];
    // SAFETY: `app` and `mods` are dropped before `paths` and `mpy`
    let mods: Vec<FrozenModule> = paths
        .iter()
        .map(|p| unsafe { FrozenModule::with_strs("m", forever(p.as_str()), ModuleKind::Module, RomBytes::from_ram(forever(&mpy[..]))) })
        .collect();
    let app = FrozenModules::new(unsafe { forever(&mods[..]) }, RomBytes::empty());
    for q in &queries {
        let found = find(&app, q);
        let want_file = q.strip_suffix(b".mpy").and_then(|stem| {
            paths.iter().position(|p| p.as_bytes().strip_suffix(b".py") == Some(stem))
        });
        match (found, want_file) {
            (Some(m), Some(_)) => {
                let stem = &q[..q.len() - 4];
                assert_eq!(m.path().bytes().iter().collect::<Vec<u8>>(), [stem, b".py"].concat(), "find: wrong module");
            }
            (None, None) => {}
            (f, w) => panic!("find({:?}): {:?}, model says {w:?}", String::from_utf8_lossy(q), f.map(|m| m.path().as_ram_str())),
        }
        let dir = !q.is_empty() && paths.iter().any(|p| p.len() > q.len() + 1 && p.as_bytes().starts_with(q) && p.as_bytes()[q.len()] == b'/');
        let want = if want_file.is_some() { ImportStat::File } else if dir { ImportStat::Dir } else { ImportStat::NoExist };
        assert_eq!(stat(&app, q), want, "stat({:?})", String::from_utf8_lossy(q));
    }
    drop(app);
    drop(mods);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
        let dir = format!("{}/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
        let mut out: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).map(|p| (p.display().to_string(), fs::read(p).unwrap())).collect();
        out.sort();
        assert!(!out.is_empty());
        out
    }

    #[test]
    fn new_targets_pass_their_seeds() {
        for (_, s) in seeds("verify") {
            check_verify(&s);
        }
        for (_, s) in seeds("frozen_tables") {
            check_frozen_tables(&s);
        }
        for (_, s) in seeds("imports") {
            check_imports(&s);
        }
    }

    /// The minimised crashes of the new targets (`regressions/<target>/`), replayed.
    #[test]
    fn regressions_stay_fixed() {
        let dir = format!("{}/regressions/frozen_tables", env!("CARGO_MANIFEST_DIR"));
        for e in fs::read_dir(dir).unwrap() {
            check_frozen_tables(&fs::read(e.unwrap().path()).unwrap());
        }
    }

    /// The harness derives the descriptors `freeze!` would emit: the good images verify, with
    /// their hash, and the fixture ABI emits tables for a good `.mpy`.
    #[test]
    fn seeds_reach_the_ok_paths() {
        for name in ["derived_app_hash", "derived_app_words_cross"] {
            let s = fs::read(format!("{}/corpus/verify/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let n = derived(&s[2..]).len();
            assert!(n >= 1, "{name}: no modules derived");
            let w = words(&s);
            let descs: Vec<Desc> = derived(&s[2..]).into_iter().map(|d| Desc { at: d.at + 2, ..d }).collect();
            let mut descs = descs;
            descs.sort_by(|a, b| a.name.cmp(&b.name));
            let h = Some(image_hash_slice(&s[2..]));
            for word in [false, true] {
                assert_eq!(verify_once(&s, &w, word, false, &descs, 2, h), Ok(()), "{name}");
            }
        }
        let abi = freeze_compiler::frozen_tables::Abi::parse(ABI).unwrap();
        assert!(freeze_compiler::frozen_tables::emit(&[FIXED_MPY], &[], &abi, "rt", None).is_ok());
    }
}

/// `macro_expand`: the input is option text, a NUL, then folder entries separated by `\x01`,
/// each a relative path, `\x02`, and the file's bytes; a path starting with `@` makes a symbolic
/// link (to the bytes as its target) instead, one ending in `/` an empty folder. Paths with
/// `..` or a leading `/` are skipped (the fuzzer's folder must stay in its scratch space), and at
/// most 24 entries of 64 KiB are made. `freeze!("app", <options>)` is expanded over that folder
/// (as `app/` below a scratch base): any output is fine, a panic is the bug.
pub fn check_macro_expand(data: &[u8]) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let (options, rest) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(options) = std::str::from_utf8(options) else { return };
    let Ok(args) = format!("\"app\", {options}").parse::<proc_macro2::TokenStream>() else { return };
    let base = std::env::temp_dir().join(format!("freeze-fuzz-macro-{}-{}", std::process::id(), RUN.fetch_add(1, Ordering::Relaxed)));
    let app = base.join("app");
    if std::fs::create_dir_all(&app).is_err() {
        return;
    }
    for entry in split(rest, b"\x01").into_iter().take(24) {
        let (name, bytes) = match entry.iter().position(|b| *b == 2) {
            Some(i) => (&entry[..i], &entry[i + 1..]),
            None => (entry, &[][..]),
        };
        let bytes = &bytes[..bytes.len().min(64 << 10)];
        let name = String::from_utf8_lossy(name).into_owned();
        let (link, name) = match name.strip_prefix('@') {
            Some(n) => (true, n.to_string()),
            None => (false, name),
        };
        if name.is_empty() || name.starts_with('/') || name.split('/').any(|p| p == ".." || p.contains('\0')) {
            continue;
        }
        let path = app.join(&name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if name.ends_with('/') {
            let _ = std::fs::create_dir_all(&path);
        } else if link {
            #[cfg(unix)]
            let _ = std::os::unix::fs::symlink(String::from_utf8_lossy(bytes).as_ref(), &path);
        } else {
            let _ = std::fs::write(&path, bytes);
        }
    }
    let out = freeze_macros_internals::expand(args, &base);
    assert!(!out.is_empty(), "an expansion is an expression or errors");
    let _ = std::fs::remove_dir_all(&base);
}
