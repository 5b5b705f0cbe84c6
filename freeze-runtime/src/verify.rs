//! Checking a frozen image before MicroPython sees it.
//!
//! MicroPython's own ROMFS reader (`extmod/vfs_rom.c`, `vfs.VfsRom`) trusts the image: a record
//! length that runs past its container is followed, and one whose pointer arithmetic wraps
//! around (a 5-byte length on a 32-bit port, 10 bytes on a 64-bit one) sends the listing and
//! every import back to the same record forever (MicroPython issue #8381 asks for limits). On a
//! firmware that is a boot that never finishes after a bad over-the-air write, and a flipped bit
//! in bytecode runs as whatever it became. [`FrozenModules::verify`] checks everything MicroPython and the import hooks will read,
//! with this crate's bounded reader, so that a damaged image is refused with an error instead:
//!
//! 1. the ROMFS structure: every record of every directory inside its container, no kind-0
//!    record, every file with a data record whose bytes (or pointer) lie inside the filesystem,
//!    names neither empty nor holding `/` or NUL (paths could not name them, and a walk by paths
//!    would list the root again and again), directories nested at most [`MAX_DEPTH`] deep;
//! 2. the descriptors: names strictly increasing, each module's code a slice of the image that
//!    *is* the image's file at the module's path (`pkg/mod.mpy`, or `pkg/mod.py` for a module
//!    frozen as source; same bytes, same place), name and kind matching the path, a `.mpy`
//!    header that parses; data files' paths strictly increasing, each file's bytes the image's
//!    file at its path;
//! 3. the content hash `freeze!` recorded ([`image_hash`]), over every byte of the image;
//! 4. first of all, when `freeze!` recorded them (it does), the descriptors themselves: every
//!    name and path inside the recorded name store before a byte of it is read, and the hash of
//!    the descriptors (offsets, lengths, kinds, formats) and of the names
//!    ([`descriptor_hash`]), so a damaged descriptor table is refused like a damaged image.
//!
//! One walk of the image matches each module file to its descriptor by binary search on the
//! name, so the work is linear in the image size (times log of the module count per file);
//! nothing is allocated (about 1.3 KB of stack on 32-bit targets); flash is read with aligned
//! word loads only. On the LX106 (ESP8266), counted under QEMU: 414,788 instructions for a
//! 98,826-byte image of 32 modules, 247,121 of them for the hash.
//!
//! # The hash
//!
//! [`image_hash`] is a 32-bit hash over little-endian words: per word `h = (h ^ w) * K` followed
//! by `h ^= h >> 15` (K = 0x9e3779b1, odd). It is chosen for the LX106: one aligned `l32i` per
//! four bytes (the only load flash allows, so no byte extraction at all), one `mull` and three
//! ALU instructions per word, no table (a CRC32 needs a 1 KiB table read through the flash cache
//! and four look-ups per word, or bitwise loops at 8 steps a byte). Each step is a bijection of
//! the state for a fixed word and of the word for a fixed state, so a change confined to one word
//! (every single-bit and single-byte error, every burst within an aligned word) is always
//! detected. The length is hashed too. Other damage goes undetected with a probability near
//! 2^-32. It is a check against accidents, not against an attacker:
//! signed updates need a signature.

use crate::mpy::{MpyError, MpyHeader};
use crate::romfs::{kind, RomfsError};
use crate::{Format, FrozenModules, ModuleKind, RomBytes, Romfs};

/// Deepest directory nesting [`FrozenModules::verify`] accepts. MicroPython's paths are at most
/// `MICROPY_ALLOC_PATH_MAX` bytes (128 on the ESP8266 port) and every level takes two (`a/`), so
/// a deeper module could not be imported anyway.
pub const MAX_DEPTH: usize = 64;

/// Longest module path [`FrozenModules::verify`] looks up (bytes, with `.mpy`).
pub const MAX_PATH: usize = 256;

/// The hash algorithm numbers a [`FrozenModules`] value may record.
pub mod algorithm {
    /// No hash recorded: structure and descriptors are checked, content is not.
    pub const NONE: usize = 0;
    /// [`image_hash`](super::image_hash).
    pub const WORD_HASH: usize = 1;
}

