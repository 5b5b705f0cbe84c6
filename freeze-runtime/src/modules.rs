//! Frozen-module descriptors.

use crate::ffi::flash::load_copy;
use crate::mpy::{MpyError, MpyHeader};
use crate::romfs::{Romfs, RomfsError};
use crate::{RomBytes, RomStr};
use core::cmp::Ordering;

/// Whether a frozen module is a plain module (`pkg/mod.py`) or a package (`pkg/__init__.py`).
#[repr(usize)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModuleKind {
    /// A `.py` file other than `__init__.py`.
    Module = 0,
    /// A package: its `__init__.py`.
    Package = 1,
}

/// How a frozen module's code is stored.
#[repr(usize)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Compiled `.mpy` bytecode, stored as `pkg/mod.mpy`.
    Bytecode = 0,
    /// Python text compiled by MicroPython when imported (a "frozen script", MicroPython's
    /// `freeze_as_str`), stored as `pkg/mod.py`.
    Source = 1,
}

/// One frozen module: its dotted name, its source path and its code (`.mpy` bytes or text).
///
/// All fields are word-sized and read with volatile word loads, so a `FrozenModule` may itself be
/// placed in flash.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FrozenModule {
    name: RomStr<'static>,
    path: RomStr<'static>,
    kind: ModuleKind,
    format: Format,
    code: RomBytes<'static>,
}

impl FrozenModule {
    /// A bytecode module's descriptor. `name` is dotted (`pkg.mod`; a package's name is the
    /// package's, `pkg`), `path` is the source path relative to the frozen folder (`pkg/mod.py`,
    /// `pkg/__init__.py`), `mpy` the compiled module (often a slice of the ROMFS image).
    pub const fn new(name: RomStr<'static>, path: RomStr<'static>, kind: ModuleKind, mpy: RomBytes<'static>) -> Self {
        FrozenModule { name, path, kind, format: Format::Bytecode, code: mpy }
    }

    /// A source module's descriptor: as [`new`](Self::new), with the module's Python text.
    pub const fn new_source(name: RomStr<'static>, path: RomStr<'static>, kind: ModuleKind, text: RomBytes<'static>) -> Self {
        FrozenModule { name, path, kind, format: Format::Source, code: text }
    }

    /// [`new`](Self::new) with the name and path as ordinary string literals (which stay in
    /// `.rodata`, i.e. RAM on the ESP8266).
    pub const fn with_strs(name: &'static str, path: &'static str, kind: ModuleKind, mpy: RomBytes<'static>) -> Self {
        Self::new(RomStr::from_str(name), RomStr::from_str(path), kind, mpy)
    }

    /// Dotted module name, e.g. `pkg.mod`.
    pub fn name(&self) -> RomStr<'static> {
        load_copy(&self.name)
    }

    /// Source path relative to the frozen folder, e.g. `pkg/mod.py`.
    pub fn path(&self) -> RomStr<'static> {
        load_copy(&self.path)
    }

    /// Module or package.
    pub fn kind(&self) -> ModuleKind {
        load_copy(&self.kind)
    }

    /// Bytecode or source.
    pub fn format(&self) -> Format {
        load_copy(&self.format)
    }

    /// The stored code: the `.mpy` bytes of a [`Format::Bytecode`] module, the Python text of a
    /// [`Format::Source`] one.
    pub fn code(&self) -> RomBytes<'static> {
        load_copy(&self.code)
    }

    /// The `.mpy` bytes, for a bytecode module.
    pub fn mpy(&self) -> Option<RomBytes<'static>> {
        match self.format() {
            Format::Bytecode => Some(self.code()),
            Format::Source => None,
        }
    }

    /// The header of the `.mpy` bytes ([`MpyError::NotMpy`] for a source module).
    pub fn mpy_header(&self) -> Result<MpyHeader, MpyError> {
        MpyHeader::parse(self.mpy().ok_or(MpyError::NotMpy)?)
    }

    /// The file's name extension in the image: `.mpy` or `.py`.
    pub fn stored_extension(&self) -> &'static [u8] {
        match self.format() {
            Format::Bytecode => b".mpy",
            Format::Source => b".py",
        }
    }

    /// The stored code as a plain slice, on hosts: `std::fs::write(path, m.code_bytes())`.
    ///
    /// Only where the target has an operating system (`target_os` other than `none`): there
    /// every memory allows byte loads. A bare-metal firmware reads through [`code`](Self::code),
    /// whose word loads are what the ESP8266's flash requires.
    #[cfg(not(target_os = "none"))]
    pub fn code_bytes(&self) -> &'static [u8] {
        self.code().as_bytes()
    }
}

