//! The cache of compiled modules: a rebuild after editing one module compiles that module only.
//!
//! Inside a proc macro the compiler runs unoptimised unless the user's crate says otherwise
//! (cargo ignores a dependency's profiles): roughly a second of CPU per MB of source, so re-expanding
//! `freeze!` over a large folder would recompile every module for each edit. Each compiled
//! module is kept in one file of the cache folder, named by a hash of the file's path, the source
//! name and the options, and holding everything the bytes depend on in full: the compiler's
//! identity, the options, the source name and the source text, then the `.mpy` and a checksum of
//! it. An entry is used only if all of it equals what the build has at hand, byte for byte, and
//! the checksum holds; anything else (no entry, another version of the file, another compiler, a
//! truncated or damaged entry, an unreadable folder) is a miss, and the module is compiled. So
//! the output is the same bytes with or without a cache, and the cache holds one entry per module
//! and options: an edit, or a new compiler, replaces the module's entry instead of adding one, so
//! the folder does not grow with edits or upgrades.
//!
//! Where: `FREEZE_CACHE_DIR` if set (set and empty: no cache); else `freeze-cache/` beside
//! rustc's `--out-dir` (`target/debug/freeze-cache` for a dev build: `cargo clean` removes it);
//! else `$CARGO_TARGET_DIR/freeze-cache`; else no cache. Entries are written to a temporary file
//! and renamed into place, so builds running at the same time never read half an entry.

use std::fs;
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"freeze-macros module cache 1\n";

/// A cache folder and the identity of the compiler whose output it may hold.
pub struct Cache {
    dir: PathBuf,
    compiler: String,
}

/// What decides a module's `.mpy` bytes.
pub struct Key<'a> {
    /// The file on disk (entries of two files do not replace each other).
    pub path: &'a Path,
    /// The source name the compiler is given (it is in the `.mpy`).
    pub name: &'a str,
    /// Every compiler option (opt level, small-int bits, line tables, build constants, ...),
    /// serialised: `Options`' `Debug` form.
    pub options: &'a [u8],
    pub source: &'a [u8],
}

/// The [`Key::options`] of `options`: their `Debug` form, which names every field and value.
pub fn options_key(options: &freeze_compiler::Options) -> Vec<u8> {
    format!("{options:?}").into_bytes()
}

impl Cache {
    /// The cache for this build (see the module docs), `None` when there is none.
    pub fn locate() -> Option<Cache> {
        if let Some(dir) = std::env::var_os("FREEZE_CACHE_DIR") {
            return (!dir.is_empty()).then(|| Cache::at(PathBuf::from(dir)));
        }
        if let Some(out) = rustc_out_dir() {
            if let Some(parent) = out.parent() {
                return Some(Cache::at(parent.join("freeze-cache")));
            }
        }
        let target = std::env::var_os("CARGO_TARGET_DIR").filter(|t| !t.is_empty())?;
        Some(Cache::at(PathBuf::from(target).join("freeze-cache")))
    }

    /// A cache in `dir` (created when the first entry is written).
    pub fn at(dir: PathBuf) -> Cache {
        Cache { dir, compiler: compiler_id() }
    }

    /// A cache in `dir` for a compiler named `compiler`.
    #[cfg(test)]
    pub fn with_compiler(dir: PathBuf, compiler: &str) -> Cache {
        Cache { dir, compiler: compiler.to_string() }
    }

    fn entry_path(&self, key: &Key) -> PathBuf {
        let mut h = Fx(0x6672_6565_7a65);
        h.write(key.options);
        h.write(key.name.as_bytes());
        h.write(key.path.as_os_str().as_encoded_bytes());
        self.dir.join(format!("{:016x}.mpyc", h.0))
    }

