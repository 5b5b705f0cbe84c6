//! Discovery of the modules below a folder, like MicroPython's manifest `package()`.

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

/// One Python source found below the folder.
pub struct Source {
    /// Absolute path on disk (for `include_bytes!` dependency tracking).
    pub abs: PathBuf,
    /// Path relative to the folder, `/`-separated (`pkg/mod.py`), without the prefix.
    pub rel: String,
    /// Dotted module name (`pkg.mod`; `pkg` for `pkg/__init__.py`).
    pub name: String,
    /// `pkg/__init__.py`.
    pub package: bool,
    /// The text.
    pub text: String,
}

/// Walks `root` (which the user wrote as `shown`), keeping the `.py` files that match `include`
/// and no `exclude` glob. Sorted by relative path.
///
/// Rejected, each with an error naming the paths involved (an error means nothing is emitted;
/// the macro writes no files): symbolic links that cannot be resolved, that lead outside the
/// folder, back into a folder that holds them (a loop), or to a folder the walk reaches another
/// way too; names that differ only by ASCII case; frozen files whose path is not UTF-8; frozen
/// files that are not regular files (a FIFO would block the build forever).
pub fn discover(root: &Path, shown: &str, include: &[String], exclude: &[String], prefix: &str) -> Result<Vec<Source>, String> {
    const WHERE: &str = "paths are relative to the invoking crate's manifest folder, CARGO_MANIFEST_DIR";
    let meta = fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("freeze!: the folder `{shown}` does not exist; {WHERE}"),
        _ => format!("freeze!: cannot read the folder `{shown}`: {e}"),
    })?;
    if !meta.is_dir() {
        return Err(format!("freeze!: `{shown}` is not a folder; {WHERE}"));
    }
    let canon_root = fs::canonicalize(root).map_err(|e| format!("freeze!: cannot resolve `{shown}`: {e}"))?;
    let mut walk = Walk { canon_root: &canon_root, shown, files: Vec::new(), ancestors: Vec::new(), visited: HashMap::new() };
    walk.visited.insert(canon_root.clone(), shown.to_string());
    walk.ancestors.push((canon_root.clone(), shown.to_string()));
    walk.walk_dir(root, &canon_root, &RelPath::default())?;
    let mut files = walk.files;
    files.sort_by(|a, b| (&a.rel, &a.shown).cmp(&(&b.rel, &b.shown)));

    let frozen: Vec<bool> = files
        .iter()
        .map(|f| include.iter().any(|g| glob_match(g, &f.rel)) && !exclude.iter().any(|g| glob_match(g, &f.rel)))
        .collect();
    check_case_clashes(&files, &frozen, shown, prefix)?;

    let mut out = Vec::new();
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    for (f, _) in files.into_iter().zip(frozen).filter(|(_, frozen)| *frozen) {
        let shown_file = join_shown(shown, &f.shown);
        if let Some((name, is_dir)) = &f.non_utf8 {
            return Err(format!(
                "freeze!: `{shown_file}`: the {} name `{name}` is not UTF-8 (bytes that are not UTF-8 are shown as \\xNN), \
                 so it cannot name a module; the names of Python files and of the folders that hold them must be UTF-8: rename it",
                if *is_dir { "folder" } else { "file" }
            ));
        }
        let rel = f.rel;
        let stem = rel.strip_suffix(".py").unwrap();
        let mut parts: Vec<&str> = stem.split('/').collect();
        let package = parts.last() == Some(&"__init__");
        if package {
            parts.pop();
            if parts.is_empty() && prefix.is_empty() {
                return Err(format!(
                    "freeze!: `{shown_file}`: an `__init__.py` directly in the frozen folder names no module; \
                     freeze the folder above it, name the package with `prefix = \"name\"`, or `exclude = [\"__init__.py\"]`"
                ));
            }
        }
        for p in &parts {
            if !is_identifier(p) {
                return Err(format!(
                    "freeze!: `{shown_file}`: `{p}` is not a valid Python identifier, so the file cannot be imported as a module; \
                     rename it or leave it out with `exclude = [\"{rel}\"]`"
                ));
            }
        }
        let name = module_name(prefix, &parts);
        if let Some(other) = claimed.get(&name) {
            return Err(format!(
                "freeze!: two files claim the module `{name}`: `{}` and `{shown_file}`; remove or exclude one of them",
                join_shown(shown, other)
            ));
        }
        claimed.insert(name.clone(), rel.clone());
        // the type of what the path leads to (a link is followed), before opening it: opening a
        // FIFO waits for a writer, which would hang the build
        let meta = fs::metadata(&f.abs).map_err(|e| format!("freeze!: cannot read `{shown_file}`: {e}"))?;
        if !meta.is_file() {
            return Err(format!(
                "freeze!: `{shown_file}` is not a regular file but {}; only regular files (or symbolic links to them) can be frozen",
                special_kind(&meta.file_type())
            ));
        }
        let bytes = fs::read(&f.abs).map_err(|e| format!("freeze!: cannot read `{shown_file}`: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let off = e.utf8_error().valid_up_to();
            let good = &e.as_bytes()[..off];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            format!("freeze!: `{shown_file}` is not UTF-8 text (invalid byte at line {line}, byte offset {off}); Python source must be UTF-8")
        })?;
        out.push(Source { abs: f.abs, rel, name, package, text });
    }
    Ok(out)
}

