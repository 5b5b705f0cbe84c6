//! ROMFS image writer.
//!
//! Produces "RM1" filesystem images as read by MicroPython's `vfs.VfsRom` (`extmod/vfs_rom.c`),
//! laid out byte for byte as `mpremote romfs build` lays out a folder: the same records in the
//! same order with the same padding. [`RomfsBuilder`] has the four operations of mpremote's
//! writer (`opendir`, `mkfile`, `closedir`, `finalise`); [`build_image`] and
//! [`build_image_from_py`] turn a list of files into a tree and walk it the way mpremote walks a
//! directory.
//!
//! # The format, as this writer uses it
//!
//! - A *varuint* is big-endian base-128: seven bits per byte, high bit set on every byte but the
//!   last. Extra leading `0x80` bytes do not change the value.
//! - A *record* is `varuint kind`, `varuint payload length`, payload.
//! - The image is one record of kind `0x14a6b1` (encoded as the bytes `d2 cd 31`, "RM1" with the
//!   high bit set on the first two). Its payload holds the records of the root directory. The
//!   whole image must have an even length; when it would be odd, the writer pads the image's
//!   length varuint with one leading `0x80` byte (that is what mpremote does).
//! - A directory is a record of kind 4 whose payload is `varuint name length`, the name, then the
//!   records of its entries.
//! - A file is a record of kind 5 whose payload is `varuint name length`, the name, then one
//!   record of kind 2 (verbatim data) holding the file's bytes.
//!
//! mpremote writes no padding records and no alignment: file data lands at whatever offset the
//! records before it leave.

use std::collections::BTreeMap;
use std::fmt;

/// Record kinds of the ROMFS format.
pub mod kind {
    /// Never written; a reader treats it as corruption.
    pub const UNUSED: u32 = 0;
    /// Padding or comments; skipped by readers.
    pub const PADDING: u32 = 1;
    /// A file's bytes, stored in place.
    pub const DATA_VERBATIM: u32 = 2;
    /// A file's bytes, stored elsewhere in the image (size and offset).
    pub const DATA_POINTER: u32 = 3;
    /// A directory.
    pub const DIRECTORY: u32 = 4;
    /// A file.
    pub const FILE: u32 = 5;
    /// The whole filesystem; encodes as `d2 cd 31`.
    pub const FILESYSTEM: u32 = 0x14a6b1;
}

/// The first three bytes of every image: [`kind::FILESYSTEM`] as a varuint.
pub const HEADER: [u8; 3] = [0xd2, 0xcd, 0x31];

/// Appends `value` as a ROMFS varuint (big-endian groups of seven bits).
pub fn push_varuint(out: &mut Vec<u8>, value: usize) {
    let mut groups = [0u8; 10];
    let mut n = 0;
    let mut v = value;
    loop {
        groups[n] = (v & 0x7f) as u8;
        n += 1;
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let more = if i == 0 { 0 } else { 0x80 };
        out.push(groups[i] | more);
    }
}

/// Number of bytes [`push_varuint`] writes for `value`.
pub fn varuint_len(value: usize) -> usize {
    let bits = usize::BITS - value.leading_zeros();
    (bits.max(1) as usize).div_ceil(7)
}

/// Where one file's bytes ended up in a finished image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSpan {
    /// The file's path inside the image, components joined with `/` (e.g. `pkg/mod.mpy`).
    pub path: String,
    /// Offset of the file's first data byte from the start of the image.
    pub offset: usize,
    /// Length of the file's data.
    pub len: usize,
}

/// One open directory: its name (none for the root), the records written into it so far, and
/// where the files among them keep their data (offsets relative to `buf`).
#[derive(Debug)]
struct Level {
    name: Option<String>,
    buf: Vec<u8>,
    spans: Vec<FileSpan>,
}

/// Writes a ROMFS image record by record, with the operations and the output of mpremote's
/// `VfsRomWriter`.
///
/// ```
/// use freeze_compiler::romfs::RomfsBuilder;
/// let mut b = RomfsBuilder::new();
/// b.opendir("pkg");
/// b.mkfile("__init__.mpy", b"M\x06\x00\x1f");
/// b.closedir();
/// b.mkfile("main.mpy", b"M\x06\x00\x1f");
/// let image = b.finalise();
/// assert_eq!(&image[..3], b"\xd2\xcd\x31");
/// ```
#[derive(Debug)]
pub struct RomfsBuilder {
    stack: Vec<Level>,
}