/// A data file frozen beside the modules (`web/index.html`): its path and bytes, which lie in the
/// ROMFS image at that path, 4-byte aligned.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FrozenFile {
    path: RomStr<'static>,
    data: RomBytes<'static>,
}

impl FrozenFile {
    /// A data file's descriptor: its path relative to the frozen folder and its bytes.
    pub const fn new(path: RomStr<'static>, data: RomBytes<'static>) -> Self {
        FrozenFile { path, data }
    }

    /// Path relative to the frozen folder (with the prefix's folders), e.g. `web/index.html`.
    pub fn path(&self) -> RomStr<'static> {
        load_copy(&self.path)
    }

    /// The file's bytes, read through word loads (so also from flash).
    pub fn data(&self) -> RomBytes<'static> {
        load_copy(&self.data)
    }

    /// The bytes as a plain slice, on hosts.
    #[cfg(not(target_os = "none"))]
    pub fn bytes(&self) -> &'static [u8] {
        self.data().as_bytes()
    }
}

/// All modules of one `freeze!` invocation and the ROMFS image that holds them.
///
/// The modules must be sorted by name (byte order), as the macro emits them; [`find`] relies on
/// it. With the feature `micropython-abi`, the value also carries a static MicroPython
/// `memoryview` of the image, so that handing it to MicroPython needs neither RAM nor start-up
/// code (see `micropython::register`).
///
/// [`find`]: Self::find
#[repr(C)]
#[derive(Debug)]
pub struct FrozenModules {
    modules: &'static [FrozenModule],
    /// Data files, sorted by path.
    files: &'static [FrozenFile],
    image: RomBytes<'static>,
    /// The `version` given to `freeze!` (empty if none).
    version: RomStr<'static>,
    /// SHA-256 of the image as built (empty if not recorded).
    content_hash: RomBytes<'static>,
    /// Per module (in name order) where its bytes go; empty if not recorded.
    sizes: &'static [crate::ModuleSize],
    /// The store every name and path lies in, and [`crate::verify::descriptor_hash`] of the
    /// descriptors; empty if not recorded.
    names: RomBytes<'static>,
    descriptor_hash: u32,
    /// [`crate::verify::algorithm`] of `hash`.
    hash_algorithm: usize,
    hash: u32,
    #[cfg(feature = "micropython-abi")]
    pub(crate) memoryview: crate::ffi::micropython::StaticMemoryview,
}

impl FrozenModules {
    /// The modules (sorted by name) and the ROMFS image, with no content hash:
    /// [`verify`](Self::verify) then checks structure and descriptors only.
    pub const fn new(modules: &'static [FrozenModule], image: RomBytes<'static>) -> Self {
        Self::with_hash(modules, image, crate::verify::algorithm::NONE, 0)
    }

    /// The modules (sorted by name), the ROMFS image and its content hash
    /// ([`verify::image_hash`](crate::verify::image_hash)), as `freeze!` emits them:
    /// [`verify`](Self::verify) also checks every byte of the image against the hash.
    pub const fn new_checked(modules: &'static [FrozenModule], image: RomBytes<'static>, image_hash: u32) -> Self {
        Self::with_hash(modules, image, crate::verify::algorithm::WORD_HASH, image_hash)
    }

    const fn with_hash(modules: &'static [FrozenModule], image: RomBytes<'static>, hash_algorithm: usize, hash: u32) -> Self {
        FrozenModules {
            modules,
            files: &[],
            image,
            version: RomStr::from_str(""),
            content_hash: RomBytes::empty(),
            sizes: &[],
            names: RomBytes::empty(),
            descriptor_hash: 0,
            hash_algorithm,
            hash,
            #[cfg(feature = "micropython-abi")]
            memoryview: crate::ffi::micropython::StaticMemoryview::new(image),
        }
    }

