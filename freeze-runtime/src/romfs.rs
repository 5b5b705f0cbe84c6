//! Reader of ROMFS ("RM1") images, the format of MicroPython's `vfs.VfsRom`.
//!
//! Format (as `extmod/vfs_rom.c` reads it):
//! - a *varuint* is big-endian base-128 (high bit set on all bytes but the last; leading `0x80`
//!   bytes are padding);
//! - a *record* is `varuint kind`, `varuint length`, then `length` payload bytes;
//! - the image is one record of kind `0x14a6b1` (bytes `d2 cd 31`) whose payload is the root
//!   directory's records;
//! - kind 4, a directory: `varuint name length`, name, then the directory's records;
//! - kind 5, a file: `varuint name length`, name, then records, the first data record of which
//!   holds the file's bytes: kind 2 (verbatim: the payload is the data) or kind 3 (pointer:
//!   `varuint size`, `varuint offset` from the start of the filesystem payload);
//! - kind 0 marks corruption; kind 1 (padding) and unknown kinds are skipped.
//!
//! The reader looks paths up the way MicroPython does (first matching record wins, an optional
//! leading `/`), but it is stricter about damage: a record or name that runs past its container,
//! a varuint that overflows, or a data pointer outside the filesystem is an error, never a read
//! out of bounds. It never panics and every loop advances by at least two bytes per record, so
//! the work is bounded by the image size. All bytes are read through [`RomBytes`], i.e. with
//! aligned word loads when the image is in flash.

use crate::RomBytes;

/// Record kinds.
pub mod kind {
    /// Marks corruption.
    pub const UNUSED: usize = 0;
    /// Padding or comments; skipped.
    pub const PADDING: usize = 1;
    /// File data, in place.
    pub const DATA_VERBATIM: usize = 2;
    /// File data elsewhere: size and offset from the start of the filesystem payload.
    pub const DATA_POINTER: usize = 3;
    /// A directory.
    pub const DIRECTORY: usize = 4;
    /// A file.
    pub const FILE: usize = 5;
    /// The whole filesystem.
    pub const FILESYSTEM: usize = 0x14a6b1;
}

/// The first three bytes of every image.
pub const HEADER: [u8; 3] = [0xd2, 0xcd, 0x31];

/// What is wrong with an image, or why a look-up failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RomfsError {
    /// Shorter than 4 bytes or not starting with the ROMFS header.
    NotRomfs,
    /// A varuint, record or name runs past the end of what contains it.
    Truncated,
    /// A varuint does not fit in a `usize`.
    Overflow,
    /// A record of kind 0, which marks a damaged filesystem.
    UnusedRecord,
    /// A file record without a data record.
    NoData,
    /// A data pointer outside the filesystem.
    BadPointer,
    /// No such file or directory.
    NotFound,
    /// The path names a file where a directory was wanted.
    NotADirectory,
    /// The path names a directory where a file was wanted.
    NotAFile,
}

impl core::fmt::Display for RomfsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            RomfsError::NotRomfs => "not a ROMFS image",
            RomfsError::Truncated => "ROMFS record runs past its container",
            RomfsError::Overflow => "ROMFS varuint too large",
            RomfsError::UnusedRecord => "ROMFS record of kind 0 (damaged image)",
            RomfsError::NoData => "ROMFS file without data",
            RomfsError::BadPointer => "ROMFS data pointer outside the filesystem",
            RomfsError::NotFound => "no such file or directory",
            RomfsError::NotADirectory => "not a directory",
            RomfsError::NotAFile => "not a file",
        })
    }
}

/// Reads a varuint of `b` starting at `pos`, not reading at or past `end`. Returns the value and
/// the position after it.
fn varuint(b: RomBytes<'_>, mut pos: usize, end: usize) -> Result<(usize, usize), RomfsError> {
    let mut value: usize = 0;
    loop {
        if pos >= end {
            return Err(RomfsError::Truncated);
        }
        let byte = b.get(pos).ok_or(RomfsError::Truncated)?;
        pos += 1;
        if value > usize::MAX >> 7 {
            return Err(RomfsError::Overflow);
        }
        value = (value << 7) | usize::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Ok((value, pos));
        }
    }
}