const K: u32 = 0x9e37_79b1;

/// One step of the word hash: a bijection of the state for a fixed word and of the word for a
/// fixed state.
const fn step(h: u32, w: u32) -> u32 {
    let h = (h ^ w).wrapping_mul(K);
    h ^ (h >> 15)
}

/// A final mix so that the printed value spreads over all bits (a bijection: detects nothing
/// more, nothing less).
const fn finish(h: u32) -> u32 {
    let h = (h ^ (h >> 16)).wrapping_mul(0x85eb_ca6b);
    h ^ (h >> 13)
}

/// The content hash `freeze!` records for an image (see the module documentation): a 32-bit
/// word-wise hash of the length and the bytes.
pub fn image_hash(bytes: RomBytes<'_>) -> u32 {
    finish(bytes.fold_le_words(0x811c_9dc5u32 ^ (bytes.len() as u32), step))
}

/// The hash of the descriptors `freeze!` records (see [`FrozenModules::descriptor_words`]): the
/// same word hash over the descriptor words, then the name store's bytes. With it, a flipped bit
/// in a descriptor (an offset, a length, a kind) or in a name is found like one in the image.
pub fn descriptor_hash(words: impl IntoIterator<Item = u32>, names: RomBytes<'_>) -> u32 {
    let h = words.into_iter().fold(0x6465_7363u32, step);
    finish(names.fold_le_words(h ^ (names.len() as u32), step))
}

/// [`image_hash`] over ordinary memory.
pub fn image_hash_slice(bytes: &[u8]) -> u32 {
    image_hash(RomBytes::from_ram(bytes))
}

/// Why a frozen image is refused. `module` numbers are positions in name order
/// ([`FrozenModules::get`]); names are not read back, since a damaged descriptor is what the
/// error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerifyError {
    /// The image is not a ROMFS image, or a record of it is damaged.
    Romfs(RomfsError),
    /// Directories nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A directory or file name that is empty or holds `/` or a NUL byte: MicroPython's paths
    /// cannot name it (a NUL ends the C string, so `"\0x"` names the root again), and a walk
    /// of the tree by paths (`ilistdir` then `ilistdir` of each directory) never ends.
    BadName,
    /// The descriptors' names are not strictly increasing (look-ups would miss modules).
    NotSorted,
    /// A descriptor's `.mpy` is not inside the image.
    OutsideImage {
        /// Position of the module in name order.
        module: usize,
    },
    /// A descriptor's path is not a `.py` path of at most [`MAX_PATH`] bytes.
    BadPath {
        /// Position of the module in name order.
        module: usize,
    },
    /// The image has no file at the module's path (`pkg/mod.py` is stored as `pkg/mod.mpy`).
    NotInImage {
        /// Position of the module in name order.
        module: usize,
        /// What the look-up found.
        error: RomfsError,
    },
    /// The image's file at the module's path is not the descriptor's `.mpy`.
    Mismatch {
        /// Position of the module in name order.
        module: usize,
    },
    /// The dotted name or the kind does not follow from the path.
    Name {
        /// Position of the module in name order.
        module: usize,
    },
    /// The module's `.mpy` header does not parse.
    Mpy {
        /// Position of the module in name order.
        module: usize,
        /// What is wrong with it.
        error: MpyError,
    },
    /// A descriptor's name or path is not inside the name store `freeze!` recorded.
    NameOutside,
    /// The descriptors or names are not the ones `freeze!` recorded ([`descriptor_hash`]).
    DescriptorHash {
        /// What the build recorded.
        recorded: u32,
        /// What the descriptors in memory hash to.
        computed: u32,
    },
    /// Data file `file` (position in path order) is not the image's file at its path, or the
    /// data files' paths are not strictly increasing.
    File {
        /// Position of the file in path order.
        file: usize,
    },
    /// The image's content hash is not the one `freeze!` recorded.
    Hash {
        /// What the build recorded.
        recorded: u32,
        /// What the image in memory hashes to.
        computed: u32,
    },
}