    /// The same set with data files (sorted by path, inside the image).
    pub const fn with_files(mut self, files: &'static [FrozenFile]) -> Self {
        self.files = files;
        self
    }

    /// The same set with a version string and the image's SHA-256 (32 bytes), which a deploy
    /// tool can compare with the host's build.
    pub const fn with_build_info(mut self, version: RomStr<'static>, content_hash: RomBytes<'static>) -> Self {
        self.version = version;
        self.content_hash = content_hash;
        self
    }

    /// The same set with the store of its names and paths and the hash of its descriptors
    /// ([`crate::verify::descriptor_hash`]), which [`verify`](Self::verify) then checks.
    pub const fn with_descriptor_hash(mut self, names: RomBytes<'static>, hash: u32) -> Self {
        self.names = names;
        self.descriptor_hash = hash;
        self
    }

    /// The recorded descriptor hash and name store, if any.
    pub fn recorded_descriptor_hash(&self) -> Option<(u32, RomBytes<'static>)> {
        let names = load_copy(&self.names);
        (!names.is_empty()).then(|| (load_copy(&self.descriptor_hash), names))
    }

    /// The same set with its size report: one entry per module, in name order.
    pub const fn with_sizes(mut self, sizes: &'static [crate::ModuleSize]) -> Self {
        self.sizes = sizes;
        self
    }

    /// Where each module's bytes go, in name order (as [`iter`](Self::iter)), as measured at
    /// build time: `APP.iter().zip(APP.sizes())`. Empty if not recorded (`freeze!` records it).
    pub fn sizes(&self) -> impl Iterator<Item = crate::ModuleSize> + 'static {
        load_copy(&self.sizes).iter().map(crate::ModuleSize::load)
    }

    /// The sizes of all modules added up.
    pub fn size_totals(&self) -> crate::ModuleSize {
        self.sizes().fold(crate::ModuleSize::default(), crate::ModuleSize::plus)
    }

    /// The `version` given to `freeze!`, if any.
    pub fn version(&self) -> Option<RomStr<'static>> {
        let v = load_copy(&self.version);
        (!v.is_empty()).then_some(v)
    }

    /// The SHA-256 of the ROMFS image computed at build time (32 bytes), if recorded:
    /// `freeze!` records it. Equal hashes mean equal frozen content.
    pub fn content_hash(&self) -> Option<RomBytes<'static>> {
        let h = load_copy(&self.content_hash);
        (!h.is_empty()).then_some(h)
    }

    /// The data files, sorted by path.
    pub fn files(&self) -> &'static [FrozenFile] {
        load_copy(&self.files)
    }

    /// The data file at `path` (`web/index.html`; binary search over the sorted paths).
    pub fn file(&self, path: &str) -> Option<&'static FrozenFile> {
        let files = self.files();
        files.binary_search_by(|f| f.path().cmp_str(path)).ok().map(|i| &files[i])
    }

    /// The image's content hash recorded at build time, if any.
    pub fn recorded_hash(&self) -> Option<u32> {
        match load_copy(&self.hash_algorithm) {
            crate::verify::algorithm::NONE => None,
            _ => Some(load_copy(&self.hash)),
        }
    }

    /// All modules, sorted by name.
    pub fn modules(&self) -> &'static [FrozenModule] {
        load_copy(&self.modules)
    }

    /// Number of modules.
    pub fn len(&self) -> usize {
        self.modules().len()
    }

    /// Whether there are no modules.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The modules in name order.
    pub fn iter(&self) -> core::slice::Iter<'static, FrozenModule> {
        self.modules().iter()
    }

    /// Module `i` in name order.
    pub fn get(&self, i: usize) -> Option<&'static FrozenModule> {
        self.modules().get(i)
    }

    /// The module with dotted name `name` (binary search over the sorted names).
    pub fn find(&self, name: &str) -> Option<&'static FrozenModule> {
        let modules = self.modules();
        let (mut lo, mut hi) = (0, modules.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match modules[mid].name().cmp_str(name) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Some(&modules[mid]),
            }
        }
        None
    }

    /// Whether the names are strictly increasing (what [`find`](Self::find) needs).
    pub fn is_sorted(&self) -> bool {
        let modules = self.modules();
        // the two flash strings compared through word loads
        modules.windows(2).all(|w| w[0].name().bytes().cmp_rom(w[1].name().bytes()).is_lt())
    }

    /// The ROMFS image.
    pub fn image(&self) -> RomBytes<'static> {
        load_copy(&self.image)
    }

    /// A reader over the ROMFS image.
    pub fn romfs(&self) -> Result<Romfs<'static>, RomfsError> {
        Romfs::new(self.image())
    }

    /// The ROMFS image as a plain slice, on hosts: `let image: &[u8] = APP.image_bytes();`.
    ///
    /// Only where the target has an operating system (`target_os` other than `none`), as
    /// [`FrozenModule::code_bytes`]; firmware reads through [`image`](Self::image).
    #[cfg(not(target_os = "none"))]
    pub fn image_bytes(&self) -> &'static [u8] {
        self.image().as_bytes()
    }
}

