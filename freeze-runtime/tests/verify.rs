//! `FrozenModules::verify` on damaged images: every byte changed, every bit flipped, every
//! truncation, random multi-byte damage, and a crafted image on which MicroPython's own `VfsRom`
//! never finishes a listing or an import (shown with the native MicroPython oracle, under a
//! timeout). With the content hash recorded (what `freeze!` emits) every one of them is refused;
//! without it, the structural checks never panic and never loop.

mod common;

use common::WordCopy;
use freeze_runtime::verify::{image_hash_slice, VerifyError};
use freeze_runtime::{FrozenModule, FrozenModules, ModuleKind, RomBytes, Romfs, RomfsError};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const APP: &[u8] = include_bytes!("fixtures/app.romfs");
const POINTERS: &[u8] = include_bytes!("fixtures/pointers.romfs");

/// The `.mpy` files of a good image: (path without `.mpy`, offset, length).
fn layout(image: &[u8]) -> Vec<(String, usize, usize)> {
    let fs = Romfs::from_ram(image).unwrap();
    let base = image.as_ptr().addr();
    let mut out = Vec::new();
    for (path, _, _) in common::walk(&fs).unwrap() {
        if let Some(stem) = path.strip_suffix(".mpy") {
            let f = fs.file(&path).unwrap();
            out.push((stem.to_string(), f.as_ptr().addr() - base, f.len()));
        }
    }
    out
}

/// Descriptors for the modules of `layout`, viewing `bytes` (RAM or word mode), sorted by name,
/// and the image `bytes[..image_len]`, with or without a recorded hash.
fn frozen(layout: &[(String, usize, usize)], bytes: RomBytes<'static>, image_len: usize, hash: Option<u32>) -> FrozenModules {
    let mut mods: Vec<FrozenModule> = layout
        .iter()
        .map(|(stem, at, len)| {
            let (name, kind) = match stem.strip_suffix("/__init__") {
                Some(pkg) => (pkg.replace('/', "."), ModuleKind::Package),
                None => (stem.replace('/', "."), ModuleKind::Module),
            };
            let name: &'static str = String::leak(name);
            let path: &'static str = String::leak(format!("{stem}.py"));
            FrozenModule::with_strs(name, path, kind, bytes.slice(*at, *len))
        })
        .collect();
    mods.sort_by_key(|m| m.name().as_ram_str().unwrap().to_string());
    let mods: &'static [FrozenModule] = Vec::leak(mods);
    let image = bytes.slice(0, image_len);
    match hash {
        Some(h) => FrozenModules::new_checked(mods, image, h),
        None => FrozenModules::new(mods, image),
    }
}

fn leak(bytes: &[u8]) -> &'static [u8] {
    Vec::leak(bytes.to_vec())
}

fn leak_words(bytes: &[u8]) -> RomBytes<'static> {
    Box::leak(Box::new(WordCopy::new(bytes))).view()
}

#[test]
fn good_images_verify() {
    for base in [APP, POINTERS] {
        let l = layout(base);
        let h = image_hash_slice(base);
        for hash in [None, Some(h)] {
            assert_eq!(frozen(&l, RomBytes::from_ram(leak(base)), base.len(), hash).verify(), Ok(()));
            assert_eq!(frozen(&l, leak_words(base), base.len(), hash).verify(), Ok(()));
        }
        let app = frozen(&l, RomBytes::from_ram(leak(base)), base.len(), Some(h ^ 1));
        assert_eq!(app.verify(), Err(VerifyError::Hash { recorded: h ^ 1, computed: h }));
    }
    assert!(layout(APP).len() >= 4, "the fixture has modules and a package");
}

/// Each damaged image, in RAM and in word mode, with the good image's hash: refused. Without
/// the hash: whatever the answer, no panic.
fn refused(good: &[u8], l: &[(String, usize, usize)], damaged: &[u8], what: &str) {
    let h = image_hash_slice(good);
    for bytes in [RomBytes::from_ram(leak(damaged)), leak_words(damaged)] {
        let app = frozen(l, bytes, damaged.len(), Some(h));
        assert!(app.verify().is_err(), "{what}: accepted");
        let _ = frozen(l, bytes, damaged.len(), None).verify();
    }
}

