//! `mpremote romfs build` in Rust: the image of a folder, byte for byte what mpremote 1.x
//! (`mpremote/romfs.py`, `make_romfs`) makes of the same folder.
//!
//! mpremote's rules, followed here:
//! - every entry of every directory is taken, hidden ones and `__pycache__` included, in sorted
//!   order of the names (Python's `sorted(os.listdir(..))`: code-point order, which is Rust's
//!   `str` order), directories and files interleaved, depth first; empty directories are kept;
//! - entries are looked at through symbolic links (`os.stat`): a link to a directory is entered,
//!   a link to a file stored as that file;
//! - with mpy compilation on (mpremote's default, `--mpy`), a file `x.py` is compiled unless a
//!   regular file `x.mpy` is next to it, and stored under the name `x.mpy` at the place where
//!   `x.py` sorts; the compiled module's source name is the path mpremote hands `mpy-cross`:
//!   the folder as given, a `/` added unless it ends with one, then the file's relative path
//!   (`./main.py` for `mpremote romfs build .`, `app/pkg/mod.py` for `app`), compiled with
//!   `mpy-cross`'s default options (no flags);
//! - other files are stored as they are, under their own names.
//!
//! Where mpremote fails with a traceback or would hang, this returns an error instead: a name
//! that is not ASCII (mpremote's writer encodes names as ASCII), a broken link, a special file
//! (FIFO, device), a cycle of directory links, a source that does not compile, a `x.py` next to
//! a directory `x.mpy`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::romfs::RomfsBuilder;
use crate::{CompileError, Options};

/// What to do with `.py` files.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Compile `.py` to `.mpy` (`--mpy`, mpremote's default); `false` stores sources as they are.
    pub mpy: bool,
    /// Compiler options for the `.py` files (mpremote runs `mpy-cross` without flags: the
    /// default options).
    pub compile: Options,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions { mpy: true, compile: Options::default() }
    }
}

/// One entry of the folder as it went into the image, in image order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltEntry {
    /// Number of directories above it (0 for the folder's own entries).
    pub depth: usize,
    /// The name on disk.
    pub name: String,
    /// The name in the image (`x.mpy` for a compiled `x.py`).
    pub stored_name: String,
    /// A directory (its entries follow, one level deeper).
    pub is_dir: bool,
    /// Whether this is the last entry of its directory (for drawing the tree).
    pub is_last: bool,
    /// A `.py` file compiled to `.mpy`.
    pub compiled: bool,
    /// Bytes stored (0 for a directory).
    pub len: usize,
}

/// The image of a folder and what went into it.
#[derive(Clone, Debug)]
pub struct FolderImage {
    pub image: Vec<u8>,
    /// The folder's entries in image order (depth first).
    pub entries: Vec<BuiltEntry>,
    /// The folder as mpremote names it in its output and in source names: the path given, with a
    /// `/` added unless it ends with one.
    pub source_dir: String,
}

impl FolderImage {
    /// The lines `mpremote romfs build` prints while it builds: the source directory, then the
    /// tree (`|-- name`, `\-- last`, `x.py -> .mpy` for a compiled file).
    pub fn listing(&self) -> String {
        let mut out = format!("Building romfs filesystem, source directory: {}\n/\n", self.source_dir);
        // whether each open directory was the last of its parent
        let mut open: Vec<bool> = Vec::new();
        for e in &self.entries {
            open.truncate(e.depth);
            for &last in &open {
                out.push_str(if last { "    " } else { "|   " });
            }
            out.push_str(if e.is_last { "\\-- " } else { "|-- " });
            out.push_str(&e.name);
            if e.is_dir {
                out.push('/');
                open.push(e.is_last);
            } else if e.compiled {
                out.push_str(" -> .mpy");
            }
            out.push('\n');
        }
        out
    }
}

