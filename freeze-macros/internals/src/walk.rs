//! Discovery of the modules below a folder, like MicroPython's manifest `package()`.

use crate::args::Globs;
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// What a frozen module's file holds.
pub enum Content {
    /// Python text, compiled to bytecode unless `as_source` (then stored as text, compiled by
    /// MicroPython on import).
    Python { text: String, as_source: bool },
    /// A prebuilt `.mpy` (checked against the build's options in `prebuilt.rs`).
    Mpy(Vec<u8>),
}

/// One module found below the folder: a `.py` or a prebuilt `.mpy`.
pub struct Source {
    /// Absolute path on disk (for `include_bytes!` dependency tracking).
    pub abs: PathBuf,
    /// Path relative to the folder, `/`-separated (`pkg/mod.py`), without the prefix.
    pub rel: String,
    /// The same path as frozen, each name in the form [`module_name_part`] gives it (NFC), as a
    /// `.py` path (also for a prebuilt `.mpy`): the module's place in the image, the `.mpy`'s
    /// source name.
    pub frozen_rel: String,
    /// Dotted module name (`pkg.mod`; `pkg` for `pkg/__init__.py`), from the names as frozen.
    pub name: String,
    /// `pkg/__init__.py`.
    pub package: bool,
    /// The text or the prebuilt bytes.
    pub content: Content,
}

impl Source {
    /// The Python text, unless this is a prebuilt `.mpy`.
    pub fn text(&self) -> Option<&str> {
        match &self.content {
            Content::Python { text, .. } => Some(text),
            Content::Mpy(_) => None,
        }
    }
}

/// A data file found below the folder (selected by `data` globs).
pub struct DataFile {
    /// Absolute path on disk.
    pub abs: PathBuf,
    /// Path relative to the folder, `/`-separated (`web/index.html`).
    pub rel: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Which files of the folder are frozen, and how.
pub struct Selection<'a> {
    /// `.py` and `.mpy` files frozen as modules (with no `exclude` match).
    pub include: &'a Globs,
    pub exclude: &'a Globs,
    /// `.py` modules frozen as source text rather than bytecode.
    pub source: &'a Globs,
    /// Files frozen as data (any name; a data file is never a module).
    pub data: &'a Globs,
}

/// What a file of the folder becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Module,
    Data,
    Left,
}

impl Selection<'_> {
    fn role(&self, rel: &str) -> Role {
        if self.exclude.is_match(rel) {
            Role::Left
        } else if self.data.is_match(rel) {
            Role::Data
        } else if (rel.ends_with(".py") || rel.ends_with(".mpy")) && self.include.is_match(rel) {
            Role::Module
        } else {
            Role::Left
        }
    }
}