impl core::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("frozen image refused: ")?;
        match self {
            VerifyError::Romfs(e) => write!(f, "{e}"),
            VerifyError::TooDeep => write!(f, "directories nested deeper than {MAX_DEPTH}"),
            VerifyError::BadName => f.write_str("a name in the image is empty or holds '/' or NUL"),
            VerifyError::NotSorted => f.write_str("module names not in order"),
            VerifyError::OutsideImage { module } => write!(f, "module {module}: code outside the image"),
            VerifyError::BadPath { module } => write!(f, "module {module}: path is not a .py path"),
            VerifyError::NotInImage { module, error } => write!(f, "module {module}: not in the image ({error})"),
            VerifyError::Mismatch { module } => write!(f, "module {module}: code is not the image's file"),
            VerifyError::Name { module } => write!(f, "module {module}: name or kind does not match its path"),
            VerifyError::Mpy { module, error } => write!(f, "module {module}: {error}"),
            VerifyError::NameOutside => f.write_str("a name or path lies outside the recorded name store"),
            VerifyError::DescriptorHash { recorded, computed } => {
                write!(f, "descriptor hash {computed:08x}, the build recorded {recorded:08x}")
            }
            VerifyError::File { file } => write!(f, "data file {file}: not the image's file at its path, or out of order"),
            VerifyError::Hash { recorded, computed } => {
                write!(f, "content hash {computed:08x}, the build recorded {recorded:08x}")
            }
        }
    }
}

impl core::error::Error for VerifyError {}

impl From<RomfsError> for VerifyError {
    fn from(e: RomfsError) -> Self {
        VerifyError::Romfs(e)
    }
}

impl FrozenModules {
    /// Checks the image and the descriptors as described in [`crate::verify`]: the ROMFS
    /// structure, every descriptor against the image, and the content hash if one was recorded
    /// ([`recorded_hash`](Self::recorded_hash); `freeze!` always records one). `Ok` means
    /// MicroPython can be given the image: nothing it reads runs out of bounds or loops.
    pub fn verify(&self) -> Result<(), VerifyError> {
        let image = self.image();
        let fs = Romfs::new(image)?;
        // the descriptors and names first, when their hash was recorded: what the rest reads
        // is then what the build wrote
        if let Some((recorded, names)) = self.recorded_descriptor_hash() {
            let words = self.descriptor_words().ok_or(VerifyError::NameOutside)?;
            let computed = descriptor_hash(words, names);
            if computed != recorded {
                return Err(VerifyError::DescriptorHash { recorded, computed });
            }
        }
        self.check_descriptors()?;
        // the walk meets each module's file once: a binary search by name, not a look-up by path
        // per module (which costs modules x directory entries)
        let matched = check_structure(&fs, self.modules())?;
        if matched != self.len() {
            // some module is not where its path says (or a damaged image holds one twice): the
            // look-up MicroPython would do, module by module, names the first that fails
            self.locate_each(&fs)?;
        }
        self.check_files(&fs)?;
        if let Some(recorded) = self.recorded_hash() {
            let computed = image_hash(image);
            if computed != recorded {
                return Err(VerifyError::Hash { recorded, computed });
            }
        }
        Ok(())
    }

    /// Each descriptor on its own: names in order, the `.mpy` inside the image, a `.py` path
    /// that the name and kind follow from, a header that parses.
    fn check_descriptors(&self) -> Result<(), VerifyError> {
        if !self.is_sorted() {
            return Err(VerifyError::NotSorted);
        }
        let image = self.image();
        let mut buf = [0u8; MAX_PATH];
        for (module, m) in self.iter().enumerate() {
            // the descriptor's view must lie in the image before a byte of it is read
            let code = m.code();
            if !inside(code, image) {
                return Err(VerifyError::OutsideImage { module });
            }
            let stem = stored_path(m.path().bytes(), m.stored_extension(), &mut buf).ok_or(VerifyError::BadPath { module })?;
            if !name_matches(m.name().bytes(), m.kind(), &buf[..stem]) {
                return Err(VerifyError::Name { module });
            }
            if m.format() == Format::Bytecode {
                MpyHeader::parse(code).map_err(|error| VerifyError::Mpy { module, error })?;
            }
        }
        Ok(())
    }

