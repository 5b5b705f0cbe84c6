//! The macro as a function: [`expand`] called on `proc_macro2` tokens, over folders made in a
//! temporary directory, without rustc. What it emits is checked against the compiler's own
//! output (`freeze_compiler::compile` and the ROMFS writer), not against bytes written here.

use super::expand;
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fresh folder under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "freeze-macros-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The messages of the `compile_error!`s in an expansion (empty if it has none).
fn errors(ts: &TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    let toks: Vec<TokenTree> = ts.clone().into_iter().collect();
    for (i, t) in toks.iter().enumerate() {
        match t {
            TokenTree::Group(g) => out.extend(errors(&g.stream())),
            TokenTree::Ident(id) if id == "compile_error" => {
                if let Some(TokenTree::Group(g)) = toks.get(i + 2) {
                    let lit: syn::LitStr = syn::parse2(g.stream()).expect("compile_error! takes a string literal");
                    out.push(lit.value());
                }
            }
            _ => {}
        }
    }
    out
}

/// The byte string given to the `static` named `name` in an expansion (`Aligned(*b"...")`).
fn static_bytes(ts: &TokenStream, name: &str) -> Vec<u8> {
    fn find(ts: &TokenStream, name: &str) -> Option<Vec<u8>> {
        let toks: Vec<TokenTree> = ts.clone().into_iter().collect();
        for (i, t) in toks.iter().enumerate() {
            if let TokenTree::Group(g) = t {
                if let Some(v) = find(&g.stream(), name) {
                    return Some(v);
                }
            }
            if matches!(t, TokenTree::Ident(id) if id == name) && matches!(toks.get(i.wrapping_sub(1)), Some(TokenTree::Ident(s)) if s == "static") {
                // static NAME : ... = ::freeze::runtime::Aligned ( * b"..." ) ;
                let group = toks[i..].iter().find_map(|t| match t {
                    TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Parenthesis => Some(g),
                    _ => None,
                })?;
                let lit = group.stream().into_iter().find_map(|t| match t {
                    TokenTree::Literal(l) => Some(l),
                    _ => None,
                })?;
                let lit: syn::LitByteStr = syn::parse2(TokenTree::Literal(lit).into()).ok()?;
                return Some(lit.value());
            }
        }
        None
    }
    find(ts, name).unwrap_or_else(|| panic!("no static {name} in the expansion"))
}