#[test]
fn every_byte_changed_is_refused() {
    for base in [APP, POINTERS] {
        let l = layout(base);
        let mut img = base.to_vec();
        for i in 0..img.len() {
            let orig = img[i];
            for v in [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x7f, 0x80, 0xff, orig.wrapping_add(1), orig.wrapping_sub(1)] {
                if v != orig {
                    img[i] = v;
                    refused(base, &l, &img, &format!("byte {i} = {v:#x}"));
                }
            }
            img[i] = orig;
        }
    }
}

#[test]
fn every_bit_flip_is_refused() {
    for base in [APP, POINTERS] {
        let l = layout(base);
        let mut img = base.to_vec();
        for i in 0..img.len() * 8 {
            img[i / 8] ^= 1 << (i % 8);
            refused(base, &l, &img, &format!("bit {i}"));
            img[i / 8] ^= 1 << (i % 8);
        }
    }
}

#[test]
fn every_truncation_is_refused() {
    for base in [APP, POINTERS] {
        let l = layout(base);
        let h = image_hash_slice(base);
        let ram = RomBytes::from_ram(leak(base));
        let words = leak_words(base);
        for n in 0..base.len() {
            // the descriptors still point where the modules were: into the lost tail or not
            for bytes in [ram, words] {
                assert!(frozen(&l, bytes, n, Some(h)).verify().is_err(), "{n} bytes");
                let _ = frozen(&l, bytes, n, None).verify();
            }
        }
    }
}

#[test]
fn random_damage_is_refused() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for base in [APP, POINTERS] {
        let l = layout(base);
        for round in 0..2000 {
            let mut img = base.to_vec();
            let n = 2 + round % 8;
            for _ in 0..n {
                let r = next();
                let i = (r as usize >> 8) % img.len();
                img[i] ^= (r as u8) | 1;
            }
            if img != base {
                refused(base, &l, &img, &format!("round {round}"));
            }
        }
    }
}

#[test]
fn descriptors_are_checked_against_the_image() {
    let l = layout(APP);
    let bytes = RomBytes::from_ram(leak(APP));
    let h = image_hash_slice(APP);
    let good = frozen(&l, bytes, APP.len(), Some(h));
    assert_eq!(good.verify(), Ok(()));
    let mods = good.modules();
    let leak_app = |m: Vec<FrozenModule>| FrozenModules::new_checked(Vec::leak(m), bytes, h);
    // a module's .mpy cut short
    let i = mods.iter().position(|x| x.path().eq_str(&format!("{}.py", l[0].0))).unwrap();
    let mut m2 = mods.to_vec();
    m2[i] = FrozenModule::new(mods[i].name(), mods[i].path(), mods[i].kind(), bytes.slice(l[0].1, l[0].2 - 1));
    assert_eq!(leak_app(m2).verify(), Err(VerifyError::Mismatch { module: i }));
    // a .mpy elsewhere in memory (the same bytes, not the image's)
    let mut m3 = mods.to_vec();
    let copy = RomBytes::from_ram(leak(mods[i].code().as_bytes()));
    m3[i] = FrozenModule::new(mods[i].name(), mods[i].path(), mods[i].kind(), copy);
    assert_eq!(leak_app(m3).verify(), Err(VerifyError::OutsideImage { module: i }));
    // a module the image lacks (its .mpy another module's bytes), a path that does not fit the
    // name, a path that is not .py, a name that does not follow the path
    let mut m4 = mods.to_vec();
    m4.push(FrozenModule::with_strs("zzz", "zzz.py", ModuleKind::Module, mods[0].code()));
    let last = m4.len() - 1;
    assert_eq!(leak_app(m4).verify(), Err(VerifyError::NotInImage { module: last, error: RomfsError::NotFound }));
    let mut m4 = mods.to_vec();
    m4[i] = FrozenModule::with_strs(mods[i].name().as_ram_str().unwrap(), "nope.py", mods[i].kind(), mods[i].code());
    assert_eq!(leak_app(m4).verify(), Err(VerifyError::Name { module: i }));
    let mut m5 = mods.to_vec();
    m5[i] = FrozenModule::with_strs(mods[i].name().as_ram_str().unwrap(), "main.mpy", mods[i].kind(), mods[i].code());
    assert_eq!(leak_app(m5).verify(), Err(VerifyError::BadPath { module: i }));
    let main = mods.iter().position(|x| x.name().eq_str("main")).unwrap();
    let mut m6 = mods.to_vec();
    m6[main] = FrozenModule::with_strs("main", "main.py", ModuleKind::Package, mods[main].code());
    assert_eq!(leak_app(m6).verify(), Err(VerifyError::Name { module: main }));
    // names out of order
    let mut m7 = mods.to_vec();
    m7.swap(0, 1);
    assert_eq!(leak_app(m7).verify(), Err(VerifyError::NotSorted));
}