impl Default for RomfsBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl RomfsBuilder {
    /// An empty filesystem with the root directory open.
    pub fn new() -> Self {
        RomfsBuilder { stack: vec![Level { name: None, buf: Vec::new(), spans: Vec::new() }] }
    }

    /// How many directories are open below the root.
    pub fn depth(&self) -> usize {
        self.stack.len() - 1
    }

    /// Opens a directory inside the current one; entries go into it until [`closedir`](Self::closedir).
    pub fn opendir(&mut self, name: &str) {
        self.stack.push(Level { name: Some(name.to_owned()), buf: Vec::new(), spans: Vec::new() });
    }

    /// Closes the innermost open directory and writes its record into its parent.
    ///
    /// # Panics
    /// If no directory is open (the root cannot be closed; use [`finalise`](Self::finalise)).
    pub fn closedir(&mut self) {
        assert!(self.stack.len() > 1, "RomfsBuilder::closedir: no open directory");
        let level = self.stack.pop().expect("checked above");
        let name = level.name.expect("only the root has no name");
        let payload_len = varuint_len(name.len()) + name.len() + level.buf.len();
        let parent = self.stack.last_mut().expect("the root stays on the stack");
        push_varuint(&mut parent.buf, kind::DIRECTORY as usize);
        push_varuint(&mut parent.buf, payload_len);
        push_varuint(&mut parent.buf, name.len());
        parent.buf.extend_from_slice(name.as_bytes());
        let base = parent.buf.len();
        parent.buf.extend_from_slice(&level.buf);
        for span in level.spans {
            parent.spans.push(FileSpan {
                path: format!("{}/{}", name, span.path),
                offset: base + span.offset,
                len: span.len,
            });
        }
    }

    /// Writes a file with verbatim data into the current directory.
    pub fn mkfile(&mut self, name: &str, data: &[u8]) {
        self.mkfile_padded(name, 0, data);
    }

    /// [`mkfile`](Self::mkfile) with the data moved `padding` bytes further: the data record's
    /// length is written with that many extra leading `0x80` bytes, which do not change a
    /// varuint's value (MicroPython's reader and this project's decode it alike). For aligning
    /// a file's data.
    pub fn mkfile_padded(&mut self, name: &str, padding: usize, data: &[u8]) {
        let level = self.stack.last_mut().expect("the root stays on the stack");
        let data_record_len = varuint_len(kind::DATA_VERBATIM as usize) + padding + varuint_len(data.len()) + data.len();
        let payload_len = varuint_len(name.len()) + name.len() + data_record_len;
        push_varuint(&mut level.buf, kind::FILE as usize);
        push_varuint(&mut level.buf, payload_len);
        push_varuint(&mut level.buf, name.len());
        level.buf.extend_from_slice(name.as_bytes());
        push_varuint(&mut level.buf, kind::DATA_VERBATIM as usize);
        level.buf.resize(level.buf.len() + padding, 0x80);
        push_varuint(&mut level.buf, data.len());
        let offset = level.buf.len();
        level.buf.extend_from_slice(data);
        level.spans.push(FileSpan { path: name.to_owned(), offset, len: data.len() });
    }

    /// Writes a padding record of exactly `len` bytes (at least 2) into the current directory:
    /// readers skip it.
    pub fn pad(&mut self, len: usize) {
        assert!(len >= 2, "RomfsBuilder::pad: a padding record takes at least 2 bytes");
        let level = self.stack.last_mut().expect("the root stays on the stack");
        let mut payload = len - 2;
        while 1 + varuint_len(payload) + payload > len {
            payload -= 1;
        }
        push_varuint(&mut level.buf, kind::PADDING as usize);
        // a split that falls short is made up with leading 0x80 bytes in the length
        level.buf.resize(level.buf.len() + len - (1 + varuint_len(payload) + payload), 0x80);
        push_varuint(&mut level.buf, payload);
        level.buf.resize(level.buf.len() + payload, 0);
    }

    /// Bytes written into the root directory so far (with every directory closed: the
    /// filesystem record's payload length, which decides whether [`finalise`](Self::finalise)
    /// pads the header).
    pub fn root_len(&self) -> usize {
        self.stack[0].buf.len()
    }

    /// Whether [`finalise`](Self::finalise) adds a `0x80` byte to the header for a root payload
    /// of `len` bytes (it keeps the image's length even).
    pub fn header_padded(len: usize) -> bool {
        (HEADER.len() + varuint_len(len) + len) % 2 == 1
    }

