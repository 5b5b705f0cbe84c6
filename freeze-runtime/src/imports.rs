//! Frozen modules as MicroPython's importer sees a filesystem: the answers of the import hooks
//! (`mp_import_stat`, `mp_reader_new_file`) for interpreters built without a VFS.
//!
//! MicroPython's `import sensors.thermo` with `""` on `sys.path` asks, in turn, whether
//! `sensors` is a directory, whether `sensors/__init__.py` or `sensors/__init__.mpy` is a file,
//! then the same for `sensors/thermo`. A bytecode module from `sensors/thermo.py` answers as the
//! file `sensors/thermo.mpy` (its compiled form) and never as the `.py`, so MicroPython loads the
//! bytecode; a module frozen as source answers as `sensors/thermo.py` only, and MicroPython
//! compiles its text when it is imported. Every folder above a frozen module is a directory
//! (namespace packages included). Data files are not modules: the importer never sees them.

use crate::{Format, FrozenModule, FrozenModules};

/// `mp_import_stat_t` (`py/lexer.h`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStat {
    /// Nothing there.
    NoExist = 0,
    /// A folder: a package or a namespace package.
    Dir = 1,
    /// A loadable file: a frozen module's `.mpy`, or its `.py` for a source module.
    File = 2,
}

/// What `path` (relative, `/`-separated, as MicroPython builds it) is among `app`'s modules.
pub fn stat(app: &FrozenModules, path: &[u8]) -> ImportStat {
    if find(app, path).is_some() {
        return ImportStat::File;
    }
    if !path.is_empty() && app.iter().any(|m| is_inside(m, path)) {
        return ImportStat::Dir;
    }
    ImportStat::NoExist
}

/// The module whose stored file is `path`: `pkg/mod.mpy` for the bytecode module from
/// `pkg/mod.py`, `pkg/mod.py` for the module frozen as source from it.
pub fn find(app: &FrozenModules, path: &[u8]) -> Option<&'static FrozenModule> {
    let (stem, format) = match path.strip_suffix(b".mpy") {
        Some(stem) => (stem, Format::Bytecode),
        None => (path.strip_suffix(b".py")?, Format::Source),
    };
    app.iter().find(|m| {
        let p = m.path().bytes();
        p.len() == stem.len() + 3
            && p.starts_with(stem)
            && p.slice(stem.len(), 3).eq_bytes(b".py")
            && m.format() == format
    })
}

/// Whether module `m` lies below folder `dir`.
fn is_inside(m: &FrozenModule, dir: &[u8]) -> bool {
    let p = m.path().bytes();
    p.len() > dir.len() + 1 && p.starts_with(dir) && p.get(dir.len()) == Some(b'/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ModuleKind, RomBytes};

    static MPY: [u8; 4] = *b"M\x06\x00\x1f";
    static MODS: [FrozenModule; 5] = [
        FrozenModule::with_strs("main", "main.py", ModuleKind::Module, RomBytes::from_ram(&MPY)),
        FrozenModule::with_strs("ns.leaf", "ns/leaf.py", ModuleKind::Module, RomBytes::from_ram(&MPY)),
        FrozenModule::with_strs("sensors", "sensors/__init__.py", ModuleKind::Package, RomBytes::from_ram(&MPY)),
        FrozenModule::with_strs("sensors.thermo", "sensors/thermo.py", ModuleKind::Module, RomBytes::from_ram(&MPY)),
        FrozenModule::new_source(
            crate::RomStr::from_str("tool"),
            crate::RomStr::from_str("tool.py"),
            ModuleKind::Module,
            RomBytes::from_ram(b"print(1)"),
        ),
    ];
    static APP: FrozenModules = FrozenModules::new(&MODS, RomBytes::from_ram(&[]));

    #[test]
    fn answers_like_a_folder_of_mpy_files() {
        use ImportStat::*;
        for (path, want) in [
            (&b"main.mpy"[..], File),
            (b"main.py", NoExist),
            (b"main", NoExist),
            (b"sensors", Dir),
            (b"sensors/__init__.mpy", File),
            (b"sensors/__init__.py", NoExist),
            (b"sensors/thermo.mpy", File),
            (b"sensors/thermo", NoExist),
            (b"ns", Dir),
            (b"ns/leaf.mpy", File),
            (b"n", NoExist),
            (b"sensor", NoExist),
            (b"sensors/", NoExist),
            (b"", NoExist),
            (b".mpy", NoExist),
            (b"/main.mpy", NoExist),
            (b"sensors/thermo.mpy/x", NoExist),
            (b"tool.py", File),
            (b"tool.mpy", NoExist),
            (b"tool", NoExist),
        ] {
            assert_eq!(stat(&APP, path), want, "{:?}", core::str::from_utf8(path));
        }
        assert!(core::ptr::eq(find(&APP, b"sensors/thermo.mpy").unwrap(), &MODS[3]));
        assert!(core::ptr::eq(find(&APP, b"tool.py").unwrap(), &MODS[4]));
    }
}
