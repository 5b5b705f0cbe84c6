//! Discovery of the modules below a folder, like MicroPython's manifest `package()`.

use std::collections::BTreeMap;
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
    let mut files = Vec::new();
    let mut visited = vec![canon_root.clone()];
    walk_dir(root, &canon_root, "", shown, &mut files, &mut visited)?;
    files.sort();

    let mut out = Vec::new();
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    for (rel, abs) in files {
        if !include.iter().any(|g| glob_match(g, &rel)) || exclude.iter().any(|g| glob_match(g, &rel)) {
            continue;
        }
        let shown_file = join_shown(shown, &rel);
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
        let name = prefix.split('.').filter(|p| !p.is_empty()).chain(parts.iter().copied()).collect::<Vec<_>>().join(".");
        if let Some(other) = claimed.get(&name) {
            return Err(format!(
                "freeze!: two files claim the module `{name}`: `{}` and `{shown_file}`; remove or exclude one of them",
                join_shown(shown, other)
            ));
        }
        claimed.insert(name.clone(), rel.clone());
        let bytes = fs::read(&abs).map_err(|e| format!("freeze!: cannot read `{shown_file}`: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let off = e.utf8_error().valid_up_to();
            let good = &e.as_bytes()[..off];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            format!("freeze!: `{shown_file}` is not UTF-8 text (invalid byte at line {line}, byte offset {off}); Python source must be UTF-8")
        })?;
        out.push(Source { abs, rel, name, package, text });
    }
    Ok(out)
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

fn walk_dir(
    dir: &Path,
    canon_root: &Path,
    rel: &str,
    shown: &str,
    files: &mut Vec<(String, PathBuf)>,
    visited: &mut Vec<PathBuf>,
) -> Result<(), String> {
    let rd = fs::read_dir(dir).map_err(|e| format!("freeze!: cannot list `{}`: {e}", join_shown(shown, rel)))?;
    let mut entries: Vec<(String, PathBuf)> = Vec::new();
    for e in rd {
        let e = e.map_err(|e| format!("freeze!: cannot list `{}`: {e}", join_shown(shown, rel)))?;
        let name = match e.file_name().into_string() {
            Ok(n) => n,
            Err(n) => {
                // a file name that is not UTF-8 cannot name a module; only complain about .py
                if n.to_string_lossy().ends_with(".py") {
                    return Err(format!(
                        "freeze!: `{}` has a file name that is not UTF-8 ({n:?})",
                        join_shown(shown, rel)
                    ));
                }
                continue;
            }
        };
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        entries.push((name, e.path()));
    }
    entries.sort();
    for (name, path) in entries {
        let child_rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        let lmeta = fs::symlink_metadata(&path).map_err(|e| format!("freeze!: cannot read `{}`: {e}", join_shown(shown, &child_rel)))?;
        let mut is_dir = lmeta.is_dir();
        if lmeta.file_type().is_symlink() {
            let target = fs::canonicalize(&path).map_err(|e| {
                format!("freeze!: `{}` is a broken symbolic link: {e}", join_shown(shown, &child_rel))
            })?;
            if !target.starts_with(canon_root) {
                return Err(format!(
                    "freeze!: `{}` is a symbolic link leading outside the frozen folder `{shown}`; \
                     only links that stay inside the folder are followed",
                    join_shown(shown, &child_rel),
                ));
            }
            is_dir = target.is_dir();
            if is_dir {
                if visited.contains(&target) {
                    continue; // a link back up: already walked
                }
                visited.push(target);
            }
        }
        if is_dir {
            walk_dir(&path, canon_root, &child_rel, shown, files, visited)?;
        } else if name.ends_with(".py") {
            files.push((child_rel, path));
        }
    }
    Ok(())
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