/// A record header at `pos` inside `b` (which it must not leave): kind, payload start, payload
/// end. The payload end is at least `pos + 2`.
pub(crate) fn record(b: RomBytes<'_>, pos: usize) -> Result<(usize, usize, usize), RomfsError> {
    let (kind, p) = varuint(b, pos, b.len())?;
    let (len, start) = varuint(b, p, b.len())?;
    match start.checked_add(len) {
        Some(end) if end <= b.len() => Ok((kind, start, end)),
        _ => Err(RomfsError::Truncated),
    }
}

/// Start and end of the name of the directory or file record whose payload is `start..end` of
/// `b`.
pub(crate) fn name_range(b: RomBytes<'_>, start: usize, end: usize) -> Result<(usize, usize), RomfsError> {
    let (name_len, name_start) = varuint(b, start, end)?;
    let name_end = name_start.checked_add(name_len).filter(|e| *e <= end).ok_or(RomfsError::Truncated)?;
    Ok((name_start, name_end))
}

/// A mounted image: the payload of its filesystem record.
#[derive(Clone, Copy, Debug)]
pub struct Romfs<'a> {
    payload: RomBytes<'a>,
    size: usize,
}

/// Directory or file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A directory.
    Dir,
    /// A file.
    File,
}

/// A directory or file found in an image.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    fs: Romfs<'a>,
    name: RomBytes<'a>,
    kind: EntryKind,
    data: RomBytes<'a>,
}

/// A directory: the records it contains.
#[derive(Clone, Copy, Debug)]
pub struct Dir<'a> {
    fs: Romfs<'a>,
    contents: RomBytes<'a>,
}

impl<'a> Romfs<'a> {
    /// Checks the header and opens the filesystem record. Bytes after the record (the rest of a
    /// flash partition) are allowed and ignored.
    pub fn new(image: RomBytes<'a>) -> Result<Self, RomfsError> {
        if image.len() < 4 || !image.starts_with(&HEADER) {
            return Err(RomfsError::NotRomfs);
        }
        let (kind, start, end) = record(image, 0)?;
        if kind != kind::FILESYSTEM {
            return Err(RomfsError::NotRomfs);
        }
        let payload = image.get_range(start, end - start).ok_or(RomfsError::Truncated)?;
        Ok(Romfs { payload, size: end })
    }

    /// [`new`](Self::new) over ordinary memory.
    pub fn from_ram(image: &'a [u8]) -> Result<Self, RomfsError> {
        Self::new(RomBytes::from_ram(image))
    }

