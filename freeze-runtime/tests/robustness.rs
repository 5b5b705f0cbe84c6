//! The reader on damaged images: every byte of real images changed, every truncation, random
//! bytes after a valid header. It must return errors, never panic, never loop forever, and read
//! only inside the image (word mode reads through `RomBytes`, which is bounds-checked; a read out
//! of bounds would be a panic or a wrong answer here).

mod common;

use common::{walk, WordCopy};
use freeze_runtime::romfs::EntryKind;
use freeze_runtime::{MpyHeader, Romfs};

const APP: &[u8] = include_bytes!("fixtures/app.romfs");
const POINTERS: &[u8] = include_bytes!("fixtures/pointers.romfs");

/// Everything a reader can be asked, on one image. Results are ignored: only panics count.
fn exercise(image: &[u8]) {
    let copy = WordCopy::new(image);
    for fs in [Romfs::from_ram(image), Romfs::new(copy.view())] {
        let Ok(fs) = fs else { continue };
        if let Ok(tree) = walk(&fs) {
            for (path, kind, _) in &tree {
                let _ = fs.lookup(path);
                if *kind == EntryKind::File {
                    if let Ok(f) = fs.file(path) {
                        let _ = MpyHeader::parse(f);
                    }
                }
            }
        }
        for path in ["", "/", "main.mpy", "pkg/mod.mpy", "pkg/", "lib/util.mpy", "sub/b.txt", "a.txt", "x/y/z"] {
            let _ = fs.lookup(path);
            let _ = fs.file(path);
            if let Ok(d) = fs.dir(path) {
                for e in d.entries().take(10_000) {
                    let _ = e;
                }
            }
        }
    }
}

#[test]
fn every_byte_changed() {
    for base in [APP, POINTERS] {
        let mut img = base.to_vec();
        for i in 0..img.len() {
            let orig = img[i];
            for v in [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x7f, 0x80, 0xff, orig.wrapping_add(1), orig.wrapping_sub(1)] {
                img[i] = v;
                exercise(&img);
            }
            img[i] = orig;
        }
    }
}

#[test]
fn every_truncation() {
    for base in [APP, POINTERS] {
        for n in 0..=base.len() {
            exercise(&base[..n]);
        }
    }
}

#[test]
fn random_payloads() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..3000 {
        let len = (next() % 200) as usize;
        let mut img = vec![0xd2, 0xcd, 0x31];
        // a plausible length most of the time
        if round % 4 != 0 {
            img.push(len as u8 & 0x7f);
        }
        for _ in 0..len {
            // bias towards small record kinds and lengths
            let r = next();
            img.push(if r % 3 == 0 { (r >> 8) as u8 % 8 } else { (r >> 16) as u8 });
        }
        exercise(&img);
    }
}

#[test]
fn deep_nesting_terminates() {
    // 10,000 nested directories named "d", each record's length covering the rest.
    let depth = 10_000;
    let mut inner: Vec<u8> = Vec::new();
    for _ in 0..depth {
        let mut payload = vec![1, b'd'];
        payload.extend_from_slice(&inner);
        let mut rec = vec![4];
        let mut len = Vec::new();
        let mut v = payload.len();
        loop {
            len.push((v & 0x7f) as u8);
            v >>= 7;
            if v == 0 {
                break;
            }
        }
        len.reverse();
        let n = len.len();
        for b in &mut len[..n - 1] {
            *b |= 0x80;
        }
        rec.extend(len);
        rec.extend(payload);
        inner = rec;
    }
    let mut img = vec![0xd2, 0xcd, 0x31];
    let mut len = Vec::new();
    let mut v = inner.len();
    loop {
        len.push((v & 0x7f) as u8);
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    len.reverse();
    let n = len.len();
    for b in &mut len[..n - 1] {
        *b |= 0x80;
    }
    img.extend(len);
    img.extend(inner);
    let fs = Romfs::from_ram(&img).unwrap();
    let path = vec!["d"; depth].join("/");
    assert!(fs.lookup(&path).unwrap().is_dir());
    assert!(fs.lookup(&format!("{path}/d")).is_err());
    assert_eq!(walk(&fs).unwrap().len(), depth);
}