/// Walks `root` (which the user wrote as `shown`), keeping the `.py` files that match `include`
/// and no `exclude` glob. Sorted by relative path. With the folders walked (the frozen one
/// first, each as the walk reached it), which a build depends on.
///
/// The walk is `walkdir`'s (sorted by name, following symbolic links, detecting links back to a
/// folder being walked); this module adds the project's checks on top. Every step costs time
/// linear in the length of the paths involved: a folder 1,000 levels deep is walked in
/// milliseconds.
///
/// Rejected, each with an error naming the paths involved (an error means nothing is emitted;
/// the macro writes no files): symbolic links that cannot be resolved, that lead outside the
/// folder, back into a folder that holds them (a loop), or to a folder the walk reaches another
/// way too; names that differ only by ASCII case (these end the walk: `Err`); and, file by
/// file, frozen files whose path is not UTF-8 or names no module, that claim a module another
/// file claims, that are not regular files (a FIFO would block the build forever) or whose text
/// is not UTF-8 (all of these are returned, next to the files that are fine).
pub fn discover(root: &Path, shown: &str, select: &Selection, prefix: &str) -> Result<Discovered, String> {
    const WHERE: &str = "paths are relative to the invoking crate's manifest folder, CARGO_MANIFEST_DIR";
    let meta = fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("freeze!: the folder `{shown}` does not exist; {WHERE}"),
        _ => format!("freeze!: cannot read the folder `{shown}`: {e}"),
    })?;
    if !meta.is_dir() {
        return Err(format!("freeze!: `{shown}` is not a folder; {WHERE}"));
    }
    let canon_root = fs::canonicalize(root).map_err(|e| format!("freeze!: cannot resolve `{shown}`: {e}"))?;
    let (mut files, folders) = walk(root, &canon_root, shown)?;
    files.sort_by(|a, b| (&a.rel, &a.shown).cmp(&(&b.rel, &b.shown)));

    let roles: Vec<Role> = files.iter().map(|f| select.role(&f.rel)).collect();
    // the case check looks at every Python file found (see check_case_clashes), frozen or not
    let (py, py_frozen): (Vec<&Found>, Vec<bool>) = files
        .iter()
        .zip(&roles)
        .filter(|(f, r)| **r == Role::Module || (**r == Role::Left && f.rel.ends_with(".py")))
        .map(|(f, r)| (f, *r == Role::Module))
        .unzip();
    check_case_clashes(&py, &py_frozen, shown, prefix)?;

    let mut out = Vec::new();
    let mut data = Vec::new();
    let mut errors = Vec::new();
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    let mut bad_folders = std::collections::HashSet::new();
    for (f, role) in files.into_iter().zip(roles).filter(|(_, r)| *r != Role::Left) {
        // a folder whose name is not UTF-8 is named once, with the first of its files
        if let Some((_, true, folder)) = &f.non_utf8 {
            if !bad_folders.insert(folder.clone()) {
                continue;
            }
        }
        let res = match role {
            Role::Module => source(f, shown, prefix, select.source, &mut claimed).map(|s| out.push(s)),
            _ => data_file(f, shown).map(|d| data.push(d)),
        };
        if let Err(e) = res {
            errors.push(e);
        }
    }
    Ok(Discovered { sources: out, data, errors, folders })
}

/// What [`discover`] found.
pub struct Discovered {
    /// The frozen modules that can be compiled (or passed through).
    pub sources: Vec<Source>,
    /// The data files.
    pub data: Vec<DataFile>,
    /// One message per file that cannot be frozen.
    pub errors: Vec<String>,
    /// Every folder walked (the frozen one first), as the walk reached it: adding or removing a
    /// module changes one of them.
    pub folders: Vec<PathBuf>,
}

/// A frozen file's module, checked and read.
fn source(
    f: Found,
    shown: &str,
    prefix: &str,
    as_source: &Globs,
    claimed: &mut BTreeMap<String, String>,
) -> Result<Source, String> {
    let shown_file = join_shown(shown, &f.shown);
    if let Some((name, is_dir, _)) = &f.non_utf8 {
        return Err(format!(
            "freeze!: `{shown_file}`: the {} name `{name}` is not UTF-8 (bytes that are not UTF-8 are shown as \\xNN), \
             so it cannot name a module; the names of Python files and of the folders that hold them must be UTF-8: rename it",
            if *is_dir { "folder" } else { "file" }
        ));
    }
    let rel = f.rel;
    let prebuilt = rel.ends_with(".mpy");
    let stem = rel.strip_suffix(".py").or_else(|| rel.strip_suffix(".mpy")).expect("modules are .py or .mpy files");
    let mut parts = Vec::new();
    for p in stem.split('/') {
        parts.push(module_name_part(p).map_err(|why| {
            format!(
                "freeze!: `{shown_file}`: {why}; the file cannot be imported as a module: \
                 rename it or leave it out with `exclude = [\"{rel}\"]`"
            )
        })?);
    }
    let frozen_rel = format!("{}.py", parts.join("/"));
    let package = parts.last().is_some_and(|p| p == "__init__");
    if package {
        parts.pop();
        if parts.is_empty() && prefix.is_empty() {
            return Err(format!(
                "freeze!: `{shown_file}`: an `__init__.py` directly in the frozen folder names no module; \
                 freeze the folder above it, name the package with `prefix = \"name\"`, or `exclude = [\"__init__.py\"]`"
            ));
        }
    }
    let name = module_name(prefix, &parts.iter().map(String::as_str).collect::<Vec<_>>());
    if let Some(other) = claimed.get(&name) {
        return Err(format!(
            "freeze!: two files claim the module `{name}`: `{}` and `{shown_file}`; remove or exclude one of them",
            join_shown(shown, other)
        ));
    }
    claimed.insert(name.clone(), rel.clone());
    let bytes = read_regular(&f.abs, &shown_file)?;
    if prebuilt {
        return Ok(Source { abs: f.abs, rel, frozen_rel, name, package, content: Content::Mpy(bytes) });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        let good = &e.as_bytes()[..off];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        format!("freeze!: `{shown_file}` is not UTF-8 text (invalid byte at line {line}, byte offset {off}); Python source must be UTF-8")
    })?;
    let as_source = as_source.is_match(&rel);
    Ok(Source { abs: f.abs, rel, frozen_rel, name, package, content: Content::Python { text, as_source } })
}