    /// Length of the image proper (header, length and payload), without trailing bytes.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The root directory.
    pub fn root(&self) -> Dir<'a> {
        Dir { fs: *self, contents: self.payload }
    }

    /// Looks `path` up as MicroPython's `VfsRom` does: components separated by `/`, an optional
    /// leading `/`, the first record with a matching name wins; `""` and `"/"` are the root.
    pub fn lookup(&self, path: &str) -> Result<Entry<'a>, RomfsError> {
        self.lookup_bytes(path.as_bytes())
    }

    /// [`lookup`](Self::lookup) of a path given as bytes (no UTF-8 check: the verifier builds
    /// paths in a buffer, and `core::str::from_utf8` would add a 256-byte table to `.rodata`,
    /// which is RAM on the ESP8266).
    pub(crate) fn lookup_bytes(&self, mut path: &[u8]) -> Result<Entry<'a>, RomfsError> {
        if let [b'/', rest @ ..] = path {
            path = rest;
        }
        let mut region = self.payload;
        let mut name = RomBytes::empty();
        let mut pos = 0;
        while !path.is_empty() && pos < region.len() {
            let (kind, start, end) = record(region, pos)?;
            match kind {
                kind::UNUSED => return Err(RomfsError::UnusedRecord),
                kind::DIRECTORY | kind::FILE => {
                    let (name_len, name_start) = varuint(region, start, end)?;
                    let name_end = name_start.checked_add(name_len).filter(|e| *e <= end).ok_or(RomfsError::Truncated)?;
                    let entry_name = region.get_range(name_start, name_len).ok_or(RomfsError::Truncated)?;
                    let matches = (name_len == path.len() || (name_len < path.len() && path[name_len] == b'/'))
                        && entry_name.eq_bytes(&path[..name_len]);
                    if matches {
                        path = &path[name_len..];
                        name = entry_name;
                        let rest = region.get_range(name_end, end - name_end).ok_or(RomfsError::Truncated)?;
                        if kind == kind::DIRECTORY {
                            if let [b'/', more @ ..] = path {
                                path = more;
                            }
                            region = rest;
                            pos = 0;
                            continue;
                        }
                        if !path.is_empty() {
                            return Err(RomfsError::NotFound);
                        }
                        let data = self.file_data(rest)?;
                        return Ok(Entry { fs: *self, name, kind: EntryKind::File, data });
                    }
                }
                _ => {}
            }
            pos = end;
        }
        if path.is_empty() {
            Ok(Entry { fs: *self, name, kind: EntryKind::Dir, data: region })
        } else {
            Err(RomfsError::NotFound)
        }
    }

    /// The bytes of the file at `path` (e.g. `pkg/mod.mpy`), a sub-view of the image.
    pub fn file(&self, path: &str) -> Result<RomBytes<'a>, RomfsError> {
        let e = self.lookup(path)?;
        match e.kind {
            EntryKind::File => Ok(e.data),
            EntryKind::Dir => Err(RomfsError::NotAFile),
        }
    }

    /// The directory at `path`.
    pub fn dir(&self, path: &str) -> Result<Dir<'a>, RomfsError> {
        self.lookup(path)?.as_dir().ok_or(RomfsError::NotADirectory)
    }

    /// The data of a file whose records (after its name) are `records`.
    pub(crate) fn file_data(&self, records: RomBytes<'a>) -> Result<RomBytes<'a>, RomfsError> {
        let mut pos = 0;
        while pos < records.len() {
            let (kind, start, end) = record(records, pos)?;
            match kind {
                kind::UNUSED => return Err(RomfsError::UnusedRecord),
                kind::DATA_VERBATIM => return records.get_range(start, end - start).ok_or(RomfsError::Truncated),
                kind::DATA_POINTER => {
                    let (size, p) = varuint(records, start, end)?;
                    let (offset, _) = varuint(records, p, end)?;
                    return self.payload.get_range(offset, size).ok_or(RomfsError::BadPointer);
                }
                _ => pos = end,
            }
        }
        Err(RomfsError::NoData)
    }
}

impl<'a> Entry<'a> {
    /// The entry's name (empty for the root), as bytes of the image.
    pub fn name(&self) -> RomBytes<'a> {
        self.name
    }

    /// Whether the name is `s`.
    pub fn name_eq(&self, s: &str) -> bool {
        self.name.eq_bytes(s.as_bytes())
    }

    /// Directory or file.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }

    /// Whether this is a file.
    pub fn is_file(&self) -> bool {
        self.kind == EntryKind::File
    }

    /// Whether this is a directory.
    pub fn is_dir(&self) -> bool {
        self.kind == EntryKind::Dir
    }

    /// A file's bytes; for a directory, the bytes of its records.
    pub fn data(&self) -> RomBytes<'a> {
        self.data
    }

    /// The directory, if this is one.
    pub fn as_dir(&self) -> Option<Dir<'a>> {
        match self.kind {
            EntryKind::Dir => Some(Dir { fs: self.fs, contents: self.data }),
            EntryKind::File => None,
        }
    }
}

impl<'a> Dir<'a> {
    /// The directory's entries in image order. A damaged record ends the listing with one
    /// `Err`.
    pub fn entries(&self) -> Entries<'a> {
        Entries { fs: self.fs, contents: self.contents, pos: 0 }
    }
}

/// Iterator over a directory's entries.
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    fs: Romfs<'a>,
    contents: RomBytes<'a>,
    pos: usize,
}