/// Why a folder could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// Reading a directory or file failed.
    Io { path: PathBuf, error: std::io::Error },
    /// A name mpremote's writer cannot store (not ASCII).
    BadName { path: PathBuf },
    /// Neither a regular file nor a directory (a FIFO, a device, a socket).
    NotAFile { path: PathBuf },
    /// A directory link leads back to a directory being walked, or nesting is deeper than
    /// [`MAX_FOLDER_DEPTH`].
    TooDeep { path: PathBuf },
    /// A `.py` file would be stored as `.mpy` where a directory of that name is.
    NameClash { path: PathBuf },
    /// A `.py` file does not compile.
    Compile(Box<CompileFailure>),
}

/// A `.py` file that does not compile: enough to print the error as `mpy-cross` prints it.
#[derive(Debug)]
pub struct CompileFailure {
    pub path: PathBuf,
    /// The source name it was compiled under (`app/main.py`).
    pub source_name: String,
    pub source: Vec<u8>,
    pub error: CompileError,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Io { path, error } => write!(f, "{}: {}", path.display(), error),
            BuildError::BadName { path } => {
                write!(f, "{}: name is not ASCII (ROMFS names are ASCII, as mpremote writes them)", path.display())
            }
            BuildError::NotAFile { path } => write!(f, "{}: neither a regular file nor a directory", path.display()),
            BuildError::TooDeep { path } => write!(
                f,
                "{}: directory links form a cycle, or directories nest deeper than {}",
                path.display(),
                MAX_FOLDER_DEPTH
            ),
            BuildError::NameClash { path } => {
                write!(f, "{}: its .mpy name is taken by something that is not a file", path.display())
            }
            BuildError::Compile(c) => write!(f, "{}", c.error),
        }
    }
}

impl std::error::Error for BuildError {}

/// Deepest directory nesting walked.
pub const MAX_FOLDER_DEPTH: usize = 256;

/// The source directory string mpremote uses for `dir`: the path as given, `/` appended unless
/// it ends with one.
pub fn source_dir_name(dir: &Path) -> String {
    let mut s = dir.to_string_lossy().into_owned();
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

/// Builds the image of `dir` as `mpremote romfs build [--mpy|--no-mpy] dir` does (see the
/// module documentation for the rules).
pub fn build_folder(dir: &Path, options: &BuildOptions) -> Result<FolderImage, BuildError> {
    if options.mpy {
        // Options the compiler rejects fail once, here, not for the first source.
        if let Err(error) = crate::compile("", "", &options.compile) {
            let path = dir.to_path_buf();
            return Err(BuildError::Compile(Box::new(CompileFailure { path, source_name: String::new(), source: Vec::new(), error })));
        }
    }
    let source_dir = source_dir_name(dir);
    let prefix = source_dir.as_str();
    let run = move || {
        let mut walk = Walk { options, builder: RomfsBuilder::new(), entries: Vec::new(), ancestors: Vec::new() };
        walk.dir(dir, prefix, 0).map(|()| walk)
    };
    // Compiling needs the compiler's stack; one thread for the whole folder.
    let walk = crate::on_compiler_stack(run).unwrap_or_else(|| {
        Err(BuildError::Io { path: dir.to_path_buf(), error: std::io::Error::other("could not start the compiler thread") })
    })?;
    Ok(FolderImage { image: walk.builder.finalise(), entries: walk.entries, source_dir })
}

/// Maps an I/O error on `path` to a [`BuildError`].
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |error| BuildError::Io { path: path.to_path_buf(), error }
}

struct Walk<'o> {
    options: &'o BuildOptions,
    builder: RomfsBuilder,
    entries: Vec<BuiltEntry>,
    /// Canonical paths of the directories being walked (to stop at link cycles).
    ancestors: Vec<PathBuf>,
}