    /// Each data file: paths strictly increasing (what [`file`](Self::file) needs), the bytes
    /// inside the image and the image's very file at the path. Data files are few: each is looked
    /// up by its path.
    fn check_files(&self, fs: &Romfs<'static>) -> Result<(), VerifyError> {
        let image = self.image();
        let files = self.files();
        let mut buf = [0u8; MAX_PATH];
        for (i, f) in files.iter().enumerate() {
            let bad = VerifyError::File { file: i };
            let (path, data) = (f.path().bytes(), f.data());
            if i > 0 && files[i - 1].path().bytes().cmp_rom(path).is_ge() {
                return Err(bad);
            }
            if !inside(data, image) {
                return Err(bad);
            }
            let n = path_copy(path, &mut buf).ok_or(bad)?;
            match fs.lookup_bytes(&buf[..n]) {
                Ok(e) if e.is_file() && e.data().as_ptr() == data.as_ptr() && e.data().len() == data.len() => {}
                _ => return Err(bad),
            }
        }
        Ok(())
    }

    /// The slow path: each module looked up by its path, as MicroPython would, its file the
    /// descriptor's very bytes.
    fn locate_each(&self, fs: &Romfs<'static>) -> Result<(), VerifyError> {
        let mut buf = [0u8; MAX_PATH];
        for (module, m) in self.iter().enumerate() {
            let ext = m.stored_extension();
            let stem = stored_path(m.path().bytes(), ext, &mut buf).ok_or(VerifyError::BadPath { module })?;
            let file = match fs.lookup_bytes(&buf[..stem + ext.len()]) {
                Ok(e) if e.is_file() => Ok(e.data()),
                Ok(_) => Err(RomfsError::NotAFile),
                Err(error) => Err(error),
            }
            .map_err(|error| VerifyError::NotInImage { module, error })?;
            let code = m.code();
            if file.as_ptr() != code.as_ptr() || file.len() != code.len() {
                return Err(VerifyError::Mismatch { module });
            }
        }
        Ok(())
    }
}

/// Copies `path` (`pkg/mod.py`) into `buf` as the image stores it, with the extension `ext`
/// (`pkg/mod.mpy`, or `pkg/mod.py` for source); returns the length of the stem (`pkg/mod`), or
/// `None` if `path` is no `.py` path that fits.
fn stored_path(path: RomBytes<'_>, ext: &[u8], buf: &mut [u8; MAX_PATH]) -> Option<usize> {
    let stem = path.len().checked_sub(3)?;
    if stem + ext.len() > MAX_PATH || !path.get_from(stem)?.eq_bytes(b".py") {
        return None;
    }
    path.slice(0, stem).copy_to(buf);
    buf[stem..stem + ext.len()].copy_from_slice(ext);
    Some(stem)
}

impl FrozenModules {
    /// The words [`descriptor_hash`] covers, as offsets into the recorded name store and the
    /// image (so they do not depend on where the linker put either): per module its name and
    /// path (offset, length), kind, format and code (offset, length); per data file its path and
    /// data; then the version. `None` when no name store is recorded or a name lies outside it
    /// (checked before any of them is read).
    pub fn descriptor_words(&self) -> Option<impl Iterator<Item = u32> + '_> {
        let (_, names) = self.recorded_descriptor_hash()?;
        let image = self.image();
        let span = span_in;
        // every view checked before the words are made (a damaged length could reach anywhere)
        for m in self.iter() {
            span(m.name().bytes(), names)?;
            span(m.path().bytes(), names)?;
        }
        for f in self.files() {
            span(f.path().bytes(), names)?;
        }
        if let Some(v) = self.version() {
            span(v.bytes(), names)?;
        }
        let modules = self.iter().flat_map(move |m| {
            let [no, nl] = span(m.name().bytes(), names).unwrap_or_default();
            let [po, pl] = span(m.path().bytes(), names).unwrap_or_default();
            // the code's place is checked against the image by check_descriptors; an offset
            // outside gives the wrapped difference, which the hash then refuses
            let code = m.code();
            let co = code.as_ptr().addr().wrapping_sub(image.as_ptr().addr()) as u32;
            [no, nl, po, pl, m.kind() as u32, m.format() as u32, co, code.len() as u32]
        });
        let files = self.files().iter().flat_map(move |f| {
            let [po, pl] = span(f.path().bytes(), names).unwrap_or_default();
            let d = f.data();
            [po, pl, d.as_ptr().addr().wrapping_sub(image.as_ptr().addr()) as u32, d.len() as u32]
        });
        let version = self.version().map_or([0, 0], |v| span(v.bytes(), names).unwrap_or_default());
        let counts = [self.len() as u32, self.files().len() as u32];
        Some(counts.into_iter().chain(modules).chain(files).chain(version))
    }
}