    /// Finishes the image: the filesystem record around the root directory's records, its length
    /// padded so that the image has an even number of bytes.
    ///
    /// # Panics
    /// If a directory is still open.
    pub fn finalise(self) -> Vec<u8> {
        self.finalise_indexed().0
    }

    /// Like [`finalise`](Self::finalise), and also says where each file's data is in the image,
    /// in the order the files were written.
    ///
    /// # Panics
    /// If a directory is still open.
    pub fn finalise_indexed(mut self) -> (Vec<u8>, Vec<FileSpan>) {
        assert!(self.stack.len() == 1, "RomfsBuilder::finalise: {} directories still open", self.stack.len() - 1);
        let root = self.stack.pop().expect("the root");
        let mut image = Vec::with_capacity(root.buf.len() + 8);
        image.extend_from_slice(&HEADER);
        if Self::header_padded(root.buf.len()) {
            image.push(0x80);
        }
        push_varuint(&mut image, root.buf.len());
        let base = image.len();
        image.extend_from_slice(&root.buf);
        let spans = root
            .spans
            .into_iter()
            .map(|s| FileSpan { path: s.path, offset: base + s.offset, len: s.len })
            .collect();
        (image, spans)
    }
}

/// Why a list of files cannot become an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RomfsError {
    /// The path is empty, absolute, or has an empty, `.` or `..` component.
    BadPath(String),
    /// Two entries have the same path.
    Duplicate(String),
    /// A path is used both as a file and as a directory.
    FileIsDirectory(String),
}

impl fmt::Display for RomfsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RomfsError::BadPath(p) => write!(f, "ROMFS: bad path {p:?} (relative, '/'-separated, no empty, '.' or '..' parts)"),
            RomfsError::Duplicate(p) => write!(f, "ROMFS: {p:?} given twice"),
            RomfsError::FileIsDirectory(p) => write!(f, "ROMFS: {p:?} is both a file and a directory"),
        }
    }
}

impl std::error::Error for RomfsError {}

/// A directory tree keyed by the names mpremote sorts on.
#[derive(Debug, Default)]
struct Dir<'a> {
    entries: BTreeMap<String, Node<'a>>,
}

#[derive(Debug)]
enum Node<'a> {
    File(&'a [u8]),
    Dir(Dir<'a>),
}

impl<'a> Dir<'a> {
    fn insert(&mut self, full: &str, data: &'a [u8]) -> Result<(), RomfsError> {
        let is_dir = full.ends_with('/');
        let trimmed = if is_dir { &full[..full.len() - 1] } else { full };
        let parts: Vec<&str> = trimmed.split('/').collect();
        if trimmed.is_empty() || parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
            return Err(RomfsError::BadPath(full.to_owned()));
        }
        let mut dir = self;
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            if last && !is_dir {
                if dir.entries.contains_key(*part) {
                    return Err(match dir.entries[*part] {
                        Node::File(_) => RomfsError::Duplicate(full.to_owned()),
                        Node::Dir(_) => RomfsError::FileIsDirectory(trimmed.to_owned()),
                    });
                }
                dir.entries.insert((*part).to_owned(), Node::File(data));
                return Ok(());
            }
            let node = dir.entries.entry((*part).to_owned()).or_insert_with(|| Node::Dir(Dir::default()));
            dir = match node {
                Node::Dir(d) => d,
                Node::File(_) => return Err(RomfsError::FileIsDirectory(parts[..=i].join("/"))),
            };
        }
        if !data.is_empty() {
            return Err(RomfsError::BadPath(full.to_owned()));
        }
        Ok(())
    }

    /// Writes this directory's entries in sorted order, as mpremote's `copy_recursively` does.
    /// With `py_to_mpy`, a file `x.py` is stored as `x.mpy` unless a file `x.mpy` sits next to it
    /// (mpremote compiles `x.py` only in that case, and keeps the position `x.py` sorts at).
    fn write(&self, b: &mut RomfsBuilder, py_to_mpy: bool) {
        for (name, node) in &self.entries {
            match node {
                Node::Dir(d) => {
                    b.opendir(name);
                    d.write(b, py_to_mpy);
                    b.closedir();
                }
                Node::File(data) => {
                    let stored = match name.strip_suffix(".py") {
                        Some(stem) if py_to_mpy => {
                            let mpy = format!("{stem}.mpy");
                            if matches!(self.entries.get(&mpy), Some(Node::File(_))) {
                                name.clone()
                            } else {
                                mpy
                            }
                        }
                        _ => name.clone(),
                    };
                    b.mkfile(&stored, data);
                }
            }
        }
    }
}