/// `prefix` and `parts` as a dotted module name.
fn module_name(prefix: &str, parts: &[&str]) -> String {
    prefix.split('.').filter(|p| !p.is_empty()).chain(parts.iter().copied()).collect::<Vec<_>>().join(".")
}

/// What a file that is not a regular file is, for the error.
fn special_kind(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_block_device() {
            return "a block device";
        } else if t.is_char_device() {
            return "a character device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Rejects two entries of one folder whose module names are equal ignoring ASCII case (`A.py`
/// and `a.py`; `Pkg/` and `pkg.py`). On a case-insensitive file system (macOS, Windows, a
/// board's FAT) such names are one name: a checkout holds one file where Linux holds two, and
/// `import pkg` may find `Pkg/`, so the same folder would freeze or import differently from
/// machine to machine. Every `.py` the walk found counts, not only the frozen ones, as long as
/// one of the two is frozen: `exclude` cannot settle the clash, because on such a file system
/// which of the two names survives (and so whether the glob matches it) is down to chance.
fn check_case_clashes(files: &[Found], frozen: &[bool], shown: &str, prefix: &str) -> Result<(), String> {
    // lower-cased dotted name -> dotted name as written -> (the entry's path, any file below it frozen)
    let mut levels: BTreeMap<String, BTreeMap<String, (String, bool)>> = BTreeMap::new();
    for (f, &frozen) in files.iter().zip(frozen) {
        let comps: Vec<&str> = f.shown.split('/').collect();
        for i in 0..comps.len() {
            let last = i + 1 == comps.len();
            let mut parts = comps[..i].to_vec();
            parts.push(if last { comps[i].strip_suffix(".py").unwrap_or(comps[i]) } else { comps[i] });
            let name = module_name(prefix, &parts);
            let entry = comps[..=i].join("/") + if last { "" } else { "/" };
            let e = levels.entry(name.to_ascii_lowercase()).or_default().entry(name).or_insert((entry, false));
            e.1 |= frozen;
        }
    }
    for names in levels.values() {
        if names.len() > 1 && names.values().any(|(_, frozen)| *frozen) {
            let mut it = names.iter();
            let (a, (pa, _)) = it.next().unwrap();
            let (b, (pb, _)) = it.next().unwrap();
            return Err(format!(
                "freeze!: `{}` and `{}` give module names that differ only by case (`{a}` and `{b}`); \
                 on case-insensitive file systems (macOS, Windows) these are one name, so the same folder would \
                 freeze or import differently from machine to machine; rename one of them",
                join_shown(shown, pa),
                join_shown(shown, pb)
            ));
        }
    }
    Ok(())
}

/// The user-visible path of a file: the folder as written, then the relative path.
pub fn join_shown(shown: &str, rel: &str) -> String {
    if shown.is_empty() || shown == "." || shown == "./" {
        rel.to_string()
    } else if shown.ends_with('/') {
        format!("{shown}{rel}")
    } else {
        format!("{shown}/{rel}")
    }
}

/// A name for errors: as it is when UTF-8, else with each byte that is not UTF-8 as `\xff`.
fn show_name(name: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut s = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            s.push_str(chunk.valid());
            for b in chunk.invalid() {
                s.push_str(&format!("\\x{b:02x}"));
            }
        }
        s
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// A path below the folder, `/`-separated, in the forms the walk needs.
#[derive(Default)]
struct RelPath {
    /// For globs and module names; a name that is not UTF-8 has U+FFFD in place of its bad bytes.
    rel: String,
    /// For errors; bytes that are not UTF-8 as `\xff`.
    shown: String,
    /// The first name on the path that is not UTF-8 (shown form), and whether it is a folder's.
    non_utf8: Option<(String, bool)>,
}

impl RelPath {
    fn child(&self, name: &OsStr, is_dir: bool) -> RelPath {
        let join = |a: &str, b: &str| if a.is_empty() { b.to_string() } else { format!("{a}/{b}") };
        let lossy = name.to_string_lossy();
        let shown = show_name(name);
        let non_utf8 = match (&self.non_utf8, name.to_str()) {
            (Some(n), _) => Some(n.clone()),
            (None, None) => Some((shown.clone(), is_dir)),
            (None, Some(_)) => None,
        };
        RelPath { rel: join(&self.rel, &lossy), shown: join(&self.shown, &shown), non_utf8 }
    }
}

/// A `.py` file (or a link to one) the walk found, before `include`/`exclude`.
struct Found {
    rel: String,
    shown: String,
    abs: PathBuf,
    non_utf8: Option<(String, bool)>,
}

struct Walk<'a> {
    canon_root: &'a Path,
    shown: &'a str,
    files: Vec<Found>,
    /// The folders from the frozen folder down to the one being listed: real path, path shown.
    ancestors: Vec<(PathBuf, String)>,
    /// Every folder walked so far: real path -> the path it was walked under (shown form).
    visited: HashMap<PathBuf, String>,
}

impl Walk<'_> {
    /// Walks `dir`, whose real (canonical) path is `canon`, at `at` below the frozen folder.
    ///
    /// Names that are not UTF-8 are not rejected here: a name matters only if it becomes part
    /// of a frozen module's name, which `discover` checks for the files it freezes. So a data
    /// file with a Latin-1 name next to the Python code, a hidden entry, or a folder holding no
    /// Python file, does not break the build whatever its name; nothing reads them.
    fn walk_dir(&mut self, dir: &Path, canon: &Path, at: &RelPath) -> Result<(), String> {
        let shown = self.shown;
        let listing_error = |e: std::io::Error| format!("freeze!: cannot list `{}`: {e}", join_shown(shown, &at.shown));
        let mut entries: Vec<(OsString, PathBuf)> = Vec::new();
        for e in fs::read_dir(dir).map_err(listing_error)? {
            let e = e.map_err(listing_error)?;
            let name = e.file_name();
            let lossy = name.to_string_lossy();
            if lossy.starts_with('.') || lossy == "__pycache__" {
                continue;
            }
            entries.push((name, e.path()));
        }
        entries.sort();
        for (name, path) in entries {
            let shown_rel = if at.shown.is_empty() { show_name(&name) } else { format!("{}/{}", at.shown, show_name(&name)) };
            let shown_child = join_shown(shown, &shown_rel);
            let lmeta = fs::symlink_metadata(&path).map_err(|e| format!("freeze!: cannot read `{shown_child}`: {e}"))?;
            let (is_dir, real) = if lmeta.file_type().is_symlink() {
                let target = fs::canonicalize(&path).map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => format!("freeze!: `{shown_child}` is a broken symbolic link: {e}"),
                    _ => format!("freeze!: `{shown_child}` is a symbolic link that cannot be resolved: {e}"),
                })?;
                if !target.starts_with(self.canon_root) {
                    return Err(format!(
                        "freeze!: `{shown_child}` is a symbolic link leading outside the frozen folder `{shown}`; \
                         only links that stay inside the folder are followed",
                    ));
                }
                (target.is_dir(), target)
            } else {
                (lmeta.is_dir(), canon.join(&name))
            };
            if is_dir {
                let child = at.child(&name, true);
                if let Some((_, anc)) = self.ancestors.iter().find(|(a, _)| *a == real) {
                    // only a link can lead to a folder above it
                    return Err(format!(
                        "freeze!: `{shown_child}` is a symbolic link to `{anc}`, a folder that holds it: a symbolic-link loop, \
                         which would freeze the same files again under ever longer names; remove the link"
                    ));
                }
                if let Some(first) = self.visited.get(&real) {
                    // two ways into one folder (at least one a link): its files would be frozen
                    // twice, under two module names; an alias like that is more likely a mistake
                    // than a wish, and a package can re-export another in Python if it is one
                    return Err(format!(
                        "freeze!: `{first}` and `{shown_child}` are the same folder `{}` (reached through a symbolic link), \
                         so its files would be frozen twice, under two module names; remove the link",
                        self.shown_real(&real)
                    ));
                }
                self.visited.insert(real.clone(), shown_child.clone());
                self.ancestors.push((real.clone(), shown_child));
                self.walk_dir(&path, &real, &child)?;
                self.ancestors.pop();
            } else if name.to_string_lossy().ends_with(".py") {
                let child = at.child(&name, false);
                self.files.push(Found { rel: child.rel, shown: child.shown, abs: path, non_utf8: child.non_utf8 });
            }
        }
        Ok(())
    }

    /// A real path inside the frozen folder, as the user would write it.
    fn shown_real(&self, real: &Path) -> String {
        let rel = real.strip_prefix(self.canon_root).unwrap_or(real);
        let parts: Vec<String> = rel.iter().map(show_name).collect();
        join_shown(self.shown, &parts.join("/"))
    }
}

/// Whether `s` is a Python identifier (and not a keyword).
pub fn is_identifier(s: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric()) && !KEYWORDS.contains(&s)
}

/// Glob match over `/`-separated paths: `**` any number of whole components (including none),
/// `*` any run of characters within a component, `?` one character, anything else literally.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.trim_start_matches("./").split('/').collect();
    let segs: Vec<&str> = path.split('/').collect();
    match_segs(&pat, &segs)
}

fn match_segs(pat: &[&str], segs: &[&str]) -> bool {
    match pat.first() {
        None => segs.is_empty(),
        Some(&"**") => (0..=segs.len()).any(|i| match_segs(&pat[1..], &segs[i..])),
        Some(p) => !segs.is_empty() && match_one(p.as_bytes(), segs[0].as_bytes()) && match_segs(&pat[1..], &segs[1..]),
    }
}

fn match_one(p: &[u8], s: &[u8]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some(b'*') => (0..=s.len()).any(|i| match_one(&p[1..], &s[i..])),
        Some(b'?') => !s.is_empty() && match_one(&p[1..], &s[utf8_len(s[0])..]),
        Some(c) => s.first() == Some(c) && match_one(&p[1..], &s[1..]),
    }
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}