impl Walk<'_> {
    /// `path` on disk, `prefix` its name as mpremote spells it (ending with `/`).
    fn dir(&mut self, path: &Path, prefix: &str, depth: usize) -> Result<(), BuildError> {
        let canonical = std::fs::canonicalize(path).map_err(io(path))?;
        if depth > MAX_FOLDER_DEPTH || self.ancestors.contains(&canonical) {
            return Err(BuildError::TooDeep { path: path.to_path_buf() });
        }
        self.ancestors.push(canonical);
        let mut names = Vec::new();
        for entry in std::fs::read_dir(path).map_err(io(path))? {
            let entry = entry.map_err(io(path))?;
            let name = entry.file_name();
            match name.to_str() {
                Some(n) if n.is_ascii() => names.push(n.to_owned()),
                _ => return Err(BuildError::BadName { path: entry.path() }),
            }
        }
        names.sort();
        for (i, name) in names.iter().enumerate() {
            let is_last = i + 1 == names.len();
            let child = path.join(name);
            let meta = std::fs::metadata(&child).map_err(io(&child))?;
            if meta.is_dir() {
                self.entries.push(BuiltEntry {
                    depth,
                    name: name.clone(),
                    stored_name: name.clone(),
                    is_dir: true,
                    is_last,
                    compiled: false,
                    len: 0,
                });
                self.builder.opendir(name);
                self.dir(&child, &format!("{prefix}{name}/"), depth + 1)?;
                self.builder.closedir();
                continue;
            }
            if !meta.is_file() {
                return Err(BuildError::NotAFile { path: child });
            }
            let source = crate::read_source_file(&child).map_err(io(&child))?;
            let mpy_name = match name.strip_suffix(".py") {
                Some(stem) if self.options.mpy => {
                    let mpy = format!("{stem}.mpy");
                    match std::fs::metadata(path.join(&mpy)) {
                        Ok(m) if m.is_file() => None,
                        // (mpremote fails too: mpy-cross cannot write its output there)
                        Ok(_) => return Err(BuildError::NameClash { path: child }),
                        Err(_) => Some(mpy),
                    }
                }
                _ => None,
            };
            let (stored_name, data) = match mpy_name {
                Some(mpy) => {
                    let source_name = format!("{prefix}{name}");
                    let compiled = crate::compile_bytes(&source, &source_name, &self.options.compile);
                    match compiled {
                        Ok(bytes) => (mpy, bytes),
                        Err(error) => {
                            return Err(BuildError::Compile(Box::new(CompileFailure { path: child, source_name, source, error })))
                        }
                    }
                }
                None => (name.clone(), source),
            };
            self.entries.push(BuiltEntry {
                depth,
                name: name.clone(),
                compiled: stored_name != *name,
                stored_name: stored_name.clone(),
                is_dir: false,
                is_last,
                len: data.len(),
            });
            self.builder.mkfile(&stored_name, &data);
        }
        self.ancestors.pop();
        Ok(())
    }
}