// ---------------------------------------------------------------------------------------------
// An image MicroPython's VfsRom never finishes with

/// `app.romfs` with a padding record inserted before the root's first record, whose length
/// varuint (`bits / 7 + 1` bytes) is `2^bits - (its record's header size)`: MicroPython adds it to
/// the payload pointer (`fs_next = fs + record_len`, `extmod/vfs_rom.c`), which wraps around to
/// the record's own start, so skipping it never advances. Listing the root and every import
/// (`mp_vfs_rom_search_filesystem`) then loop forever; a bit error cannot make it from an image
/// (its varuints are short), a bad write or a hostile image can.
fn wrapping_image(bits: u32) -> Vec<u8> {
    let n = (bits as usize).div_ceil(7);
    let value: u128 = (1u128 << bits) - (1 + n) as u128;
    let mut len: Vec<u8> = (0..n).map(|i| ((value >> (7 * (n - 1 - i))) & 0x7f) as u8 | 0x80).collect();
    *len.last_mut().unwrap() &= 0x7f;
    let root_at = APP.len() - payload_len(APP);
    let mut payload = vec![1u8];
    payload.extend(len);
    payload.extend_from_slice(&APP[root_at..]);
    let mut img = vec![0xd2, 0xcd, 0x31, 0x80 | (payload.len() >> 7) as u8, (payload.len() & 0x7f) as u8];
    img.extend(payload);
    img
}

/// Length of the filesystem record's payload (the image is exactly that record).
fn payload_len(image: &[u8]) -> usize {
    let mut p = 3;
    let mut v = 0usize;
    loop {
        let b = image[p];
        p += 1;
        v = (v << 7) | usize::from(b & 0x7f);
        if b & 0x80 == 0 {
            return v;
        }
    }
}

#[test]
fn an_image_that_hangs_micropython_is_refused_at_once() {
    for bits in [32, 64] {
        let img = wrapping_image(bits);
        assert_eq!(Romfs::from_ram(&img).unwrap().size(), img.len());
        let started = Instant::now();
        for bytes in [RomBytes::from_ram(leak(&img)), leak_words(&img)] {
            let app = FrozenModules::new(&[], bytes);
            assert_eq!(app.verify(), Err(VerifyError::Romfs(RomfsError::Truncated)), "{bits}");
            let app = FrozenModules::new_checked(&[], bytes, image_hash_slice(APP));
            assert!(app.verify().is_err());
        }
        assert!(started.elapsed() < Duration::from_millis(100));
    }
}

fn oracle_micropython() -> PathBuf {
    let py = common::oracle_python();
    let mp = py.with_file_name("micropython");
    assert!(mp.exists(), "native MicroPython oracle not found at {}: run scripts/install-oracles.sh", mp.display());
    mp
}