/// A data file, checked and read. Its path must be UTF-8: it is a path in the image and a
/// `&str` key of `FrozenModules::file`.
fn data_file(f: Found, shown: &str) -> Result<DataFile, String> {
    let shown_file = join_shown(shown, &f.shown);
    if let Some((name, is_dir, _)) = &f.non_utf8 {
        return Err(format!(
            "freeze!: `{shown_file}`: the {} name `{name}` is not UTF-8, so the data file has no path in the image: rename it",
            if *is_dir { "folder" } else { "file" }
        ));
    }
    let bytes = read_regular(&f.abs, &shown_file)?;
    Ok(DataFile { abs: f.abs, rel: f.rel, bytes })
}

/// The bytes of a regular file (or a link to one), at most the compiler's size limit (a link to
/// /dev/zero must not read gigabytes).
fn read_regular(abs: &Path, shown_file: &str) -> Result<Vec<u8>, String> {
    // the type of what the path leads to (a link is followed), before opening it: opening a
    // FIFO waits for a writer, which would hang the build
    let meta = fs::metadata(abs).map_err(|e| format!("freeze!: cannot read `{shown_file}`: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "freeze!: `{shown_file}` is not a regular file but {}; only regular files (or symbolic links to them) can be frozen",
            special_kind(&meta.file_type())
        ));
    }
    freeze_compiler::read_source_file(abs).map_err(|e| format!("freeze!: cannot read `{shown_file}`: {e}"))
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
fn check_case_clashes(files: &[&Found], frozen: &[bool], shown: &str, prefix: &str) -> Result<(), String> {
    // Every entry on the path of a file, once: its folder (as an index into `nodes`, 0 = the
    // frozen folder) and its name as written (a `.py` file's without the suffix). Linear in the
    // total length of the paths, however deep they go.
    struct Node<'a> {
        parent: usize,
        name: &'a str,
        is_file: bool,
        frozen: bool,
    }
    let mut nodes = vec![Node { parent: 0, name: "", is_file: false, frozen: false }];
    let mut index: HashMap<(usize, &str, bool), usize> = HashMap::new();
    for (f, &frozen) in files.iter().zip(frozen) {
        let comps: Vec<&str> = f.shown.split('/').collect();
        let mut at = 0;
        for (i, comp) in comps.iter().enumerate() {
            let is_file = i + 1 == comps.len();
            let name = if is_file { comp.strip_suffix(".py").or_else(|| comp.strip_suffix(".mpy")).unwrap_or(comp) } else { comp };
            at = *index.entry((at, name, is_file)).or_insert_with(|| {
                nodes.push(Node { parent: at, name, is_file, frozen: false });
                nodes.len() - 1
            });
            nodes[at].frozen |= frozen;
        }
    }
    // per folder: lower-cased name -> name as written -> (the first entry of that name, any file
    // below it frozen); a file `pkg.py` and a folder `pkg/` are one name (and no clash)
    type Names<'a> = BTreeMap<&'a str, (usize, bool)>;
    let mut levels: HashMap<(usize, String), Names> = HashMap::new();
    for (i, n) in nodes.iter().enumerate().skip(1) {
        let e = levels.entry((n.parent, n.name.to_ascii_lowercase())).or_default().entry(n.name).or_insert((i, false));
        e.1 |= n.frozen;
    }
    // the path of entry `i`, as components (the frozen folder's first)
    let comps_of = |mut i: usize| {
        let mut comps = Vec::new();
        while i != 0 {
            comps.push(i);
            i = nodes[i].parent;
        }
        comps.reverse();
        comps
    };
    let dotted = |i: usize| {
        let parts: Vec<&str> = comps_of(i).iter().map(|&c| nodes[c].name).collect();
        module_name(prefix, &parts)
    };
    let entry_path = |i: usize| {
        let mut p: String = comps_of(i).iter().map(|&c| nodes[c].name).collect::<Vec<_>>().join("/");
        p.push_str(if nodes[i].is_file { ".py" } else { "/" });
        p
    };
    // of all clashes, the one whose lower-cased dotted name sorts first (as the error to report)
    let first = levels
        .values()
        .filter(|names| names.len() > 1 && names.values().any(|(_, frozen)| *frozen))
        .map(|names| {
            let mut it = names.values();
            let (a, b) = (it.next().unwrap().0, it.next().unwrap().0);
            (dotted(a).to_ascii_lowercase(), a, b)
        })
        .min();
    if let Some((_, a, b)) = first {
        return Err(format!(
            "freeze!: `{}` and `{}` give module names that differ only by case (`{}` and `{}`); \
             on case-insensitive file systems (macOS, Windows) these are one name, so the same folder would \
             freeze or import differently from machine to machine; rename one of them",
            join_shown(shown, &entry_path(a)),
            join_shown(shown, &entry_path(b)),
            dotted(a),
            dotted(b)
        ));
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

/// A file (or a link to one) the walk found, before the globs select it.
struct Found {
    /// `/`-separated path below the folder, for globs and module names; a name that is not
    /// UTF-8 has U+FFFD in place of its bad bytes.
    rel: String,
    /// The same for errors, with bytes that are not UTF-8 as `\xff`.
    shown: String,
    abs: PathBuf,
    /// The first name on the path that is not UTF-8 (shown form), and whether it is a folder's.
    /// With the path of that folder (shown form), which names it once for all its files.
    non_utf8: Option<(String, bool, String)>,
}

/// Whether the walk leaves an entry out: hidden entries and `__pycache__`.
fn skipped(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name == "__pycache__"
}

/// The files below `root` (whose real path is `canon_root`), found by `walkdir`, with the
/// project's checks on the way.
///
/// Names that are not UTF-8 are not rejected here: a name matters only if it becomes part
/// of a frozen module's name, which `discover` checks for the files it freezes. So a data
/// file with a Latin-1 name next to the Python code, a hidden entry, or a folder holding no
/// Python file, does not break the build whatever its name; nothing reads them.
fn walk(root: &Path, canon_root: &Path, shown: &str) -> Result<(Vec<Found>, Vec<PathBuf>), String> {
    // a path below `root` as the user would write it
    let shown_path = |p: &Path| -> String {
        let rel = p.strip_prefix(root).unwrap_or(p);
        if rel.as_os_str().is_empty() {
            return shown.to_string();
        }
        let parts: Vec<String> = rel.iter().map(show_name).collect();
        join_shown(shown, &parts.join("/"))
    };
    // a symbolic link must resolve, and to something inside the folder
    let check_link = |path: &Path| -> Result<PathBuf, String> {
        let target = fs::canonicalize(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("freeze!: `{}` is a broken symbolic link: {e}", shown_path(path)),
            _ => format!("freeze!: `{}` is a symbolic link that cannot be resolved: {e}", shown_path(path)),
        })?;
        if !target.starts_with(canon_root) {
            return Err(format!(
                "freeze!: `{}` is a symbolic link leading outside the frozen folder `{shown}`; \
                 only links that stay inside the folder are followed",
                shown_path(path)
            ));
        }
        Ok(target)
    };
    let is_link = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());

    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    // every folder walked so far (its real path) -> the path it was walked by; and the real
    // paths of the folders from the frozen one down to the entry at hand (index = depth). A
    // folder's real path is its parent's joined with its name, or for a link what the link
    // resolves to: no system call per folder, so the walk stays linear in the depth.
    // (keyed by the path's bytes: hashing a `Path` walks its components, slower)
    let mut visited: HashMap<std::ffi::OsString, PathBuf> = HashMap::new();
    let mut real_at_depth: Vec<PathBuf> = Vec::new();
    let mut it = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let Some(path) = err.path() else { return Err(format!("freeze!: walking `{shown}`: {err}")) };
                if path.file_name().is_some_and(skipped) {
                    continue; // a hidden link that does not resolve: never read, no matter
                }
                if let Some(anc) = err.loop_ancestor() {
                    // walkdir saw the link lead to a folder on the way down to it (only a link can)
                    return Err(format!(
                        "freeze!: `{}` is a symbolic link to `{}`, a folder that holds it: a symbolic-link loop, \
                         which would freeze the same files again under ever longer names; remove the link",
                        shown_path(path),
                        shown_path(anc)
                    ));
                }
                if is_link(path) {
                    check_link(path)?;
                }
                let io = err.io_error().map_or_else(|| err.to_string(), |e| e.to_string());
                return Err(format!("freeze!: cannot list `{}`: {io}", shown_path(path)));
            }
        };
        if entry.depth() == 0 {
            visited.insert(canon_root.as_os_str().to_owned(), root.to_path_buf());
            real_at_depth.push(canon_root.to_path_buf());
            continue;
        }
        let path = entry.path();
        let is_dir = entry.file_type().is_dir();
        if skipped(entry.file_name()) {
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        let link_target = if entry.path_is_symlink() { Some(check_link(path)?) } else { None };
        if is_dir {
            real_at_depth.truncate(entry.depth());
            let real = link_target.unwrap_or_else(|| real_at_depth[entry.depth() - 1].join(entry.file_name()));
            if let Some(first) = visited.get(real.as_os_str()) {
                // two ways into one folder (at least one a link): its files would be frozen
                // twice, under two module names; an alias like that is more likely a mistake
                // than a wish, and a package can re-export another in Python if it is one
                let real_rel = real.strip_prefix(canon_root).unwrap_or(&real);
                let parts: Vec<String> = real_rel.iter().map(show_name).collect();
                return Err(format!(
                    "freeze!: `{}` and `{}` are the same folder `{}` (reached through a symbolic link), \
                     so its files would be frozen twice, under two module names; remove the link",
                    shown_path(first),
                    shown_path(path),
                    join_shown(shown, &parts.join("/"))
                ));
            }
            visited.insert(real.as_os_str().to_owned(), path.to_path_buf());
            real_at_depth.push(real);
            folders.push(path.to_path_buf());
        } else {
            let rel_path = path.strip_prefix(root).unwrap_or(path);
            let n = rel_path.iter().count();
            let (mut rel, mut shown_rel, mut non_utf8) = (String::new(), String::new(), None);
            for (i, name) in rel_path.iter().enumerate() {
                if i > 0 {
                    rel.push('/');
                    shown_rel.push('/');
                }
                rel.push_str(&name.to_string_lossy());
                shown_rel.push_str(&show_name(name));
                if non_utf8.is_none() && name.to_str().is_none() {
                    non_utf8 = Some((show_name(name), i + 1 < n, shown_rel.clone()));
                }
            }
            files.push(Found { rel, shown: shown_rel, abs: path.to_path_buf(), non_utf8 });
        }
    }
    Ok((files, folders))
}