    /// The `.mpy` compiled earlier from exactly this key, if the cache has it intact.
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let data = fs::read(self.entry_path(key)).ok()?;
        let mut r = Reader(&data);
        let same = r.take(MAGIC.len())? == MAGIC
            && r.field()? == self.compiler.as_bytes()
            && r.field()? == key.options
            && r.field()? == key.name.as_bytes()
            && r.field()? == key.source;
        if !same {
            return None;
        }
        let mpy = r.field()?;
        let sum = r.take(8)?;
        (r.0.is_empty() && sum == checksum(mpy).to_le_bytes()).then(|| mpy.to_vec())
    }

    /// Keeps `mpy` for `key`, replacing its module's previous entry. Failures (a read-only
    /// target folder, a full disk) only cost the next build a compile.
    pub fn put(&self, key: &Key, mpy: &[u8]) {
        let path = self.entry_path(key);
        let mut data = Vec::with_capacity(MAGIC.len() + key.source.len() + mpy.len() + 64);
        data.extend_from_slice(MAGIC);
        for field in [self.compiler.as_bytes(), key.options, key.name.as_bytes(), key.source, mpy] {
            data.extend_from_slice(&(field.len() as u64).to_le_bytes());
            data.extend_from_slice(field);
        }
        data.extend_from_slice(&checksum(mpy).to_le_bytes());
        let _ = fs::create_dir_all(&self.dir);
        let tmp = path.with_extension(format!("tmp{}-{:?}", std::process::id(), std::thread::current().id()));
        if fs::write(&tmp, &data).is_err() || fs::rename(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }

    #[cfg(test)]
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Length-prefixed fields of an entry.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }

    fn field(&mut self) -> Option<&'a [u8]> {
        let n = u64::from_le_bytes(self.take(8)?.try_into().ok()?);
        self.take(usize::try_from(n).ok()?)
    }
}

/// The compiler whose output the cache holds: freeze-compiler's sources or version (from the
/// build script) and, on Linux, the macro's own library file (path, size, modification time),
/// which changes whenever the macro or anything linked into it (the parser) is rebuilt.
fn compiler_id() -> String {
    let mut id = env!("FREEZE_COMPILER_ID").to_string();
    if let Some(lib) = own_library() {
        id.push(' ');
        id.push_str(&lib);
    }
    id
}

#[cfg(target_os = "linux")]
fn own_library() -> Option<String> {
    let here = own_library as fn() -> Option<String> as usize;
    let maps = fs::read_to_string("/proc/self/maps").ok()?;
    for line in maps.lines() {
        // start-end perms offset dev inode path
        let mut fields = line.splitn(6, ' ');
        let (start, end) = fields.next()?.split_once('-')?;
        let (start, end) = (usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?);
        if (start..end).contains(&here) {
            let path = fields.nth(4)?.trim_start();
            let meta = fs::metadata(path).ok()?;
            let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
            return Some(format!("{path} {} {}", meta.len(), mtime.as_nanos()));
        }
    }
    None
}

#[cfg(not(target_os = "linux"))]
fn own_library() -> Option<String> {
    None
}

/// rustc's `--out-dir` (the proc macro runs inside rustc, whose arguments these are; cargo
/// passes `target/<profile>/deps`), also when the arguments come in an `@file`.
fn rustc_out_dir() -> Option<PathBuf> {
    let mut args: Vec<String> = Vec::new();
    for a in std::env::args_os().skip(1) {
        let a = a.into_string().ok()?;
        match a.strip_prefix('@') {
            Some(file) => args.extend(fs::read_to_string(file).ok()?.lines().map(str::to_owned)),
            None => args.push(a),
        }
    }
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--out-dir" {
            return it.next().map(PathBuf::from);
        }
        if let Some(dir) = a.strip_prefix("--out-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = Fx(0x6d70_7963);
    h.write(bytes);
    h.0
}

/// The multiply-rotate hash, a word at a time. Any change to one word of the input changes the
/// result (each step is a bijection of the state), which is what a checksum of an entry needs;
/// the length is mixed in last.
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
        self.add(bytes.len() as u64);
    }
}