impl<'a> Entries<'a> {
    fn entry_at(&mut self) -> Result<Option<Entry<'a>>, RomfsError> {
        while self.pos < self.contents.len() {
            let (kind, start, end) = record(self.contents, self.pos)?;
            self.pos = end;
            let kind = match kind {
                kind::UNUSED => return Err(RomfsError::UnusedRecord),
                kind::DIRECTORY => EntryKind::Dir,
                kind::FILE => EntryKind::File,
                _ => continue,
            };
            let (name_len, name_start) = varuint(self.contents, start, end)?;
            let name_end = name_start.checked_add(name_len).filter(|e| *e <= end).ok_or(RomfsError::Truncated)?;
            let name = self.contents.get_range(name_start, name_len).ok_or(RomfsError::Truncated)?;
            let rest = self.contents.get_range(name_end, end - name_end).ok_or(RomfsError::Truncated)?;
            let data = match kind {
                EntryKind::Dir => rest,
                EntryKind::File => self.fs.file_data(rest)?,
            };
            return Ok(Some(Entry { fs: self.fs, name, kind, data }));
        }
        Ok(None)
    }
}

impl<'a> Iterator for Entries<'a> {
    type Item = Result<Entry<'a>, RomfsError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.entry_at() {
            Ok(e) => e.map(Ok),
            Err(err) => {
                self.pos = self.contents.len();
                Some(Err(err))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    fn varuint_bytes(v: usize) -> Vec<u8> {
        let mut groups = Vec::new();
        let mut v = v;
        loop {
            groups.push((v & 0x7f) as u8);
            v >>= 7;
            if v == 0 {
                break;
            }
        }
        groups.reverse();
        let n = groups.len();
        for g in &mut groups[..n - 1] {
            *g |= 0x80;
        }
        groups
    }

    fn rec(kind: usize, payload: &[u8]) -> Vec<u8> {
        let mut out = varuint_bytes(kind);
        out.extend(varuint_bytes(payload.len()));
        out.extend_from_slice(payload);
        out
    }

    fn named(kind: usize, name: &str, rest: &[u8]) -> Vec<u8> {
        let mut p = varuint_bytes(name.len());
        p.extend_from_slice(name.as_bytes());
        p.extend_from_slice(rest);
        rec(kind, &p)
    }

    fn file(name: &str, data: &[u8]) -> Vec<u8> {
        named(kind::FILE, name, &rec(kind::DATA_VERBATIM, data))
    }

    fn image(records: &[u8]) -> Vec<u8> {
        rec(kind::FILESYSTEM, records)
    }

    fn sample() -> Vec<u8> {
        let mut root = Vec::new();
        root.extend(rec(kind::PADDING, b"comment"));
        root.extend(file("main.mpy", b"MAIN"));
        let mut pkg = file("__init__.mpy", b"");
        pkg.extend(rec(99, b"unknown kind"));
        pkg.extend(named(kind::DIRECTORY, "sub", &file("mod.mpy", b"MOD")));
        root.extend(named(kind::DIRECTORY, "pkg", &pkg));
        image(&root)
    }

    #[test]
    fn lookups() {
        let img = sample();
        let fs = Romfs::from_ram(&img).unwrap();
        assert_eq!(fs.size(), img.len());
        assert!(fs.file("main.mpy").unwrap().eq_bytes(b"MAIN"));
        assert!(fs.file("/main.mpy").unwrap().eq_bytes(b"MAIN"));
        assert!(fs.file("pkg/__init__.mpy").unwrap().is_empty());
        assert!(fs.file("pkg/sub/mod.mpy").unwrap().eq_bytes(b"MOD"));
        assert_eq!(fs.file("pkg/sub"), Err(RomfsError::NotAFile));
        assert_eq!(fs.file("pkg/nope.mpy"), Err(RomfsError::NotFound));
        assert_eq!(fs.file("main.mpy/x"), Err(RomfsError::NotFound));
        assert_eq!(fs.file("main"), Err(RomfsError::NotFound));
        assert_eq!(fs.file("pk"), Err(RomfsError::NotFound));
        assert_eq!(fs.dir("main.mpy").err(), Some(RomfsError::NotADirectory));
        assert!(fs.lookup("").unwrap().is_dir());
        assert!(fs.lookup("/").unwrap().is_dir());
        let e = fs.lookup("pkg/sub/").unwrap();
        assert!(e.is_dir() && e.name_eq("sub"));
        let f = fs.lookup("pkg/sub/mod.mpy").unwrap();
        assert!(f.is_file() && f.name_eq("mod.mpy"));
    }

    #[test]
    fn listings() {
        let img = sample();
        let fs = Romfs::from_ram(&img).unwrap();
        let root: Vec<_> = fs.root().entries().map(|e| e.unwrap()).collect();
        assert_eq!(root.len(), 2);
        assert!(root[0].name_eq("main.mpy") && root[0].is_file() && root[0].data().eq_bytes(b"MAIN"));
        assert!(root[1].name_eq("pkg") && root[1].is_dir());
        let pkg: Vec<_> = root[1].as_dir().unwrap().entries().map(|e| e.unwrap()).collect();
        assert_eq!(pkg.len(), 2);
        assert!(pkg[0].name_eq("__init__.mpy"));
        assert!(pkg[1].name_eq("sub"));
        let sub: Vec<_> = fs.dir("pkg/sub").unwrap().entries().map(|e| e.unwrap()).collect();
        assert_eq!(sub.len(), 1);
        assert!(sub[0].data().eq_bytes(b"MOD"));
    }

    #[test]
    fn data_pointers() {
        // top-level verbatim data record, then a file pointing at it
        let mut root = rec(kind::DATA_VERBATIM, b"SHARED");
        let offset = root.len() - 6;
        let mut ptr = varuint_bytes(6);
        ptr.extend(varuint_bytes(offset));
        root.extend(named(kind::FILE, "p", &rec(kind::DATA_POINTER, &ptr)));
        let mut bad = varuint_bytes(1000);
        bad.extend(varuint_bytes(offset));
        root.extend(named(kind::FILE, "bad", &rec(kind::DATA_POINTER, &bad)));
        let img = image(&root);
        let fs = Romfs::from_ram(&img).unwrap();
        assert!(fs.file("p").unwrap().eq_bytes(b"SHARED"));
        assert_eq!(fs.file("bad"), Err(RomfsError::BadPointer));
    }

    #[test]
    fn headers() {
        assert_eq!(Romfs::from_ram(b"").err(), Some(RomfsError::NotRomfs));
        assert_eq!(Romfs::from_ram(b"\xd2\xcd\x31").err(), Some(RomfsError::NotRomfs));
        assert_eq!(Romfs::from_ram(b"\xd2\xcd\x32\x00").err(), Some(RomfsError::NotRomfs));
        assert_eq!(Romfs::from_ram(b"\xd2\xcd\x31\x05").err(), Some(RomfsError::Truncated));
        assert_eq!(Romfs::from_ram(b"\xd2\xcd\x31\x80").err(), Some(RomfsError::Truncated));
        let fs = Romfs::from_ram(b"\xd2\xcd\x31\x00").unwrap();
        assert_eq!(fs.root().entries().count(), 0);
        // trailing bytes after the image are fine
        let fs = Romfs::from_ram(b"\xd2\xcd\x31\x80\x00\xff\xff").unwrap();
        assert_eq!(fs.size(), 5);
        // varuint overflow in the length
        let mut huge = HEADER.to_vec();
        huge.extend([0xff; 12]);
        huge.push(0x7f);
        assert_eq!(Romfs::from_ram(&huge).err(), Some(RomfsError::Overflow));
        // padded varuints are fine
        let mut padded = HEADER.to_vec();
        padded.extend([0x80; 20]);
        padded.push(0x00);
        assert!(Romfs::from_ram(&padded).is_ok());
    }

    #[test]
    fn damage_is_reported() {
        let img = image(&[rec(kind::UNUSED, b""), file("a", b"x")].concat());
        let fs = Romfs::from_ram(&img).unwrap();
        assert_eq!(fs.file("a"), Err(RomfsError::UnusedRecord));
        let v: Vec<_> = fs.root().entries().collect();
        assert_eq!(v.len(), 1);
        assert!(matches!(v[0], Err(RomfsError::UnusedRecord)));
        // file without data
        let img = image(&named(kind::FILE, "a", &rec(kind::PADDING, b"")));
        let fs = Romfs::from_ram(&img).unwrap();
        assert_eq!(fs.file("a"), Err(RomfsError::NoData));
        // name longer than its record
        let mut bad = varuint_bytes(kind::FILE);
        bad.extend([0x02, 0x05, b'a']);
        let img = image(&bad);
        let fs = Romfs::from_ram(&img).unwrap();
        assert_eq!(fs.file("a"), Err(RomfsError::Truncated));
        assert_eq!(fs.root().entries().next().unwrap().err(), Some(RomfsError::Truncated));
    }
}