fn build(files: &[(String, Vec<u8>)], py_to_mpy: bool) -> Result<(Vec<u8>, Vec<FileSpan>), RomfsError> {
    let mut root = Dir::default();
    for (path, data) in files {
        root.insert(path, data)?;
    }
    let mut b = RomfsBuilder::new();
    root.write(&mut b, py_to_mpy);
    Ok(b.finalise_indexed())
}

/// Builds the image of a folder holding exactly `files`, as `mpremote romfs build` lays it out
/// when it compiles nothing (`--no-mpy`, or a folder without `.py` files).
///
/// Paths are relative and `/`-separated (`pkg/mod.mpy`); they are stored under exactly these
/// names. A path ending in `/` (with empty data) names a directory, so empty directories can be
/// given. Each directory's entries are written in sorted order of their names (Rust's `str`
/// order, which is Python's), directories and files interleaved, depth first: the order of
/// mpremote's walk over the same folder.
pub fn build_image(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, RomfsError> {
    build(files, false).map(|(image, _)| image)
}

/// [`build_image`], and where each file's data is in the image, in image order.
pub fn build_image_indexed(files: &[(String, Vec<u8>)]) -> Result<(Vec<u8>, Vec<FileSpan>), RomfsError> {
    build(files, false)
}

/// Builds the image `mpremote romfs build` makes of a folder of Python sources, given each
/// source's path and its compiled bytes.
///
/// `files` name the folder's contents as they are on disk (`pkg/mod.py`); the data given for a
/// `.py` file is stored as is (normally the `.mpy` bytes compiled from it). Like mpremote, a file
/// `x.py` is stored under the name `x.mpy`, at the position where `x.py` sorts, unless a file
/// `x.mpy` is also in the same directory, in which case both are stored under their own names.
/// Everything else is as in [`build_image`].
pub fn build_image_from_py(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, RomfsError> {
    build(files, true).map(|(image, _)| image)
}

/// [`build_image_from_py`], and where each file's data is in the image (under the stored names),
/// in image order.
pub fn build_image_from_py_indexed(files: &[(String, Vec<u8>)]) -> Result<(Vec<u8>, Vec<FileSpan>), RomfsError> {
    build(files, true)
}

// ---------------------------------------------------------------------------------------------
// Reading images back (for `mpy-freeze romfs query`).

/// One directory or file of an image, as [`read_image`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageEntry {
    /// The entry's path inside the image, components joined with `/`.
    pub path: String,
    /// Number of directories above it (0 for the root's entries).
    pub depth: usize,
    /// What it is.
    pub kind: ImageEntryKind,
}

/// A directory, or a file with where its data is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageEntryKind {
    Dir,
    /// A file: offset of its first data byte from the start of the image, and its length.
    File { offset: usize, len: usize },
}

/// Why bytes are not a ROMFS image [`read_image`] can list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageError {
    /// Byte offset in the image where the problem is.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte offset {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ImageError {}

/// Deepest directory nesting [`read_image`] follows.
pub const MAX_IMAGE_DEPTH: usize = 1000;

fn image_err<T>(offset: usize, message: impl Into<String>) -> Result<T, ImageError> {
    Err(ImageError { offset, message: message.into() })
}