/// `inner`'s offset and length in `outer`, if it lies inside.
fn span_in(inner: RomBytes<'_>, outer: RomBytes<'_>) -> Option<[u32; 2]> {
    inside(inner, outer).then(|| [(inner.as_ptr().addr() - outer.as_ptr().addr()) as u32, inner.len() as u32])
}

/// Copies `path` into `buf`; its length, or `None` if it does not fit.
fn path_copy(path: RomBytes<'_>, buf: &mut [u8; MAX_PATH]) -> Option<usize> {
    (path.len() <= MAX_PATH).then(|| path.copy_to(buf))
}

/// Whether the view `part` lies inside `image` and is read the same way: checked before a byte
/// of `part` is read.
fn inside(part: RomBytes<'_>, image: RomBytes<'_>) -> bool {
    let (lo, hi, at) = (image.as_ptr().addr(), image.as_ptr().addr() + image.len(), part.as_ptr().addr());
    at >= lo && at <= hi && part.len() <= hi - at && part.is_word_read() == image.is_word_read()
}

/// `bytes` against `parts` joined by `sep` and followed by `tail`, in byte order (as
/// `[u8]::cmp`), reading each view once from its start.
fn cmp_joined(bytes: RomBytes<'_>, parts: &[RomBytes<'_>], sep: u8, tail: &[u8]) -> core::cmp::Ordering {
    use core::cmp::Ordering;
    let mut it = bytes.iter();
    let mut step = |want: u8| match it.next() {
        None => Some(Ordering::Less),
        Some(c) if c != want => Some(c.cmp(&want)),
        Some(_) => None,
    };
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            if let Some(o) = step(sep) {
                return o;
            }
        }
        for b in p.iter() {
            if let Some(o) = step(b) {
                return o;
            }
        }
    }
    for b in tail {
        if let Some(o) = step(*b) {
            return o;
        }
    }
    if it.next().is_some() {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// The file `name` (a file record's name) in the directories `dirs` (root first), against the
/// descriptors: if it is a module's `.mpy` (`x.mpy`: module `dirs.x`; `__init__.mpy`: package
/// `dirs`), the descriptor of that name (binary search) must have this very `data` and the path
/// `dirs/x.py`. Returns whether a descriptor was matched.
fn match_file<'a>(
    modules: &'static [crate::FrozenModule],
    dirs: &mut [RomBytes<'a>; MAX_DEPTH + 1],
    depth: usize,
    name: RomBytes<'a>,
    data: RomBytes<'_>,
) -> Result<bool, VerifyError> {
    let ends_with = |ext: &[u8]| name.len().checked_sub(ext.len()).filter(|n| name.get_from(*n).is_some_and(|t| t.eq_bytes(ext)));
    let (stem_len, format) = match (ends_with(b".mpy"), ends_with(b".py")) {
        (Some(n), _) => (n, Format::Bytecode),
        (None, Some(n)) => (n, Format::Source),
        (None, None) => return Ok(false),
    };
    let stem = name.slice(0, stem_len);
    let package = stem.eq_bytes(b"__init__");
    // the dotted name's parts: the directories, and the stem unless this is a package
    dirs[depth] = stem;
    let parts = if package { &dirs[..depth] } else { &dirs[..=depth] };
    if parts.is_empty() {
        return Ok(false);
    }
    let found = modules.binary_search_by(|m| cmp_joined(m.name().bytes(), parts, b'.', b""));
    let Ok(module) = found else { return Ok(false) };
    let m = &modules[module];
    if m.format() != format {
        // `x.py` beside the bytecode module `x` is some other file (a data file, say)
        return Ok(false);
    }
    let code = m.code();
    if code.as_ptr() != data.as_ptr() || code.len() != data.len() {
        return Err(VerifyError::Mismatch { module });
    }
    let path_ok = cmp_joined(m.path().bytes(), &dirs[..=depth], b'/', b".py").is_eq();
    let kind_ok = (m.kind() == ModuleKind::Package) == package;
    if !path_ok || !kind_ok {
        return Err(VerifyError::Name { module });
    }
    Ok(true)
}

/// Whether `name` is the dotted name of the module whose path without `.py` is `stem`:
/// `pkg/mod` -> `pkg.mod`, a package's `pkg/__init__` -> `pkg`.
fn name_matches(name: RomBytes<'_>, kind: ModuleKind, stem: &[u8]) -> bool {
    let stem = match kind {
        ModuleKind::Module => {
            if stem == b"__init__" || stem.ends_with(b"/__init__") {
                return false;
            }
            stem
        }
        ModuleKind::Package => match stem.strip_suffix(b"__init__") {
            Some(s) if s.is_empty() => s,
            Some(s) => match s.strip_suffix(b"/") {
                Some(s) => s,
                None => return false,
            },
            None => return false,
        },
    };
    name.len() == stem.len() && name.iter().zip(stem).all(|(n, s)| n == if *s == b'/' { b'.' } else { *s })
}

/// Walks every record of the filesystem, depth first, without recursion or allocation: what
/// MicroPython's listing and look-ups could meet is inside its container and well formed. Each
/// file that is a module's `.mpy` is matched against its descriptor ([`match_file`]); returns
/// how many were.
fn check_structure(fs: &Romfs<'_>, modules: &'static [crate::FrozenModule]) -> Result<usize, VerifyError> {
    let root = fs.lookup("")?.data();
    // ends and names of the directories being walked, innermost last (one more name slot for
    // the file being matched)
    let mut ends = [0usize; MAX_DEPTH];
    let mut dirs = [RomBytes::empty(); MAX_DEPTH + 1];
    let mut depth = 0;
    let mut end = root.len();
    let mut pos = 0;
    let mut matched = 0;
    loop {
        while pos == end {
            if depth == 0 {
                return Ok(matched);
            }
            depth -= 1;
            end = ends[depth];
        }
        let container = root.get_range(0, end).ok_or(RomfsError::Truncated)?;
        let (k, start, rec_end) = crate::romfs::record(container, pos)?;
        match k {
            kind::UNUSED => return Err(RomfsError::UnusedRecord.into()),
            kind::DIRECTORY | kind::FILE => {
                let (name_start, name_end) = crate::romfs::name_range(container, start, rec_end)?;
                let name = container.get_range(name_start, name_end - name_start).ok_or(RomfsError::Truncated)?;
                if name.is_empty() || name.iter().any(|c| c == b'/' || c == 0) {
                    return Err(VerifyError::BadName);
                }
                if k == kind::FILE {
                    let rest = container.get_range(name_end, rec_end - name_end).ok_or(RomfsError::Truncated)?;
                    let data = fs.file_data(rest)?;
                    if match_file(modules, &mut dirs, depth, name, data)? {
                        matched += 1;
                    }
                    pos = rec_end;
                } else {
                    if depth == MAX_DEPTH {
                        return Err(VerifyError::TooDeep);
                    }
                    ends[depth] = end;
                    dirs[depth] = name;
                    depth += 1;
                    end = rec_end;
                    pos = name_end;
                }
            }
            _ => pos = rec_end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Aligned;
    use std::vec::Vec;

    /// Values from an independent implementation (a few lines of Python); freeze-macros computes
    /// the same function at build time.
    #[test]
    fn hash_vectors() {
        let all: Vec<u8> = (0..=255).collect();
        for (bytes, want) in [
            (&b""[..], 0x5db4_a501),
            (b"a", 0x7992_c5fa),
            (b"abcd", 0xf68e_67f3),
            (b"abcde", 0x4bd4_cb60),
            (&all, 0xc8de_6397),
        ] {
            assert_eq!(image_hash_slice(bytes), want, "{bytes:?}");
        }
        // the same through aligned word loads, and from an odd start
        static STORE: Aligned<8> = Aligned::padded(b"xabcde");
        assert_eq!(image_hash(STORE.bytes().slice(1, 5)), 0x4bd4_cb60);
        assert_eq!(image_hash(STORE.bytes().slice(1, 4)), 0xf68e_67f3);
    }

    #[test]
    fn every_single_byte_change_is_detected() {
        let base: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(37)).collect();
        let h = image_hash_slice(&base);
        let mut b = base.clone();
        for i in 0..b.len() {
            for v in 0..=255u8 {
                if v == base[i] {
                    continue;
                }
                b[i] = v;
                assert_ne!(image_hash_slice(&b), h, "byte {i} = {v}");
            }
            b[i] = base[i];
        }
        // trailing zeros and truncation change the length, hence the hash
        let mut longer = base.clone();
        longer.push(0);
        assert_ne!(image_hash_slice(&longer), h);
        assert_ne!(image_hash_slice(&base[..63]), h);
    }

    #[test]
    fn names_follow_paths() {
        let ok = |n: &str, k, stem: &str| name_matches(RomBytes::from_ram(n.as_bytes()), k, stem.as_bytes());
        assert!(ok("main", ModuleKind::Module, "main"));
        assert!(ok("pkg.mod", ModuleKind::Module, "pkg/mod"));
        assert!(ok("pkg", ModuleKind::Package, "pkg/__init__"));
        assert!(ok("a.b", ModuleKind::Package, "a/b/__init__"));
        assert!(!ok("pkg", ModuleKind::Module, "pkg/__init__"));
        assert!(!ok("pkg.__init__", ModuleKind::Module, "pkg/__init__"));
        assert!(!ok("pkg.mod", ModuleKind::Package, "pkg/mod"));
        assert!(!ok("pkg.mod", ModuleKind::Module, "pkg/mo"));
        assert!(!ok("pkg/mod", ModuleKind::Module, "pkg/mod"));
        assert!(!ok("pkgxmod", ModuleKind::Module, "pkg/mod"));
        assert!(!ok("p", ModuleKind::Package, "p__init__"));
    }

    fn varuint(v: usize) -> Vec<u8> {
        let mut out = std::vec![(v & 0x7f) as u8];
        let mut v = v >> 7;
        while v != 0 {
            out.insert(0, 0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        out
    }

    fn rec(kind: usize, payload: &[u8]) -> Vec<u8> {
        [varuint(kind), varuint(payload.len()), payload.to_vec()].concat()
    }

    fn leak(v: Vec<u8>) -> &'static [u8] {
        Vec::leak(v)
    }

    #[test]
    fn nesting_limit() {
        // `depth` nested directories named "d", a file "m.mpy" in the innermost
        let nested = |depth: usize| {
            let mut inner = rec(kind::FILE, &[&[5u8][..], b"m.mpy", &rec(kind::DATA_VERBATIM, b"M\x06\x00\x1f")].concat());
            for _ in 0..depth {
                inner = rec(kind::DIRECTORY, &[&[1u8, b'd'][..], &inner].concat());
            }
            leak(rec(kind::FILESYSTEM, &inner))
        };
        for depth in [0, 1, MAX_DEPTH] {
            let app = FrozenModules::new(&[], RomBytes::from_ram(nested(depth)));
            assert_eq!(app.verify(), Ok(()), "{depth}");
        }
        let app = FrozenModules::new(&[], RomBytes::from_ram(nested(MAX_DEPTH + 1)));
        assert_eq!(app.verify(), Err(VerifyError::TooDeep));
    }

    #[test]
    fn records_after_a_directory_are_checked() {
        // a good directory, then a damaged record at the root: the walk comes back up to it
        let dir = rec(kind::DIRECTORY, &[&[1u8, b'd'][..], &rec(kind::PADDING, b"")].concat());
        let img = leak(rec(kind::FILESYSTEM, &[dir.clone(), rec(kind::UNUSED, b"")].concat()));
        let app = FrozenModules::new(&[], RomBytes::from_ram(img));
        assert_eq!(app.verify(), Err(VerifyError::Romfs(RomfsError::UnusedRecord)));
        // a file without data inside a directory
        let dir = rec(kind::DIRECTORY, &[&[1u8, b'd'][..], &rec(kind::FILE, b"\x01f")].concat());
        let img = leak(rec(kind::FILESYSTEM, &dir));
        assert_eq!(FrozenModules::new(&[], RomBytes::from_ram(img)).verify(), Err(VerifyError::Romfs(RomfsError::NoData)));
    }

    #[test]
    fn names_paths_cannot_reach_are_refused() {
        let file = |name: &[u8]| {
            let payload = [varuint(name.len()), name.to_vec(), rec(kind::DATA_VERBATIM, b"M\x06\x00\x1f")].concat();
            rec(kind::FILE, &payload)
        };
        let dir = |name: &[u8]| rec(kind::DIRECTORY, &[varuint(name.len()), name.to_vec()].concat());
        for bad in [file(b""), file(b"a/b"), file(b"\0ib"), dir(b""), dir(b"x\0"), dir(b"/")] {
            let img = leak(rec(kind::FILESYSTEM, &[file(b"ok.mpy"), bad].concat()));
            assert_eq!(FrozenModules::new(&[], RomBytes::from_ram(img)).verify(), Err(VerifyError::BadName));
        }
        let img = leak(rec(kind::FILESYSTEM, &[file(b"ok.mpy"), dir(b"lib")].concat()));
        assert_eq!(FrozenModules::new(&[], RomBytes::from_ram(img)).verify(), Ok(()));
    }

    #[test]
    fn the_walk_matches_every_module_once() {
        let mpy = |tag: u8| rec(kind::DATA_VERBATIM, &[b'M', 6, 0, 31, tag]);
        let file = |name: &str, tag: u8| rec(kind::FILE, &[varuint(name.len()), name.as_bytes().to_vec(), mpy(tag)].concat());
        let dir = |name: &str, inner: Vec<u8>| rec(kind::DIRECTORY, &[varuint(name.len()), name.as_bytes().to_vec(), inner].concat());
        let sub = dir("sub", [file("__init__.mpy", 4), file("x.mpy", 5)].concat());
        let pkg = dir("pkg", [file("__init__.mpy", 2), file("mod.mpy", 3), sub, file("data.txt", 9)].concat());
        let root = [file("main.mpy", 1), pkg, file("pkg_mod.mpy", 6)].concat();
        let img = leak(rec(kind::FILESYSTEM, &root));
        let fs = Romfs::from_ram(img).unwrap();
        let m = |name: &'static str, path: &'static str, k: ModuleKind| {
            let stored = std::format!("{}.mpy", path.strip_suffix(".py").unwrap());
            crate::FrozenModule::with_strs(name, path, k, fs.file(&stored).unwrap())
        };
        let mods: &'static [crate::FrozenModule] = Vec::leak(std::vec![
            m("main", "main.py", ModuleKind::Module),
            m("pkg", "pkg/__init__.py", ModuleKind::Package),
            m("pkg.mod", "pkg/mod.py", ModuleKind::Module),
            m("pkg.sub", "pkg/sub/__init__.py", ModuleKind::Package),
            m("pkg.sub.x", "pkg/sub/x.py", ModuleKind::Module),
            m("pkg_mod", "pkg_mod.py", ModuleKind::Module),
        ]);
        assert_eq!(check_structure(&fs, mods), Ok(6), "every module found by the walk, none twice");
        assert_eq!(check_structure(&fs, &mods[..3]), Ok(3));
        let app = FrozenModules::new(mods, RomBytes::from_ram(img));
        assert_eq!(app.verify(), Ok(()));
    }

    #[test]
    fn errors_print() {
        use std::string::ToString;
        let e = VerifyError::Hash { recorded: 0x1234_5678, computed: 0xabcd_ef01 };
        assert_eq!(e.to_string(), "frozen image refused: content hash abcdef01, the build recorded 12345678");
        let e = VerifyError::NotInImage { module: 3, error: RomfsError::NotFound };
        assert_eq!(e.to_string(), "frozen image refused: module 3: not in the image (no such file or directory)");
        let e: VerifyError = RomfsError::Truncated.into();
        assert_eq!(e.to_string(), "frozen image refused: ROMFS record runs past its container");
    }
}
