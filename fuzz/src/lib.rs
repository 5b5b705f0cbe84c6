//! What the fuzz targets check, shared so that unit tests and regression runs use the same code.
//!
//! - [`check_compile`]: the compiler on one source text. An error must be a located Python
//!   error, never `InternalError` (a caught panic); a success must be a `.mpy` file that the
//!   runtime's header check accepts and that the disassembler reads back.
//! - [`check_romfs`]: the runtime's ROMFS reader on any bytes, in RAM mode and word mode: every
//!   entry listed, every path looked up, every file's bytes inside the image.
//! - [`check_mpy`]: the runtime's `.mpy` header check and the compiler's raw-code reader on any
//!   bytes.
//! - [`grammar`]: Python source built from fuzz bytes, so that inputs reach code generation.

pub mod grammar;

use freeze_compiler::{compile, dis, Options};
use freeze_runtime::romfs::{Entries, EntryKind};
use freeze_runtime::{MpyHeader, RomBytes, Romfs};

/// Compiles `source` at `opt_level`; panics (a fuzz crash) on anything but a clean outcome.
pub fn check_compile(source: &str, opt_level: u8) {
    let options = Options { opt_level, small_int_bits: 31, source_lines: true };
    match compile(source, "fuzz.py", &options) {
        Err(e) => {
            assert_ne!(e.kind, "InternalError", "compiler failure: {e}");
            assert!(e.line >= 1 && e.column >= 1, "error without a location: {e}");
            assert!(!e.message.is_empty(), "error without a message: {e}");
        }
        Ok(mpy) => {
            let header = MpyHeader::parse_slice(&mpy).expect("our .mpy has a valid header");
            assert!(header.is_bytecode_only());
            header.check_compatible(31).expect("loadable by a 31-bit firmware");
            if let Err(e) = dis::disassemble(&mpy) {
                panic!("the disassembler cannot read what the compiler wrote: {e}");
            }
        }
    }
}

/// `bytes` copied into `u32` words, so a view of them reads with aligned word loads only.
fn words(bytes: &[u8]) -> Vec<u32> {
    let mut words = vec![0u32; bytes.len().div_ceil(4)];
    for (i, b) in bytes.iter().enumerate() {
        let mut w = words[i / 4].to_ne_bytes();
        w[i % 4] = *b;
        words[i / 4] = u32::from_ne_bytes(w);
    }
    words
}

/// Whether `inner` lies inside `outer` (the reader must never hand out a view past the image).
fn inside(outer: RomBytes<'_>, inner: RomBytes<'_>) -> bool {
    let (o, i) = (outer.as_ptr() as usize, inner.as_ptr() as usize);
    inner.is_empty() || (i >= o && i + inner.len() <= o + outer.len())
}

/// Every query of the ROMFS reader on `data`, as RAM bytes and as flash-like words.
pub fn check_romfs(data: &[u8]) {
    let w = words(data);
    let views = [RomBytes::from_ram(data), RomBytes::from_words(&w).slice(0, data.len())];
    let mut results = Vec::new();
    for image in views {
        results.push(romfs_view(image));
    }
    assert_eq!(results[0], results[1], "RAM and word reads of the same image disagree");
}

/// What the reader found in one view: the listing and the look-up results, comparable across
/// the two read modes.
#[derive(Debug, PartialEq)]
enum Found {
    NotMounted(freeze_runtime::RomfsError),
    Mounted {
        size: usize,
        entries: Vec<(Vec<u8>, EntryKind, Vec<u8>)>,
        end: Option<freeze_runtime::RomfsError>,
        lookups: Vec<String>,
    },
}

fn romfs_view(image: RomBytes<'_>) -> Found {
    let fs = match Romfs::new(image) {
        Ok(fs) => fs,
        Err(e) => return Found::NotMounted(e),
    };
    assert!(fs.size() <= image.len());
    // depth-first walk with an explicit stack; every listed entry must lie inside the image
    let mut entries = Vec::new();
    let mut end = None;
    let mut stack: Vec<(Vec<u8>, Entries<'_>)> = vec![(Vec::new(), fs.root().entries())];
    let mut steps = 0usize;
    while let Some((prefix, it)) = stack.last_mut() {
        steps += 1;
        // every record is at least two bytes, so a listing is bounded by the image size
        assert!(steps <= 2 * image.len() + 2, "listing does not terminate");
        match it.next() {
            None => {
                stack.pop();
            }
            Some(Err(e)) => {
                end = Some(e);
                stack.pop();
            }
            Some(Ok(entry)) => {
                assert!(inside(image, entry.name()), "entry name outside the image");
                assert!(inside(image, entry.data()), "entry data outside the image");
                let mut path = prefix.clone();
                if !path.is_empty() {
                    path.push(b'/');
                }
                path.extend(entry.name().iter());
                let kind = entry.kind();
                let data: Vec<u8> = if kind == EntryKind::File { entry.data().iter().collect() } else { Vec::new() };
                entries.push((path.clone(), kind, data));
                if let Some(d) = entry.as_dir() {
                    stack.push((path, d.entries()));
                }
            }
        }
    }
    // look every listed path up (and a few fixed ones), as the interpreter would
    let mut paths: Vec<String> = entries.iter().filter_map(|(p, _, _)| String::from_utf8(p.clone()).ok()).collect();
    paths.truncate(64);
    for p in ["", "/", "a", "a/b", "main.mpy", "pkg/__init__.mpy", "//", "a//b", "/a/"] {
        paths.push(p.to_string());
    }
    let mut lookups = Vec::new();
    for p in &paths {
        let r = fs.lookup(p);
        if let Ok(e) = &r {
            assert!(inside(image, e.data()), "looked-up data outside the image");
            if e.is_file() {
                let _ = MpyHeader::parse(e.data());
            }
        }
        let f = fs.file(p);
        if let Ok(bytes) = f {
            assert!(inside(image, bytes));
        }
        if let Ok(d) = fs.dir(p) {
            for e in d.entries().take(1000) {
                if let Ok(e) = e {
                    assert!(inside(image, e.data()));
                }
            }
        }
        lookups.push(format!("{p:?} {:?} {:?}", r.map(|e| (e.kind(), e.data().len())), f.map(|b| b.len())));
    }
    Found::Mounted { size: fs.size(), entries, end, lookups }
}

/// The runtime's `.mpy` header check and the compiler's reader on any bytes.
pub fn check_mpy(data: &[u8]) {
    let ram = MpyHeader::parse_slice(data);
    let w = words(data);
    let word = MpyHeader::parse(RomBytes::from_words(&w).slice(0, data.len()));
    assert_eq!(ram, word, "RAM and word reads of the same header disagree");
    if let Ok(h) = ram {
        assert!(h.len <= data.len());
        let _ = h.check_compatible(31);
        let _ = h.is_bytecode_only();
    }
    let _ = dis::disassemble(data);
}