/// Runs `script` in the native MicroPython with `image` at `/rom`; `None` if it did not finish
/// in `limit` (then it is killed).
fn micropython_with_image(image: &[u8], script: &str, limit: Duration) -> Option<(bool, String)> {
    let dir = std::env::temp_dir().join(format!("freeze-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{:08x}.romfs", image_hash_slice(image)));
    std::fs::write(&file, image).unwrap();
    let prelude = format!(
        "import vfs, sys\nvfs.mount(vfs.VfsRom(open({:?}, 'rb').read()), '/rom')\nsys.path.insert(0, '/rom')\nprint('mounted')\n",
        file.display().to_string()
    );
    let mut child = Command::new(oracle_micropython())
        .arg("-c")
        .arg(format!("{prelude}{script}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            return Some((status.success(), text));
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The native MicroPython (64-bit) on the 64-bit wrapping image: it mounts it, then neither
/// `os.listdir('/rom')` nor `import main` comes back (killed after a few seconds). The good
/// image, as a control, lists and imports at once.
#[test]
fn micropython_vfsrom_loops_on_the_image_verify_refuses() {
    let limit = Duration::from_secs(3);
    let list = "import os\nprint(os.listdir('/rom'))\n";
    let import = "import main\nprint('imported')\n";
    let good = micropython_with_image(APP, list, limit).expect("the good image lists");
    assert!(good.0 && good.1.contains("main.mpy"), "{}", good.1);
    let good = micropython_with_image(APP, import, limit).expect("the good image imports");
    assert!(good.0 && good.1.contains("imported"), "{}", good.1);
    let bad = wrapping_image(64);
    for script in [list, import] {
        let run = micropython_with_image(&bad, script, limit);
        assert!(run.is_none(), "MicroPython finished on the wrapping image (fixed upstream?): {run:?}");
    }
    std::fs::remove_dir_all(std::env::temp_dir().join(format!("freeze-verify-{}", std::process::id()))).ok();
}

/// What the structural checks accept, MicroPython reads to the end: every image of
/// `every_byte_changed_is_refused` that `verify` without a hash accepts is mounted in the native
/// MicroPython, every directory listed and stat'ed and every file read, in one process under a
/// timeout. (A damaged name or file is fine there, an error is fine; only a hang is not.)
#[test]
fn what_verify_accepts_micropython_reads_to_the_end() {
    let dir = std::env::temp_dir().join(format!("freeze-verify-accepted-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (mut accepted, mut refused) = (0, 0);
    for (b, base) in [APP, POINTERS].iter().enumerate() {
        let mut img = base.to_vec();
        for i in 0..img.len() {
            let orig = img[i];
            let mut values = vec![0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x7f, 0x80, 0xff, orig.wrapping_add(1), orig.wrapping_sub(1)];
            values.sort_unstable();
            values.dedup();
            for v in values.into_iter().filter(|v| *v != orig) {
                img[i] = v;
                if FrozenModules::new(&[], RomBytes::from_ram(leak(&img))).verify().is_ok() {
                    std::fs::write(dir.join(format!("{b}-{i:04}-{v:02x}.romfs")), &img).unwrap();
                    accepted += 1;
                } else {
                    refused += 1;
                }
            }
            img[i] = orig;
        }
    }
    assert!(accepted > 100 && refused > 100, "accepted {accepted}, refused {refused}");
    let script = format!(
        r#"
import vfs, os
def walk(fs, path, depth):
    n = 0
    for e in fs.ilistdir(path):
        p = path + '/' + e[0] if path else e[0]
        try:
            fs.stat(p)
        except Exception:
            pass
        if e[1] == 0x4000 and depth < 70:
            n += walk(fs, p, depth + 1)
        elif e[1] == 0x8000:
            try:
                with fs.open(p, 'rb') as f:
                    f.read()
            except Exception:
                pass
        n += 1
    return n
d = {dir:?}
done = 0
for name in sorted(os.listdir(d)):
    fs = vfs.VfsRom(open(d + '/' + name, 'rb').read())
    try:
        walk(fs, '', 0)
    except Exception:
        pass
    done += 1
print('done', done)
"#,
        dir = dir.display().to_string()
    );
    let mut child = Command::new(oracle_micropython())
        .arg("-c")
        .arg(&script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("MicroPython did not finish reading the {accepted} accepted images in 60 s (dir kept: {})", dir.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.trim(), format!("done {accepted}"));
    std::fs::remove_dir_all(&dir).ok();
    eprintln!("{accepted} damaged images accepted by the structural checks, all read to the end by MicroPython; {refused} refused");
}