/// `println!("{}", m.name())`: the string, read through word loads (so also from flash), with
/// the formatter's width, fill and alignment for strings of up to 128 bytes (module names and
/// paths; longer ones are written as they are).
impl core::fmt::Display for RomStr<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        const CAP: usize = 128;
        let mut buf = [0u8; CAP];
        if self.len() <= CAP {
            let n = self.bytes().copy_to(&mut buf);
            return match core::str::from_utf8(&buf[..n]) {
                Ok(s) => f.pad(s),
                Err(_) => write_utf8_lossy(f, &mut buf, n, true).map(|_| ()),
            };
        }
        let mut n = 0;
        for b in self.bytes().iter() {
            buf[n] = b;
            n += 1;
            if n == CAP {
                n = write_utf8_lossy(f, &mut buf, n, false)?;
            }
        }
        write_utf8_lossy(f, &mut buf, n, true).map(|_| ())
    }
}

/// Writes the UTF-8 in `buf[..n]` (U+FFFD for bytes that are not; a `RomStr` holds none) and
/// moves a character cut off at the end to the front of `buf`, unless `last`. Returns how many
/// bytes it moved.
fn write_utf8_lossy(f: &mut core::fmt::Formatter<'_>, buf: &mut [u8], n: usize, last: bool) -> Result<usize, core::fmt::Error> {
    let mut start = 0;
    loop {
        match core::str::from_utf8(&buf[start..n]) {
            Ok(s) => {
                f.write_str(s)?;
                return Ok(0);
            }
            Err(e) => {
                let good = start + e.valid_up_to();
                f.write_str(core::str::from_utf8(&buf[start..good]).map_err(|_| core::fmt::Error)?)?;
                match e.error_len() {
                    None if !last => {
                        buf.copy_within(good..n, 0);
                        return Ok(n - good);
                    }
                    len => {
                        f.write_str("\u{FFFD}")?;
                        start = good + len.unwrap_or(n - good);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Aligned;

    static BLOB: Aligned<12> = Aligned(*b"M\x06\x00\x1fM\x06\x00\x1fabcd");
    static NAMES: Aligned<16> = Aligned::padded(b"apkg.mod.zzz!");
    static MODS: [FrozenModule; 3] = [
        FrozenModule::new(
            RomStr::from_aligned(&NAMES, 0, 1),
            RomStr::from_str("a.py"),
            ModuleKind::Module,
            BLOB.bytes().slice(0, 4),
        ),
        FrozenModule::with_strs("pkg", "pkg/__init__.py", ModuleKind::Package, BLOB.bytes().slice(4, 4)),
        FrozenModule::new(
            RomStr::from_aligned(&NAMES, 1, 7),
            RomStr::from_str("pkg/mod.py"),
            ModuleKind::Module,
            BLOB.bytes().slice(8, 4),
        ),
    ];
    static APP: FrozenModules = FrozenModules::new(&MODS, RomBytes::from_ram(b"\xd2\xcd\x31\x00"));

    #[test]
    fn find_and_iterate() {
        assert_eq!(APP.len(), 3);
        assert!(!APP.is_empty());
        assert!(APP.is_sorted());
        let m = APP.find("pkg.mod").unwrap();
        assert!(m.path().eq_str("pkg/mod.py"));
        assert_eq!(m.kind(), ModuleKind::Module);
        assert!(m.code().eq_bytes(b"abcd"));
        assert_eq!(APP.find("pkg").unwrap().kind(), ModuleKind::Package);
        assert!(APP.find("a").unwrap().mpy_header().is_ok());
        for missing in ["", "b", "pkg.", "pkg.mo", "pkg.modd", "zzz", "A"] {
            assert!(APP.find(missing).is_none(), "{missing}");
        }
        let names: std::vec::Vec<std::string::String> = APP
            .iter()
            .map(|m| {
                let mut buf = [0u8; 32];
                m.name().copy_to(&mut buf).unwrap().into()
            })
            .collect();
        assert_eq!(names, ["a", "pkg", "pkg.mod"]);
        assert!(APP.get(3).is_none());
        assert!(APP.romfs().is_ok());
    }

    #[test]
    fn display_and_host_slices() {
        use std::string::ToString;
        let m = APP.find("pkg.mod").unwrap();
        assert_eq!(m.name().to_string(), "pkg.mod"); // from the aligned (word-read) store
        assert_eq!(std::format!("[{:>9}|{:<5}]", m.name(), APP.find("a").unwrap().name()), "[  pkg.mod|a    ]");
        assert_eq!(std::format!("{}", m.path()), "pkg/mod.py");
        assert_eq!(m.code_bytes(), b"abcd");
        let image: &[u8] = APP.image_bytes();
        assert_eq!(image, b"\xd2\xcd\x31\x00");
        // longer than the formatter's buffer, with multi-byte characters across its chunks
        static LONG_STORE: Aligned<{ crate::padded_len(LONG.len()) }> = Aligned::padded(LONG.as_bytes());
        const LONG: &str = "_ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé_ab€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€𝄞";
        let long = RomStr::from_aligned(&LONG_STORE, 0, LONG.len());
        assert!(LONG.len() > 256);
        assert_eq!(long.to_string(), LONG);
        assert_eq!(RomStr::from_str("").to_string(), "");
    }

    #[test]
    fn unsorted_is_detected() {
        static BAD: [FrozenModule; 2] = [
            FrozenModule::with_strs("b", "b.py", ModuleKind::Module, RomBytes::empty()),
            FrozenModule::with_strs("a", "a.py", ModuleKind::Module, RomBytes::empty()),
        ];
        static DUP: [FrozenModule; 2] = [
            FrozenModule::with_strs("a", "a.py", ModuleKind::Module, RomBytes::empty()),
            FrozenModule::with_strs("a", "a.py", ModuleKind::Module, RomBytes::empty()),
        ];
        assert!(!FrozenModules::new(&BAD, RomBytes::empty()).is_sorted());
        assert!(!FrozenModules::new(&DUP, RomBytes::empty()).is_sorted());
        assert!(FrozenModules::new(&[], RomBytes::empty()).is_sorted());
        assert!(FrozenModules::new(&[], RomBytes::empty()).find("a").is_none());
    }

    #[test]
    fn find_many() {
        use std::vec::Vec;
        let names: Vec<std::string::String> = (0..200).map(|i| std::format!("m{i:03}")).collect();
        let leaked: Vec<&'static str> = names.iter().map(|s| &*std::boxed::Box::leak(s.clone().into_boxed_str())).collect();
        let mods: Vec<FrozenModule> =
            leaked.iter().map(|n| FrozenModule::with_strs(n, "x.py", ModuleKind::Module, RomBytes::empty())).collect();
        let mods: &'static [FrozenModule] = std::boxed::Box::leak(mods.into_boxed_slice());
        let app = FrozenModules::new(mods, RomBytes::empty());
        assert!(app.is_sorted());
        for (i, n) in leaked.iter().enumerate() {
            assert!(core::ptr::eq(app.find(n).unwrap(), &mods[i]));
        }
        assert!(app.find("m200").is_none());
        assert!(app.find("m").is_none());
    }
}