/// Reads a varuint at `*pos`, not past `end`.
fn read_varuint(image: &[u8], pos: &mut usize, end: usize, what: &str) -> Result<usize, ImageError> {
    let start = *pos;
    let mut v: usize = 0;
    loop {
        if *pos >= end {
            return image_err(start, format!("truncated {what}"));
        }
        let b = image[*pos];
        *pos += 1;
        if v > (usize::MAX >> 7) {
            return image_err(start, format!("{what} too large"));
        }
        v = (v << 7) | usize::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
}

/// A record at `*pos` within `..end`: its kind and its payload's range; `*pos` moves past it.
fn read_record(image: &[u8], pos: &mut usize, end: usize) -> Result<(usize, usize, usize), ImageError> {
    let at = *pos;
    let k = read_varuint(image, pos, end, "record kind")?;
    let len = read_varuint(image, pos, end, "record length")?;
    if k == kind::UNUSED as usize {
        return image_err(at, "record of kind 0 (unused): corrupt image");
    }
    if len > end - *pos {
        return image_err(at, format!("record of {len} bytes runs past its container (ends at {end})"));
    }
    let start = *pos;
    *pos += len;
    Ok((k, start, start + len))
}

/// Lists every directory and file of a ROMFS image, depth first in image order, following the
/// rules of MicroPython's reader (`extmod/vfs_rom.c`): padding and unknown records are skipped,
/// a file's data is its first verbatim or pointer record (pointer offsets count from the start
/// of the filesystem record's payload). Unlike MicroPython, which stops quietly at corruption,
/// anything inconsistent (a record running past its directory, a file without data, data
/// outside the image, a name that is not UTF-8) is an error naming its offset. Bytes after the
/// filesystem record (a partition's unused tail) are ignored.
pub fn read_image(image: &[u8]) -> Result<Vec<ImageEntry>, ImageError> {
    if image.len() < 4 || image[..3] != HEADER {
        return image_err(0, "not a ROMFS image: it does not start with d2:cd:31 (\"RM1\")");
    }
    let mut pos = 0;
    let (k, fs_start, fs_end) = read_record(image, &mut pos, image.len())?;
    if k != kind::FILESYSTEM as usize {
        return image_err(0, "not a ROMFS image: the first record is not a filesystem");
    }
    let mut out = Vec::new();
    // (directory path, end of its payload, position of its next record)
    let mut stack: Vec<(String, usize, usize)> = vec![(String::new(), fs_end, fs_start)];
    while let Some((dir, end, mut pos)) = stack.pop() {
        if pos >= end {
            continue;
        }
        let at = pos;
        let (k, start, rec_end) = read_record(image, &mut pos, end)?;
        let depth = stack.len();
        stack.push((dir.clone(), end, pos));
        if k != kind::DIRECTORY as usize && k != kind::FILE as usize {
            continue;
        }
        let mut p = start;
        let name_len = read_varuint(image, &mut p, rec_end, "name length")?;
        if name_len > rec_end - p {
            return image_err(at, "name runs past its record");
        }
        let Ok(name) = std::str::from_utf8(&image[p..p + name_len]) else {
            return image_err(p, "name is not UTF-8");
        };
        let path = if dir.is_empty() { name.to_owned() } else { format!("{dir}/{name}") };
        p += name_len;
        if k == kind::DIRECTORY as usize {
            if depth + 1 > MAX_IMAGE_DEPTH {
                return image_err(at, format!("directories nested deeper than {MAX_IMAGE_DEPTH}"));
            }
            out.push(ImageEntry { path: path.clone(), depth, kind: ImageEntryKind::Dir });
            stack.push((path, rec_end, p));
            continue;
        }
        let mut data = None;
        while p < rec_end {
            let (dk, ds, de) = read_record(image, &mut p, rec_end)?;
            if dk == kind::DATA_VERBATIM as usize {
                data = Some((ds, de - ds));
                break;
            }
            if dk == kind::DATA_POINTER as usize {
                let mut q = ds;
                let len = read_varuint(image, &mut q, de, "data pointer size")?;
                let offset = read_varuint(image, &mut q, de, "data pointer offset")?;
                let abs = fs_start.checked_add(offset).filter(|a| a.checked_add(len).is_some_and(|e| e <= fs_end));
                match abs {
                    Some(a) => data = Some((a, len)),
                    None => return image_err(ds, "data pointer outside the filesystem"),
                }
                break;
            }
        }
        let Some((offset, len)) = data else {
            return image_err(at, format!("file {path:?} has no data record"));
        };
        out.push(ImageEntry { path, depth, kind: ImageEntryKind::File { offset, len } });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, data: &[u8]) -> (String, Vec<u8>) {
        (path.to_owned(), data.to_vec())
    }

    fn varuint(v: usize) -> Vec<u8> {
        let mut out = Vec::new();
        push_varuint(&mut out, v);
        out
    }

    #[test]
    fn varuints() {
        assert_eq!(varuint(0), [0]);
        assert_eq!(varuint(1), [1]);
        assert_eq!(varuint(127), [0x7f]);
        assert_eq!(varuint(128), [0x81, 0x00]);
        assert_eq!(varuint(300), [0x82, 0x2c]);
        assert_eq!(varuint(70000), [0x84, 0xa2, 0x70]);
        assert_eq!(varuint(kind::FILESYSTEM as usize), HEADER);
        assert_eq!(varuint(usize::MAX).len(), varuint_len(usize::MAX));
        for v in [0, 1, 127, 128, 16383, 16384, 1 << 21, (1 << 28) - 1, 1 << 35, usize::MAX] {
            assert_eq!(varuint(v).len(), varuint_len(v), "{v}");
        }
    }

    #[test]
    fn empty_image() {
        // header (3) + length 0 (1) is even: no padding.
        assert_eq!(RomfsBuilder::new().finalise(), [0xd2, 0xcd, 0x31, 0x00]);
        assert_eq!(build_image(&[]).unwrap(), [0xd2, 0xcd, 0x31, 0x00]);
    }

    #[test]
    fn one_file_by_hand() {
        let mut b = RomfsBuilder::new();
        b.mkfile("a", b"xy");
        let (image, spans) = b.finalise_indexed();
        // file record: 05 len | 01 'a' | 02 02 'x' 'y'  -> payload 6 bytes, record 8 bytes
        // image: d2 cd 31 + len(8) = 12 bytes, even.
        assert_eq!(image, [0xd2, 0xcd, 0x31, 0x08, 0x05, 0x06, 0x01, b'a', 0x02, 0x02, b'x', b'y']);
        assert_eq!(spans, vec![FileSpan { path: "a".into(), offset: 10, len: 2 }]);
    }

    #[test]
    fn odd_length_is_padded() {
        let mut b = RomfsBuilder::new();
        b.mkfile("a", b"x");
        let image = b.finalise();
        // 3 + 1 + 7 would be odd: length gets a 0x80 prefix.
        assert_eq!(image, [0xd2, 0xcd, 0x31, 0x80, 0x07, 0x05, 0x05, 0x01, b'a', 0x02, 0x01, b'x']);
        assert_eq!(image.len() % 2, 0);
    }

    #[test]
    fn nested_dirs_and_spans() {
        let files = vec![
            f("pkg/sub/deep.mpy", b"DEEP"),
            f("main.mpy", b"MAIN"),
            f("pkg/__init__.mpy", b""),
            f("empty/", b""),
        ];
        let (image, spans) = build_image_indexed(&files).unwrap();
        assert_eq!(image.len() % 2, 0);
        let paths: Vec<&str> = spans.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["main.mpy", "pkg/__init__.mpy", "pkg/sub/deep.mpy"]);
        for s in &spans {
            let want = &files.iter().find(|(p, _)| *p == s.path).unwrap().1;
            assert_eq!(&image[s.offset..s.offset + s.len], &want[..]);
        }
        // the empty directory comes first ("empty" < "main.mpy" < "pkg")
        let mut start = 3;
        while image[start] & 0x80 != 0 {
            start += 1;
        }
        start += 1;
        assert_eq!(&image[start..start + 8], b"\x04\x06\x05empty");
    }

    #[test]
    fn sorting_is_by_name_bytes_with_files_and_dirs_mixed() {
        let files = vec![f("b/x", b"1"), f("a", b"2"), f("B", b"3"), f("a.b/y", b"4"), f("a_", b"5")];
        let (_, spans) = build_image_indexed(&files).unwrap();
        let paths: Vec<&str> = spans.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["B", "a", "a.b/y", "a_", "b/x"]);
    }

    #[test]
    fn py_renamed_at_source_position() {
        // Sorted by source name: "m.o" < "m.py"; stored: m.o, then m.mpy.
        let files = vec![f("m.py", b"MPY"), f("m.o", b"O")];
        let (_, spans) = build_image_from_py_indexed(&files).unwrap();
        let paths: Vec<&str> = spans.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["m.o", "m.mpy"]);
        // With names as given, "m.mpy" sorts before "m.o".
        let files2 = vec![f("m.mpy", b"MPY"), f("m.o", b"O")];
        let (_, spans2) = build_image_indexed(&files2).unwrap();
        let paths2: Vec<&str> = spans2.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths2, ["m.mpy", "m.o"]);
    }

    #[test]
    fn py_kept_when_mpy_sibling_exists() {
        let files = vec![f("x.py", b"src"), f("x.mpy", b"bin"), f("d/x.mpy/", b""), f("d/x.py", b"y")];
        let (_, spans) = build_image_from_py_indexed(&files).unwrap();
        let paths: Vec<&str> = spans.iter().map(|s| s.path.as_str()).collect();
        // a directory named x.mpy is not a file: d/x.py is still renamed (as mpremote does).
        assert_eq!(paths, ["d/x.mpy", "x.mpy", "x.py"]);
    }

    #[test]
    fn bad_inputs() {
        assert!(matches!(build_image(&[f("", b"")]), Err(RomfsError::BadPath(_))));
        assert!(matches!(build_image(&[f("/a", b"")]), Err(RomfsError::BadPath(_))));
        assert!(matches!(build_image(&[f("a//b", b"")]), Err(RomfsError::BadPath(_))));
        assert!(matches!(build_image(&[f("a/../b", b"")]), Err(RomfsError::BadPath(_))));
        assert!(matches!(build_image(&[f("d/", b"x")]), Err(RomfsError::BadPath(_))));
        assert!(matches!(build_image(&[f("a", b""), f("a", b"")]), Err(RomfsError::Duplicate(_))));
        assert!(matches!(build_image(&[f("a", b""), f("a/b", b"")]), Err(RomfsError::FileIsDirectory(_))));
        assert!(matches!(build_image(&[f("a/b", b""), f("a", b"")]), Err(RomfsError::FileIsDirectory(_))));
        // a directory given twice, or implied and given, is fine
        assert!(build_image(&[f("a/", b""), f("a/b", b""), f("a/", b"")]).is_ok());
    }

    #[test]
    #[should_panic(expected = "no open directory")]
    fn closedir_at_root_panics() {
        RomfsBuilder::new().closedir();
    }

    #[test]
    #[should_panic(expected = "still open")]
    fn finalise_with_open_dir_panics() {
        let mut b = RomfsBuilder::new();
        b.opendir("x");
        b.finalise();
    }

    #[test]
    fn read_image_lists_what_was_built() {
        let files = vec![f("pkg/sub/deep.mpy", b"DEEP"), f("main.mpy", b"MAIN"), f("empty/", b""), f("z", b"")];
        let (image, spans) = build_image_indexed(&files).unwrap();
        let entries = read_image(&image).unwrap();
        let listed: Vec<(&str, usize)> = entries.iter().map(|e| (e.path.as_str(), e.depth)).collect();
        assert_eq!(listed, [("empty", 0), ("main.mpy", 0), ("pkg", 0), ("pkg/sub", 1), ("pkg/sub/deep.mpy", 2), ("z", 0)]);
        let files: Vec<FileSpan> = entries
            .iter()
            .filter_map(|e| match e.kind {
                ImageEntryKind::File { offset, len } => Some(FileSpan { path: e.path.clone(), offset, len }),
                ImageEntryKind::Dir => None,
            })
            .collect();
        assert_eq!(files, spans);
        // a trailing partition tail is ignored; truncation and corruption are errors, never panics
        let mut tail = image.clone();
        tail.extend_from_slice(&[0xff; 16]);
        assert_eq!(read_image(&tail).unwrap(), entries);
        for cut in 0..image.len() {
            assert!(read_image(&image[..cut]).is_err(), "{cut}");
            for bit in 0..8 {
                let mut bad = image.clone();
                bad[cut] ^= 1 << bit;
                let _ = read_image(&bad);
            }
        }
    }

    #[test]
    fn read_image_follows_padding_and_pointers() {
        // filesystem payload: padding record, then file "p" whose data is a pointer to the
        // padding's 2 bytes (offset 2 from the payload start)
        let payload = [0x01, 0x02, b'h', b'i', 0x05, 0x06, 0x01, b'p', 0x03, 0x02, 0x02, 0x02];
        let mut image = HEADER.to_vec();
        image.push(payload.len() as u8);
        image.extend_from_slice(&payload);
        let entries = read_image(&image).unwrap();
        assert_eq!(entries, [ImageEntry { path: "p".into(), depth: 0, kind: ImageEntryKind::File { offset: 6, len: 2 } }]);
        assert_eq!(&image[6..8], b"hi");
    }

    #[test]
    fn large_file_lengths() {
        for n in [0usize, 1, 127, 128, 300, 70000] {
            let data = vec![0x5a; n];
            let (image, spans) = build_image_indexed(&[f("f", &data)]).unwrap();
            assert_eq!(image.len() % 2, 0);
            assert_eq!(&image[spans[0].offset..spans[0].offset + n], &data[..]);
            assert_eq!(spans[0].offset + n, image.len());
        }
    }
}