/// `freeze!("<dir>", <options>)` expanded with `dir` given as an absolute path.
fn expand_dir(dir: &Path, options: TokenStream) -> TokenStream {
    let path = dir.to_str().unwrap();
    expand(quote!(#path #options), Path::new("/nonexistent-base"))
}

#[test]
fn the_image_is_the_compilers() {
    let d = TempDir::new("image");
    d.write("app/__init__.py", "from app.util import twice\n")
        .write("app/util.py", "def twice(x):\n    return 2 * x\n")
        .write("main.py", "import app\nprint(app.twice(21))\n")
        .write("notes.txt", "not Python\n")
        .write(".hidden/x.py", "x = 1\n")
        .write("__pycache__/y.py", "y = 1\n");
    let out = expand_dir(&d.0, quote!(, opt = 1));
    assert!(errors(&out).is_empty(), "{out}");
    let opts = freeze_compiler::Options { opt_level: 1, ..Default::default() };
    let files: Vec<(String, Vec<u8>)> = ["app/__init__.py", "app/util.py", "main.py"]
        .iter()
        .map(|p| (p.to_string(), freeze_compiler::compile(&std::fs::read_to_string(d.0.join(p)).unwrap(), p, &opts).unwrap()))
        .collect();
    let (image, _) = freeze_compiler::romfs::build_image_from_py_indexed(&files).unwrap();
    let emitted = static_bytes(&out, "IMAGE");
    assert_eq!(&emitted[..image.len()], &image[..]);
    assert_eq!(emitted.len(), image.len().div_ceil(4) * 4);
    assert!(emitted[image.len()..].iter().all(|b| *b == 0));
    let names = static_bytes(&out, "NAMES");
    let names = String::from_utf8(names).unwrap();
    assert!(names.starts_with("appapp/__init__.pyapp.utilapp/util.pymainmain.py"), "{names:?}");
    // every frozen file is tracked
    let text = out.to_string();
    assert_eq!(text.matches("include_bytes").count(), 3, "{text}");
    assert!(!text.contains("link_section"));
    let out = expand_dir(&d.0, quote!(, link_section = ".irom0.text", prefix = "v"));
    assert_eq!(out.to_string().matches("link_section").count(), 6); // image, names, modules, files, hash, sizes
    assert!(String::from_utf8(static_bytes(&out, "NAMES")).unwrap().starts_with("v.appv/app/__init__.py"));
}

#[test]
fn every_broken_file_is_reported() {
    let d = TempDir::new("errors");
    d.write("a.py", "x = 1\n")
        .write("b.py", "def g(:\n    pass\n")
        .write("pkg/__init__.py", "")
        .write("pkg/c.py", "y = 2\nz = [1,\n     2\n")
        .write("pkg/d.py", "if True:\nprint(1)\n");
    let shown = d.0.to_str().unwrap();
    let errs = errors(&expand_dir(&d.0, quote!()));
    assert_eq!(errs.len(), 3, "{errs:#?}");
    // each with its file, line and column, the line and a caret under the column
    assert_eq!(errs[0], format!("SyntaxError: invalid syntax\n --> {shown}/b.py:1:7\n  |\n1 | def g(:\n  |       ^"));
    assert!(errs[1].contains(&format!("{shown}/pkg/c.py:")), "{}", errs[1]);
    assert!(errs[2].contains(&format!("{shown}/pkg/d.py:2:1")) && errs[2].ends_with("2 | print(1)\n  | ^"), "{}", errs[2]);
    // each message matches the compiler's own error for that file
    for (e, f) in errs.iter().zip(["b.py", "pkg/c.py", "pkg/d.py"]) {
        let src = std::fs::read_to_string(d.0.join(f)).unwrap();
        let want = freeze_compiler::compile(&src, f, &Default::default()).unwrap_err();
        assert!(e.starts_with(&format!("{}: {}\n", want.kind, want.message)), "{e}");
        assert!(e.contains(&format!("{shown}/{f}:{}:{}", want.line, want.column)), "{e}");
    }
}

#[test]
fn files_that_cannot_be_frozen_are_reported_with_the_broken_ones() {
    let d = TempDir::new("mixed");
    d.write("a.py", "x = (\n").write("my-mod.py", "x = 1\n").write("ok.py", "x = 1\n").write("z.py", "def f(:\n");
    std::fs::write(d.0.join("latin1.py"), b"s = '\xe9'\n").unwrap();
    let shown = d.0.to_str().unwrap();
    let errs = errors(&expand_dir(&d.0, quote!()));
    assert_eq!(errs.len(), 4, "{errs:#?}");
    // the files that cannot be frozen, in path order, then the Python errors, in path order
    assert!(errs[0].starts_with(&format!("freeze!: `{shown}/latin1.py` is not UTF-8 text")), "{}", errs[0]);
    assert!(errs[1].starts_with(&format!("freeze!: `{shown}/my-mod.py`: `my-mod` is not a valid Python identifier")), "{}", errs[1]);
    assert!(errs[2].contains(&format!("--> {shown}/a.py:")), "{}", errs[2]);
    assert!(errs[3].contains(&format!("--> {shown}/z.py:1:7")), "{}", errs[3]);
    // a folder whose name is not UTF-8 is named once, not once per file in it
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bad = d.0.join(std::ffi::OsStr::from_bytes(b"p\xffkg"));
        std::fs::create_dir(&bad).unwrap();
        std::fs::write(bad.join("__init__.py"), "").unwrap();
        std::fs::write(bad.join("m.py"), "").unwrap();
        let errs = errors(&expand_dir(&d.0, quote!()));
        assert_eq!(errs.len(), 5, "{errs:#?}");
        assert!(errs[2].starts_with(&format!("freeze!: `{shown}/p\\xffkg/__init__.py`: the folder name `p\\xffkg` is not UTF-8")), "{}", errs[2]);
    }
}

#[test]
fn an_error_at_the_end_of_the_file_shows_a_line_and_a_caret() {
    let d = TempDir::new("eof");
    // an unclosed bracket at the end: with and without a final newline
    d.write("a.py", "x = 1\ny = foo(1,\n").write("b.py", "x = 1\ny = [2").write("c.py", "def f():\n");
    let errs = errors(&expand_dir(&d.0, quote!()));
    assert_eq!(errs.len(), 3, "{errs:#?}");
    for (e, f) in errs.iter().zip(["a.py", "b.py", "c.py"]) {
        let src = std::fs::read_to_string(d.0.join(f)).unwrap();
        let want = freeze_compiler::compile(&src, f, &Default::default()).unwrap_err();
        let lines: Vec<&str> = e.lines().collect();
        assert!(lines.len() == 5 && lines[1].ends_with(&format!("/{f}:{}:{}", want.line, want.column)), "{e}");
        // the last line with text, and the caret just past its end
        let last = src.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        let n = src.lines().position(|l| l == last).unwrap() + 1;
        assert_eq!(lines[3], format!("{n} | {last}"), "{e}");
        let caret_at = lines[4].find('^').unwrap();
        if want.line as usize > src.lines().count() {
            assert_eq!(caret_at, lines[3].len(), "{e}");
            assert!(lines[4].ends_with("^ end of file"), "{e}");
        } else {
            assert_eq!(caret_at, "n | ".len() + want.column as usize - 1, "{e}");
        }
    }
    eprintln!("{}", errs.join("\n\n"));
}

/// A syntax error on a very long line quotes a bounded excerpt around the column, with the
/// caret under the offending character (issue 16: a 10 MB line made a 20 MB diagnostic).
#[test]
fn an_error_on_a_long_line_quotes_a_bounded_excerpt() {
    let d = TempDir::new("longline");
    let line = format!("x = [{}] + (", "1, ".repeat(300_000));
    d.write("long.py", &format!("{line}\n"));
    let errs = errors(&expand_dir(&d.0, quote!()));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    assert!(e.len() < 1_000, "the diagnostic is {} bytes", e.len());
    let lines: Vec<&str> = e.lines().collect();
    // the excerpt ends with the unclosed bracket, and the caret points just past it
    assert!(lines[3].ends_with("+ ("), "{e}");
    assert_eq!(lines[4].find('^').unwrap(), lines[3].len(), "{e}");
}

#[test]
fn argument_errors_are_spanned_compile_errors() {
    let out = expand(quote!("m", opt = 9), Path::new("."));
    assert_eq!(errors(&out), ["`opt` must be an integer 0..=3 (mpy-cross -O level)"]);
    let out = expand(quote!("surely/not/here/"), Path::new("/nonexistent"));
    let e = errors(&out);
    assert_eq!(e.len(), 1);
    assert!(e[0].contains("the folder `surely/not/here/` does not exist"), "{e:?}");
}

#[test]
fn a_hostile_glob_is_instant() {
    // issue 16: a 23-star pattern against a 58-character name did not finish a build in 240 s
    let d = TempDir::new("glob");
    let name = format!("{}.py", "a".repeat(55));
    assert_eq!(name.len(), 58);
    d.write(&name, "x = 1\n").write("b.py", "y = 2\n");
    let hostile = format!("{}b", "*".repeat(23));
    let star_dirs = format!("{}x.py", "**/".repeat(23));
    let start = Instant::now();
    let out = expand_dir(&d.0, quote!(, include = [#hostile, #star_dirs, "b.py"]));
    let took = start.elapsed();
    eprintln!("23-star include against a 58-character name: expansion in {took:?}");
    assert!(errors(&out).is_empty(), "{out}");
    // only b.py matched
    assert!(String::from_utf8(static_bytes(&out, "NAMES")).unwrap().starts_with("bb.py\0"));
    assert!(took < Duration::from_secs(60), "{took:?}");
}

#[test]
fn a_deep_folder_is_walked_in_linear_time() {
    // issue 16: 1,000 levels took 15.6 s (each folder compared with every ancestor)
    let d = TempDir::new("deep");
    let mut rel = String::new();
    // FREEZE_DEEP_LEVELS=N measures other depths (paths reach PATH_MAX at about 2,000)
    let levels: usize = std::env::var("FREEZE_DEEP_LEVELS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    for i in 0..levels {
        rel.push_str("d/");
        if i % 100 == 99 {
            d.write(&format!("{rel}m{i}.py"), &format!("x = {i}\n"));
        }
    }
    d.write("top.py", "y = 1\n");
    let start = Instant::now();
    let out = expand_dir(&d.0, quote!());
    let took = start.elapsed();
    eprintln!("{levels}-level folder, {} modules: expansion in {took:?}", levels / 100 + 1);
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    let names = String::from_utf8(static_bytes(&out, "NAMES")).unwrap();
    let last = levels / 100 * 100 - 1;
    assert!(names.contains(&format!("{}m{last}", "d.".repeat(last + 1))));
    assert!(took < Duration::from_secs(120), "{took:?}");
}

#[cfg(unix)]
#[test]
fn the_walk_keeps_its_checks() {
    use std::os::unix::fs::symlink;
    // a link back up: a loop, named with the folder it leads to
    let d = TempDir::new("loop");
    d.write("pkg/__init__.py", "").write("pkg/m.py", "x = 1\n");
    symlink("..", d.0.join("pkg/up")).unwrap();
    let shown = d.0.to_str().unwrap().to_string();
    let e = errors(&expand_dir(&d.0, quote!()));
    assert_eq!(
        e,
        [format!(
            "freeze!: `{shown}/pkg/up` is a symbolic link to `{shown}`, a folder that holds it: a symbolic-link loop, \
             which would freeze the same files again under ever longer names; remove the link"
        )]
    );
    // two ways into one folder
    let d = TempDir::new("alias");
    d.write("pkg/__init__.py", "");
    symlink("pkg", d.0.join("alias")).unwrap();
    let shown = d.0.to_str().unwrap().to_string();
    let e = errors(&expand_dir(&d.0, quote!()));
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with(&format!("freeze!: `{shown}/alias` and `{shown}/pkg` are the same folder `{shown}/pkg`")), "{e:?}");
    // a link leaving the folder, even a hidden one's target
    let d = TempDir::new("outside");
    let other = TempDir::new("outside-target");
    other.write("m.py", "x = 1\n");
    d.write("ok.py", "x = 1\n");
    symlink(&other.0, d.0.join("lib")).unwrap();
    let e = errors(&expand_dir(&d.0, quote!()));
    assert!(e[0].contains("/lib` is a symbolic link leading outside the frozen folder"), "{e:?}");
    // a broken link and a loop of links: not resolvable (a hidden one is never read)
    let d = TempDir::new("broken");
    d.write("ok.py", "x = 1\n");
    symlink("nowhere", d.0.join(".hidden")).unwrap();
    let out = expand_dir(&d.0, quote!());
    assert!(errors(&out).is_empty(), "{out}");
    symlink("nowhere", d.0.join("gone.py")).unwrap();
    let e = errors(&expand_dir(&d.0, quote!()));
    assert!(e[0].contains("/gone.py` is a broken symbolic link"), "{e:?}");
    std::fs::remove_file(d.0.join("gone.py")).unwrap();
    symlink("self", d.0.join("self")).unwrap();
    let e = errors(&expand_dir(&d.0, quote!()));
    assert!(e[0].contains("/self` is a symbolic link that cannot be resolved"), "{e:?}");
    // names that differ only by case, deep down
    let d = TempDir::new("case");
    d.write("a/b/Mod.py", "").write("a/b/mod.py", "");
    let e = errors(&expand_dir(&d.0, quote!()));
    assert!(e[0].contains("/a/b/Mod.py` and `") && e[0].contains("(`a.b.Mod` and `a.b.mod`)"), "{e:?}");
}

/// `freeze!("<dir>", <options>)` expanded with a cache in `cache`.
fn expand_cached(dir: &Path, options: TokenStream, cache: &crate::cache::Cache) -> TokenStream {
    let path = dir.to_str().unwrap();
    let cx = crate::Context { base: Path::new("/nonexistent-base"), cache: Some(cache), track: None };
    crate::expand_with(quote!(#path #options), &cx)
}

/// The cache entries' files.
fn entries(cache: &crate::cache::Cache) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cache.dir()).map_or(Vec::new(), |d| d.map(|e| e.unwrap().path()).collect());
    v.sort();
    v
}

#[test]
fn the_cache_changes_no_byte_of_the_output() {
    let d = TempDir::new("cache-src");
    let c = TempDir::new("cache");
    d.write("a.py", "def f(x):\n    return [i * x for i in range(10)]\n")
        .write("pkg/__init__.py", "from .b import g\n")
        .write("pkg/b.py", "def g():\n    return 'g' * 3\n")
        .write("bad.py", "def (:\n");
    let cache = crate::cache::Cache::at(c.0.join("freeze-cache"));
    for options in [quote!(, exclude = ["bad.py"]), quote!(, exclude = ["bad.py"], opt = 2, source_lines = false)] {
        let plain = expand_dir(&d.0, options.clone()).to_string();
        assert!(!plain.contains("compile_error"), "{plain}");
        let cold = expand_cached(&d.0, options.clone(), &cache).to_string();
        let warm = expand_cached(&d.0, options.clone(), &cache).to_string();
        assert_eq!(cold, plain);
        assert_eq!(warm, plain);
    }
    // one entry per module and options; broken files are not kept, and reported from a warm cache
    assert_eq!(entries(&cache).len(), 6);
    let errs = errors(&expand_cached(&d.0, quote!(), &cache));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("bad.py:1:5"), "{errs:?}");
    assert_eq!(entries(&cache).len(), 6, "the broken file got an entry");

    // an edit replaces its module's entry and reaches the output
    d.write("a.py", "def f(x):\n    return x\n");
    let edited = expand_cached(&d.0, quote!(, exclude = ["bad.py"]), &cache).to_string();
    assert_eq!(edited, expand_dir(&d.0, quote!(, exclude = ["bad.py"])).to_string());
    assert_eq!(entries(&cache).len(), 6);
}

#[test]
fn cache_entries_are_used_only_for_the_same_source_options_and_name() {
    let d = TempDir::new("cache-key-src");
    let c = TempDir::new("cache-key");
    d.write("m.py", "x = 1\n");
    let cache = crate::cache::Cache::at(c.0.clone());
    let key = |source: &'static str, name: &'static str, [opt_level, small_int_bits, lines]: [u8; 3]| crate::cache::Key {
        path: Box::leak(d.0.join("m.py").into_boxed_path()),
        name,
        options: crate::cache::options_key(&freeze_compiler::Options {
            opt_level,
            small_int_bits,
            source_lines: lines == 1,
            ..Default::default()
        })
        .leak(),
        source: source.as_bytes(),
    };
    // an entry planted for exactly this module is what the expansion takes (the cache is used)
    let planted = b"M\x06\x00\x1fplanted".to_vec();
    cache.put(&key("x = 1\n", "m.py", [0, 31, 1]), &planted);
    assert_eq!(cache.get(&key("x = 1\n", "m.py", [0, 31, 1])), Some(planted.clone()));
    let image = static_bytes(&expand_cached(&d.0, quote!(), &cache), "IMAGE");
    assert!(image.windows(planted.len()).any(|w| w == planted), "the planted entry was not used");
    // any other source, options or source name misses
    assert_eq!(cache.get(&key("x = 2\n", "m.py", [0, 31, 1])), None);
    assert_eq!(cache.get(&key("x = 1\n", "m.py", [1, 31, 1])), None);
    assert_eq!(cache.get(&key("x = 1\n", "m.py", [0, 30, 1])), None);
    assert_eq!(cache.get(&key("x = 1\n", "m.py", [0, 31, 0])), None);
    assert_eq!(cache.get(&key("x = 1\n", "v/m.py", [0, 31, 1])), None);
    d.write("m.py", "x = 2\n");
    let image = static_bytes(&expand_cached(&d.0, quote!(), &cache), "IMAGE");
    assert!(!image.windows(planted.len()).any(|w| w == planted));
    assert_eq!(expand_cached(&d.0, quote!(), &cache).to_string(), expand_dir(&d.0, quote!()).to_string());
}

#[test]
fn damaged_cache_entries_are_ignored() {
    let d = TempDir::new("cache-bad-src");
    let c = TempDir::new("cache-bad");
    d.write("a.py", "A = 'a' * 40\n").write("b.py", "def b():\n    return 2\n");
    let cache = crate::cache::Cache::at(c.0.clone());
    let want = expand_dir(&d.0, quote!()).to_string();
    assert_eq!(expand_cached(&d.0, quote!(), &cache).to_string(), want);
    let files = entries(&cache);
    assert_eq!(files.len(), 2);
    let good: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    type Damage = fn(&mut Vec<u8>);
    let damages: &[(&str, Damage)] = &[
        ("empty", |v| v.clear()),
        ("truncated", |v| v.truncate(v.len() - 3)),
        ("cut in the header", |v| v.truncate(20)),
        ("a byte of the .mpy flipped", |v| {
            let n = v.len();
            v[n - 12] ^= 0x40
        }),
        ("a byte of the source flipped", |v| {
            let n = v.len() / 2;
            v[n] ^= 1
        }),
        ("bytes appended", |v| v.extend_from_slice(b"\0\0")),
        ("a length made huge", |v| {
            let at = b"freeze-macros module cache 1\n".len();
            v[at + 7] = 0xff
        }),
        ("garbage", |v| *v = b"not a cache entry at all".to_vec()),
    ];
    for (what, damage) in damages {
        for (f, g) in files.iter().zip(&good) {
            let mut v = g.clone();
            damage(&mut v);
            std::fs::write(f, v).unwrap();
        }
        assert_eq!(expand_cached(&d.0, quote!(), &cache).to_string(), want, "entries {what}");
        // and each damaged entry was replaced by a good one
        for (f, g) in files.iter().zip(&good) {
            assert_eq!(&std::fs::read(f).unwrap(), g, "entries {what}");
        }
    }
    // an entry that is a folder, and a cache folder that cannot be created
    for f in &files {
        std::fs::remove_file(f).unwrap();
        std::fs::create_dir(f).unwrap();
    }
    assert_eq!(expand_cached(&d.0, quote!(), &cache).to_string(), want);
    let blocked = crate::cache::Cache::at(d.0.join("a.py").join("cache"));
    assert_eq!(expand_cached(&d.0, quote!(), &blocked).to_string(), want);
}

#[test]
fn with_tracked_paths_every_folder_and_frozen_file_is_tracked() {
    let d = TempDir::new("track");
    d.write("a.py", "a = 1\n").write("p/q/b.py", "b = 1\n").write("p/skip.py", "s = 1\n").write("empty/x.txt", "");
    let tracked = std::cell::RefCell::new(Vec::new());
    let track = |p: &Path| tracked.borrow_mut().push(p.strip_prefix(&d.0).unwrap().to_string_lossy().into_owned());
    let path = d.0.to_str().unwrap();
    let cx = crate::Context { base: Path::new("/"), cache: None, track: Some(&track) };
    let out = crate::expand_with(quote!(#path, exclude = ["p/skip.py"]), &cx);
    assert!(errors(&out).is_empty(), "{out}");
    // no include_bytes! then: the files are tracked instead
    assert!(!out.to_string().contains("include_bytes"));
    let mut got = tracked.into_inner();
    got.sort();
    assert_eq!(got, ["", "a.py", "empty", "p", "p/q", "p/q/b.py"]);
    // the same bytes as with include_bytes! tracking
    assert_eq!(static_bytes(&out, "IMAGE"), static_bytes(&expand_dir(&d.0, quote!(, exclude = ["p/skip.py"])), "IMAGE"));
}

#[test]
fn another_compiler_misses_and_replaces_the_entry() {
    let c = TempDir::new("cache-compiler");
    let path = c.0.join("m.py");
    let key = crate::cache::Key { path: &path, name: "m.py", options: b"options", source: b"x = 1\n" };
    let old = crate::cache::Cache::with_compiler(c.0.clone(), "0.1.0-a");
    let new = crate::cache::Cache::with_compiler(c.0.clone(), "0.1.0-b");
    old.put(&key, b"from the old compiler");
    assert_eq!(old.get(&key).as_deref(), Some(&b"from the old compiler"[..]));
    assert_eq!(new.get(&key), None, "an entry of another compiler was used");
    new.put(&key, b"from the new compiler");
    assert_eq!(new.get(&key).as_deref(), Some(&b"from the new compiler"[..]));
    assert_eq!(old.get(&key), None);
    // one entry for the module, not one per compiler
    assert_eq!(entries(&new).len(), 1);
}

/// The errors of `freeze!` on a folder holding `files` (each `x = 1`).
fn name_errors(files: &[&str]) -> (Vec<String>, String) {
    let d = TempDir::new("names");
    for f in files {
        d.write(f, "x = 1\n");
    }
    let errs = errors(&expand_dir(&d.0, quote!()));
    (errs, d.0.to_str().unwrap().to_string())
}

#[test]
fn module_names_follow_python_identifier_rules() {
    // issue 16: identifiers CPython and MicroPython accept, with characters outside
    // `is_alphanumeric` (U+00B7 MIDDLE DOT is XID_Continue) or a combining mark
    let d = TempDir::new("ids");
    d.write("a\u{b7}b.py", "x = 1\n").write("match.py", "x = 1\n").write("_1.py", "x = 1\n").write("p\u{e4}k/\u{3c0}.py", "x = 1\n");
    let out = expand_dir(&d.0, quote!());
    assert!(errors(&out).is_empty(), "{out}");
    let names = String::from_utf8(static_bytes(&out, "NAMES")).unwrap();
    assert!(names.starts_with("_1_1.pya\u{b7}ba\u{b7}b.pymatchmatch.pyp\u{e4}k.\u{3c0}p\u{e4}k/\u{3c0}.py"), "{names:?}");

    // `é` spelled `e` + U+0301 is frozen under its NFC form, the spelling an editor writes in
    // `import é`: MicroPython compares names byte for byte, from a folder or a ROMFS alike
    let d = TempDir::new("nfd");
    d.write("e\u{301}.py", "x = 1\n").write("caf\u{e9}/e\u{301}t\u{e9}.py", "x = 1\n");
    let out = expand_dir(&d.0, quote!(, prefix = "o\u{308}"));
    assert!(errors(&out).is_empty(), "{out}");
    let names = String::from_utf8(static_bytes(&out, "NAMES")).unwrap();
    assert!(names.starts_with("\u{f6}.caf\u{e9}.\u{e9}t\u{e9}\u{f6}/caf\u{e9}/\u{e9}t\u{e9}.py\u{f6}.\u{e9}\u{f6}/\u{e9}.py"), "{names:?}");
    assert!(!names.contains(['\u{301}', '\u{308}']), "{names:?}");
    // the image holds the same paths: the compiler's image for the NFC names
    let files: Vec<(String, Vec<u8>)> = ["\u{f6}/caf\u{e9}/\u{e9}t\u{e9}.py", "\u{f6}/\u{e9}.py"]
        .iter()
        .map(|p| (p.to_string(), freeze_compiler::compile("x = 1\n", p, &Default::default()).unwrap()))
        .collect();
    let (image, _) = freeze_compiler::romfs::build_image_from_py_indexed(&files).unwrap();
    assert_eq!(&static_bytes(&out, "IMAGE")[..image.len()], &image[..]);
    // both spellings in one folder are one module
    let (errs, shown) = name_errors(&["e\u{301}.py", "\u{e9}.py"]);
    assert_eq!(errs, [format!(
        "freeze!: two files claim the module `\u{e9}`: `{shown}/e\u{301}.py` and `{shown}/\u{e9}.py`; remove or exclude one of them"
    )]);
}

#[test]
fn a_refused_module_name_says_which_character_breaks_which_rule() {
    let tail = |rel: &str| format!("; the file cannot be imported as a module: rename it or leave it out with `exclude = [\"{rel}\"]`");
    let start = "not a letter or `_` (a Python identifier starts with `_` or a Unicode XID_Start character)";
    let cont = "not a letter, digit or `_` (a Python identifier goes on with Unicode XID_Continue characters)";
    let cases: &[(&str, String)] = &[
        ("1abc.py", format!("`1abc` is not a valid Python identifier: `1` (U+0031) at character 1 is {start}")),
        ("my-mod.py", format!("`my-mod` is not a valid Python identifier: `-` (U+002D) at character 3 is {cont}")),
        ("snake\u{1f40d}.py", format!("`snake\u{1f40d}` is not a valid Python identifier: `\u{1f40d}` (U+1F40D) at character 6 is {cont}")),
        // an invisible character is named by its code point
        ("a\u{200b}b.py", format!("`a\u{200b}b` is not a valid Python identifier: `\\u{{200b}}` (U+200B) at character 2 is {cont}")),
        // a combining mark cannot start a name
        ("\u{301}e.py", format!("`\u{301}e` is not a valid Python identifier: `\\u{{301}}` (U+0301) at character 1 is {start}")),
        ("class.py", "`class` is a Python keyword, not an identifier: `import class` is a syntax error".to_string()),
        (
            "\u{ff43}lass.py",
            "`class` is a Python keyword, not an identifier (Unicode NFKC normalisation turns `\u{ff43}lass` into it): \
             `import class` is a syntax error"
                .to_string(),
        ),
        // Python reads `ﬁx` as `fix`, MicroPython as written: no frozen name serves both
        (
            "\u{fb01}x.py",
            "`\u{fb01}x` is read by Python as `fix` (Unicode NFKC normalisation: `\u{fb01}` (U+FB01) at character 1 becomes `fi`) \
             but by MicroPython as written, so CPython's and MicroPython's `import \u{fb01}x` look for different modules (name it `fix`)"
                .to_string(),
        ),
        ("my-pkg/m.py", format!("`my-pkg` is not a valid Python identifier: `-` (U+002D) at character 3 is {cont}")),
    ];
    for (rel, why) in cases {
        let (errs, shown) = name_errors(&[rel]);
        assert_eq!(errs, [format!("freeze!: `{shown}/{rel}`: {why}{}", tail(rel))], "{rel}");
    }
    // the same rules for `prefix`, and its NFC form is used
    let d = TempDir::new("prefix");
    d.write("m.py", "x = 1\n");
    let errs = errors(&expand_dir(&d.0, quote!(, prefix = "a.b-c")));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].contains("`prefix` \"a.b-c\" is not a dotted Python module name: `b-c` is not a valid Python identifier: `-` (U+002D) at character 2"),
        "{errs:?}"
    );
}

#[test]
fn cfg_constants_become_one_nested_call_per_outcome() {
    let d = TempDir::new("cfg-consts");
    d.write("m.py", "print(A, B)\n");
    let out = expand_dir(&d.0, quote!(, opt = 1, consts = { A = cfg!(feature = "x"), N = 3, B = cfg!(not(unix)) })).to_string();
    // four statements, each behind its cfg, each calling freeze! with both decided
    assert_eq!(out.matches(":: freeze :: freeze !").count(), 4, "{out}");
    for (a, b) in [("true", "true"), ("true", "false"), ("false", "true"), ("false", "false")] {
        let want = format!("consts = {{ A = {a} , N = 3 , B = {b} }}");
        assert!(out.contains(&want), "no call with {want}: {out}");
    }
    assert!(out.contains("# [cfg (all (feature = \"x\" , not (not (unix))))]"), "{out}");
    assert!(!out.contains("cfg !"), "every cfg! is decided: {out}");
    // a decided call expands to the frozen set
    let decided = expand_dir(&d.0, quote!(, consts = { A = true, B = 7 }));
    assert!(errors(&decided).is_empty(), "{decided}");
}

#[test]
fn a_prebuilt_mpy_for_another_firmware_is_an_error_naming_it() {
    let d = TempDir::new("prebuilt");
    d.write("ok.py", "x = 1\n");
    let mut mpy = freeze_compiler::compile("y = 2\n", "lib.py", &Default::default()).unwrap();
    mpy[3] = 63;
    std::fs::create_dir_all(d.0.join("vendor")).unwrap();
    std::fs::write(d.0.join("vendor/lib.mpy"), &mpy).unwrap();
    let errs = errors(&expand_dir(&d.0, quote!()));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("vendor/lib.mpy") && errs[0].contains("63-bit small ints") && errs[0].contains("is 31"), "{errs:?}");
    // with the build's small-int bits it is taken as it is
    let out = expand_dir(&d.0, quote!(, small_int_bits = 63));
    assert!(errors(&out).is_empty());
    let image = static_bytes(&out, "IMAGE");
    assert!(image.windows(mpy.len()).any(|w| w == &mpy[..]));
}

#[test]
fn data_and_source_globs_choose_what_a_file_becomes() {
    let d = TempDir::new("roles");
    d.write("a.py", "x = 1\n").write("tpl/page.py", "not python {{ }}\n").write("s/run.py", "print(1)\n").write("notes.txt", "left out\n");
    let out = expand_dir(&d.0, quote!(, data = ["tpl/**"], source = ["s/*.py"]));
    assert!(errors(&out).is_empty(), "{out}");
    let text = out.to_string();
    assert_eq!(text.matches("FrozenFile :: new").count(), 1, "{text}");
    assert_eq!(text.matches("FrozenModule :: new_source").count(), 1, "{text}");
    let image = static_bytes(&out, "IMAGE");
    let names = String::from_utf8_lossy(&image).into_owned();
    assert!(names.contains("page.py") && names.contains("not python") && names.contains("run.py") && !names.contains("notes"));
}

#[test]
fn folders_of_a_set_are_searched_in_order() {
    let (a, b) = (TempDir::new("set-a"), TempDir::new("set-b"));
    a.write("m.py", "x = 'first'\n").write("web/page.html", "first page");
    b.write("m.py", "x = 'second'\n").write("n.py", "y = 1\n").write("web/page.html", "second page").write("web/b.css", "b");
    let bp = b.0.to_str().unwrap();
    let out = expand_dir(&a.0, quote!(, data = ["web/**"], also = [{ #bp, data = ["web/**"], consts = { K = cfg!(unix) } }]));
    // a cfg! in a folder of `also` makes the call nest
    assert!(out.to_string().contains(":: freeze :: freeze !"), "{out}");
    let out = expand_dir(&a.0, quote!(, data = ["web/**"], also = [{ #bp, data = ["web/**"] }]));
    assert!(errors(&out).is_empty(), "{out}");
    let image = String::from_utf8_lossy(&static_bytes(&out, "IMAGE")).into_owned();
    assert!(image.contains("first") && !image.contains("second"), "the first folder's m and page win");
    assert!(image.contains("n.mpy") && image.contains("b.css"), "the second folder's other files join");
    assert_eq!(out.to_string().matches("FrozenModule :: new").count(), 2);
    assert_eq!(out.to_string().matches("FrozenFile :: new").count(), 2);
    // each folder's problems are reported with its own path
    b.write("bad.py", "def f(:\n");
    let errs = errors(&expand_dir(&a.0, quote!(, also = [{ #bp }])));
    assert!(errs.len() == 1 && errs[0].contains(&format!("{bp}/bad.py:1")), "{errs:?}");
}

#[test]
fn entry_reads_each_modules_imports_once_then_from_the_cache() {
    let d = TempDir::new("prune-cache");
    let c = TempDir::new("prune-cache-store");
    d.write("main.py", "import used\n").write("used.py", "x = 1\n").write("other.py", "y = 2\n");
    let cache = crate::cache::Cache::at(c.0.clone());
    let names = |out: &TokenStream| String::from_utf8_lossy(&static_bytes(out, "NAMES")).into_owned();
    let first = expand_cached(&d.0, quote!(, entry = "main"), &cache);
    assert!(names(&first).contains("used") && !names(&first).contains("other"));
    // an .mpy and an import list per module (a module without imports has an empty list)
    assert_eq!(entries(&cache).len(), 3 + 3);
    // an import list planted for main (as if main imported `other`) is what the expansion uses
    let mut options = crate::cache::options_key(&freeze_compiler::Options::default());
    options.extend_from_slice(b"\0static imports, resolved");
    let key = crate::cache::Key { path: &d.0.join("main.py"), name: "main.py", options: &options, source: b"import used\n" };
    cache.put(&key, b"used\nother");
    let second = expand_cached(&d.0, quote!(, entry = "main"), &cache);
    assert!(names(&second).contains("other"), "the cached import list was not used");
}
