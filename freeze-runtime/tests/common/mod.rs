//! Helpers shared by the integration tests.
#![allow(dead_code)]

use freeze_runtime::romfs::{Dir, EntryKind};
use freeze_runtime::{RomBytes, Romfs, RomfsError};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Stand-in for MicroPython's `mp_type_memoryview`, which `FrozenModules` refers to when the
/// crate is built with `micropython-abi`.
#[cfg(feature = "micropython-abi")]
#[no_mangle]
pub static mp_type_memoryview: [usize; 4] = [0; 4];

/// One entry of a walked image: path, kind, file bytes (empty for directories).
pub type Walked = Vec<(String, EntryKind, Vec<u8>)>;

/// Every entry of the image, depth first in image order (an explicit stack: no recursion, so a
/// deeply nested damaged image cannot overflow the test's stack).
pub fn walk(fs: &Romfs<'_>) -> Result<Walked, RomfsError> {
    let mut out = Vec::new();
    let mut stack: Vec<(String, freeze_runtime::romfs::Entries<'_>)> = vec![(String::new(), fs.root().entries())];
    while let Some((prefix, it)) = stack.last_mut() {
        match it.next() {
            None => {
                stack.pop();
            }
            Some(Err(e)) => return Err(e),
            Some(Ok(entry)) => {
                let name = String::from_utf8_lossy(entry.name().as_bytes()).into_owned();
                let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
                match entry.as_dir() {
                    Some(d) => {
                        out.push((path.clone(), EntryKind::Dir, Vec::new()));
                        let d: Dir<'_> = d;
                        stack.push((path, d.entries()));
                    }
                    None => out.push((path, EntryKind::File, entry.data().iter().collect())),
                }
            }
        }
    }
    Ok(out)
}

/// A copy of `bytes` in `u32` words, viewed in word mode (every read an aligned word load).
pub struct WordCopy {
    words: Vec<u32>,
    len: usize,
}

impl WordCopy {
    pub fn new(bytes: &[u8]) -> WordCopy {
        let mut words = vec![0u32; bytes.len().div_ceil(4)];
        for (i, b) in bytes.iter().enumerate() {
            let mut w = words[i / 4].to_ne_bytes();
            w[i % 4] = *b;
            words[i / 4] = u32::from_ne_bytes(w);
        }
        WordCopy { words, len: bytes.len() }
    }

    pub fn view(&self) -> RomBytes<'_> {
        RomBytes::from_words(&self.words).slice(0, self.len)
    }
}

/// The oracle Python (`.oracles/venv`, or `FREEZE_ORACLE_PYTHON`); fails with how to get it.
pub fn oracle_python() -> PathBuf {
    if let Some(p) = std::env::var_os("FREEZE_ORACLE_PYTHON") {
        return PathBuf::from(p);
    }
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.oracles/venv/bin/python");
    assert!(
        py.exists(),
        "oracle Python not found at {}: run scripts/install-oracles.sh (or set FREEZE_ORACLE_PYTHON)",
        py.display()
    );
    py
}

/// Runs a Python snippet with arguments in `cwd`; returns stdout, fails on a non-zero exit.
pub fn python(script: &str, args: &[&str], cwd: &Path) -> Vec<u8> {
    let py = oracle_python();
    let out = Command::new(&py)
        .arg("-c")
        .arg(script)
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}; run scripts/install-oracles.sh", py.display()));
    assert!(out.status.success(), "oracle python failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}
