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

/// One frozen module: its dotted name, its source path and its `.mpy` bytes.
///
/// All fields are word-sized and read with volatile word loads, so a `FrozenModule` may itself be
/// placed in flash.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FrozenModule {
    name: RomStr<'static>,
    path: RomStr<'static>,
    kind: ModuleKind,
    mpy: RomBytes<'static>,
}

impl FrozenModule {
    /// A descriptor. `name` is dotted (`pkg.mod`; a package's name is the package's, `pkg`),
    /// `path` is the source path relative to the frozen folder (`pkg/mod.py`,
    /// `pkg/__init__.py`), `mpy` the compiled module (often a slice of the ROMFS image).
    pub const fn new(name: RomStr<'static>, path: RomStr<'static>, kind: ModuleKind, mpy: RomBytes<'static>) -> Self {
        FrozenModule { name, path, kind, mpy }
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

    /// The `.mpy` bytes.
    pub fn mpy(&self) -> RomBytes<'static> {
        load_copy(&self.mpy)
    }

    /// The header of the `.mpy` bytes.
    pub fn mpy_header(&self) -> Result<MpyHeader, MpyError> {
        MpyHeader::parse(self.mpy())
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
    image: RomBytes<'static>,
    #[cfg(feature = "micropython-abi")]
    pub(crate) memoryview: crate::ffi::micropython::StaticMemoryview,
}

impl FrozenModules {
    /// The modules (sorted by name) and the ROMFS image.
    pub const fn new(modules: &'static [FrozenModule], image: RomBytes<'static>) -> Self {
        FrozenModules {
            modules,
            image,
            #[cfg(feature = "micropython-abi")]
            memoryview: crate::ffi::micropython::StaticMemoryview::new(image),
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
        modules.windows(2).all(|w| {
            let (a, b) = (w[0].name(), w[1].name());
            // compare the two flash strings byte by byte through word loads
            let mut ia = a.bytes().iter();
            let mut ib = b.bytes().iter();
            loop {
                match (ia.next(), ib.next()) {
                    (Some(x), Some(y)) if x == y => continue,
                    (Some(x), Some(y)) => return x < y,
                    (None, Some(_)) => return true,
                    (_, None) => return false,
                }
            }
        })
    }

    /// The ROMFS image.
    pub fn image(&self) -> RomBytes<'static> {
        load_copy(&self.image)
    }

    /// A reader over the ROMFS image.
    pub fn romfs(&self) -> Result<Romfs<'static>, RomfsError> {
        Romfs::new(self.image())
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
        assert!(m.mpy().eq_bytes(b"abcd"));
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