/// Python's keywords, checked on the normalised name (the soft keywords `match`, `case`, `type`
/// and `_` name modules fine: `import match` works in CPython and MicroPython alike).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
    "pass", "raise", "return", "try", "while", "with", "yield",
];

/// One part of a module name (a folder's name, a file's without `.py`, a part of `prefix`)
/// checked by Python's identifier rules: the name it is frozen under, or why it names no module
/// (a clause for an error: which character, where, and which rule).
///
/// The rules are the language reference's: `_` or an XID_Start character, then XID_Continue
/// characters, checked on the name as written (as CPython's tokenizer does, so a position in
/// the error is one the user sees) and on its NFKC form, which is what Python compares; and the
/// NFKC form is no keyword (`import class` is a syntax error in CPython and MicroPython alike).
///
/// When normalisation changes the name, MicroPython decides: it compares module names byte for
/// byte (checked with the native MicroPython 1.29, from a folder and from a VfsRom image), and
/// neither it nor this compiler (like mpy-cross) normalises the identifiers of the
/// source that imports, so a frozen module is found by exactly one spelling. (CPython instead
/// reads `import é` as NFKC whichever way the source spells it, then looks for that file.)
/// - A canonical difference only (NFC = NFKC, as for `é` spelled `e` + U+0301): frozen under
///   the NFC form. That is how editors write the `import` that names it, and the name CPython
///   looks up; the two spellings look the same, and macOS file systems may hand back either, so
///   frozen as written the same folder would give different module names on different machines.
///   Two files whose names differ only so claim one module, which `source` reports.
/// - A compatibility difference (NFKC ≠ NFC: `ﬁx` is read by Python as `fix`, fullwidth
///   letters as ASCII): refused. MicroPython's `import ﬁx` looks for `ﬁx`, CPython's for `fix`;
///   neither frozen name serves both, and the error names the one to rename it to.
pub fn module_name_part(s: &str) -> Result<String, String> {
    use unicode_normalization::UnicodeNormalization;
    // the first character that breaks the rules: its 1-based position, the character, and the rule
    fn first_bad(s: &str) -> Option<(usize, char, &'static str)> {
        s.chars().enumerate().find_map(|(i, c)| match i {
            0 if c != '_' && !unicode_ident::is_xid_start(c) => {
                Some((1, c, "not a letter or `_` (a Python identifier starts with `_` or a Unicode XID_Start character)"))
            }
            0 => None,
            _ if !unicode_ident::is_xid_continue(c) => Some((
                i + 1,
                c,
                "not a letter, digit or `_` (a Python identifier goes on with Unicode XID_Continue characters)",
            )),
            _ => None,
        })
    }
    let shown = |c: char| format!("`{}` (U+{:04X})", c.escape_debug(), c as u32);
    if s.is_empty() {
        return Err("an empty name is not a Python identifier".to_string());
    }
    if let Some((at, c, rule)) = first_bad(s) {
        return Err(format!("`{s}` is not a valid Python identifier: {} at character {at} is {rule}", shown(c)));
    }
    let nfkc: String = s.nfkc().collect();
    if let Some((at, c, rule)) = first_bad(&nfkc) {
        // XID_Start and XID_Continue are closed under NFKC: not expected, but the rule is on this form
        return Err(format!("`{s}` is not a valid Python identifier: in its NFKC form `{nfkc}`, {} at character {at} is {rule}", shown(c)));
    }
    if KEYWORDS.contains(&nfkc.as_str()) {
        let read = if nfkc == s { String::new() } else { format!(" (Unicode NFKC normalisation turns `{s}` into it)") };
        return Err(format!("`{nfkc}` is a Python keyword, not an identifier{read}: `import {nfkc}` is a syntax error"));
    }
    if nfkc != s.nfc().collect::<String>() {
        let changed = s.chars().enumerate().find(|(_, c)| c.to_string().nfkc().ne(c.to_string().nfc()));
        let which = changed.map_or(String::new(), |(i, c)| {
            format!(": {} at character {} becomes `{}`", shown(c), i + 1, c.to_string().nfkc().collect::<String>())
        });
        return Err(format!(
            "`{s}` is read by Python as `{nfkc}` (Unicode NFKC normalisation{which}) but by MicroPython as written, \
             so CPython's and MicroPython's `import {s}` look for different modules (name it `{nfkc}`)"
        ));
    }
    Ok(nfkc)
}