/// The lines `mpy-freeze romfs query` prints for an image file: its size, its first bytes and
/// the size its header states (the lines `mpremote romfs query` prints for a device's
/// partition), then the tree of its directories and files with their sizes.
pub fn query_listing(name: &str, image: &[u8]) -> Result<String, crate::romfs::ImageError> {
    use crate::romfs::{read_image, ImageEntryKind};
    use std::fmt::Write as _;
    let mut out = format!("ROMFS image {} has size {} bytes\n", name, image.len());
    let head: Vec<String> = image.iter().take(12).map(|b| format!("{b:02x}")).collect();
    let _ = writeln!(out, "  Raw contents: {} ...", head.join(":"));
    let entries = read_image(image)?;
    // mpremote's decoding of the stated size: the varuint after the three header bytes
    let mut size = 0usize;
    for &b in image.iter().skip(3) {
        size = (size << 7) | usize::from(b & 0x7f);
        if b & 0x80 == 0 {
            break;
        }
    }
    let _ = writeln!(out, "  ROMFS image size: {size}");
    out.push_str("/\n");
    let (mut files, mut dirs, mut bytes) = (0usize, 0usize, 0usize);
    let mut open: Vec<bool> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let is_last = !entries[i + 1..].iter().take_while(|n| n.depth >= e.depth).any(|n| n.depth == e.depth);
        open.truncate(e.depth);
        for &last in &open {
            out.push_str(if last { "    " } else { "|   " });
        }
        out.push_str(if is_last { "\\-- " } else { "|-- " });
        let name = e.path.rsplit('/').next().unwrap_or(&e.path);
        match e.kind {
            ImageEntryKind::Dir => {
                dirs += 1;
                let _ = writeln!(out, "{name}/");
                open.push(is_last);
            }
            ImageEntryKind::File { offset, len } => {
                files += 1;
                bytes += len;
                let _ = writeln!(out, "{name} ({len} bytes at offset {offset})");
            }
        }
    }
    let _ = writeln!(out, "{files} files ({bytes} bytes), {dirs} directories");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    fn tmp(tag: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!("freeze-romfs-build-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }

    #[test]
    fn listing_and_query_of_a_small_folder() {
        let t = tmp("small");
        std::fs::create_dir_all(t.0.join("pkg/sub")).unwrap();
        std::fs::create_dir_all(t.0.join("empty")).unwrap();
        std::fs::write(t.0.join("main.py"), "import pkg\n").unwrap();
        std::fs::write(t.0.join("pkg/__init__.py"), "x = 1\n").unwrap();
        std::fs::write(t.0.join("pkg/data.txt"), "hi\n").unwrap();
        std::fs::write(t.0.join("pkg/sub/m.py"), "y = 2\n").unwrap();
        let built = build_folder(&t.0, &BuildOptions::default()).unwrap();
        let listing = built.listing();
        let tree: Vec<&str> = listing.lines().skip(1).collect();
        assert_eq!(
            tree,
            ["/", "|-- empty/", "|-- main.py -> .mpy", "\\-- pkg/", "    |-- __init__.py -> .mpy", "    |-- data.txt", "    \\-- sub/", "        \\-- m.py -> .mpy"]
        );
        let q = query_listing("x", &built.image).unwrap();
        assert!(q.contains("|-- main.mpy ("), "{q}");
        assert!(q.contains("        \\-- m.mpy ("), "{q}");
        assert!(q.contains("4 files ("), "{q}");
        // --no-mpy keeps the sources
        let plain = build_folder(&t.0, &BuildOptions { mpy: false, ..Default::default() }).unwrap();
        let q = query_listing("x", &plain.image).unwrap();
        assert!(q.contains("|-- main.py (11 bytes at offset"), "{q}");
    }

    #[test]
    fn errors_are_values() {
        let t = tmp("errors");
        std::fs::write(t.0.join("bad.py"), "def (:\n").unwrap();
        match build_folder(&t.0, &BuildOptions::default()) {
            Err(BuildError::Compile(c)) => {
                assert!(c.source_name.ends_with("/bad.py"));
                assert_eq!(c.error.kind, "SyntaxError");
            }
            other => panic!("{other:?}"),
        }
        assert!(build_folder(&t.0, &BuildOptions { mpy: false, ..Default::default() }).is_ok());
        assert!(matches!(build_folder(&t.0.join("missing"), &BuildOptions::default()), Err(BuildError::Io { .. })));
        #[cfg(unix)]
        {
            let l = tmp("loop");
            std::fs::create_dir_all(l.0.join("a")).unwrap();
            std::os::unix::fs::symlink(&l.0, l.0.join("a/up")).unwrap();
            assert!(matches!(build_folder(&l.0, &BuildOptions::default()), Err(BuildError::TooDeep { .. })));
        }
    }

    #[test]
    fn query_rejects_garbage_without_panicking() {
        assert!(query_listing("x", b"").is_err());
        assert!(query_listing("x", b"\xd2\xcd\x31").is_err());
        assert!(query_listing("x", b"\xd2\xcd\x31\x7f").is_err());
        assert!(query_listing("x", b"\xd2\xcd\x31\x00").is_ok());
        let image = crate::romfs::build_image(&[("a/b".to_string(), b"xyz".to_vec())]).unwrap();
        for cut in 0..image.len() {
            let _ = query_listing("x", &image[..cut]);
            let mut bad = image.clone();
            bad[cut] ^= 0xff;
            let _ = query_listing("x", &bad);
        }
    }
}
