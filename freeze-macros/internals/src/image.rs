//! The ROMFS image of one `freeze!` call: compiled modules, modules frozen as source, prebuilt
//! `.mpy` files and data files, each under its stored name, in the order `mpremote romfs build`
//! walks a folder (sorted by the name on disk, folders and files interleaved), with data files'
//! bytes 4-byte aligned.
//!
//! A folder of `.py` files alone gives exactly mpremote's bytes (`x.py` sorts as `x.py` and is
//! stored as `x.mpy`). Data files are aligned so that firmware can read them with word loads and
//! cast them (fonts, tables): extra leading `0x80` bytes in the length of the file's data record
//! move its data (a varuint's value does not change; MicroPython's `VfsRom` and this project's
//! reader decode it alike). mpremote aligns nothing.

use freeze_compiler::romfs::{FileSpan, RomfsBuilder};
use std::collections::BTreeMap;

/// One file of the image.
pub struct Entry<'a> {
    /// The path it sorts by (`pkg/mod.py`: the file on disk).
    pub sort_path: String,
    /// The name it is stored under in its folder (`mod.mpy`).
    pub stored_name: String,
    pub data: &'a [u8],
    /// Whether its data must start at a multiple of 4 from the image's start.
    pub aligned: bool,
}

/// A folder: entries by sort name.
#[derive(Default)]
struct Dir {
    entries: BTreeMap<String, Node>,
}

enum Node {
    /// Index into the entries.
    File(usize),
    Dir(Dir),
}

/// The image, and per entry where its data lies (in the order given).
pub fn build(entries: &[Entry]) -> Result<(Vec<u8>, Vec<FileSpan>), String> {
    let mut root = Dir::default();
    for (i, e) in entries.iter().enumerate() {
        let parts: Vec<&str> = e.sort_path.split('/').collect();
        let mut dir = &mut root;
        for part in &parts[..parts.len() - 1] {
            let node = dir.entries.entry((*part).to_string()).or_insert_with(|| Node::Dir(Dir::default()));
            dir = match node {
                Node::Dir(d) => d,
                Node::File(_) => return Err(format!("freeze!: `{}` is both a file and a folder in the image", e.sort_path)),
            };
        }
        let last = parts[parts.len() - 1].to_string();
        if dir.entries.insert(last, Node::File(i)).is_some() {
            return Err(format!("freeze!: `{}` given twice", e.sort_path));
        }
    }
    check_stored_names(&root, entries, "")?;

    // Padding before one file's data moves everything after it, and may lengthen the length
    // fields of the folders around it (which come before): so pad, look, and pad again until
    // every aligned file is aligned. The image's header gains a byte when its length is odd,
    // which would move everything and could undo the last round: from the second round on, a
    // padding record of 3 bytes at the very end keeps the header as it was (it moves no data).
    let mut padding = vec![0usize; entries.len()];
    let mut header_padded: Option<bool> = None;
    for _ in 0..64 {
        let mut b = RomfsBuilder::new();
        let mut order = Vec::with_capacity(entries.len());
        write(&root, entries, &padding, &mut b, &mut order);
        let padded_now = RomfsBuilder::header_padded(b.root_len());
        match header_padded {
            Some(first) if first != padded_now => b.pad(3),
            Some(_) => {}
            None => header_padded = Some(padded_now),
        }
        let (image, spans) = b.finalise_indexed();
        let mut by_entry: Vec<Option<FileSpan>> = vec![None; entries.len()];
        for (i, span) in order.into_iter().zip(spans) {
            by_entry[i] = Some(span);
        }
        let spans: Vec<FileSpan> = by_entry.into_iter().map(|s| s.expect("every entry is written once")).collect();
        let mut settled = true;
        for (i, e) in entries.iter().enumerate() {
            let off = spans[i].offset % 4;
            if e.aligned && off != 0 {
                settled = false;
                padding[i] = (padding[i] + 4 - off) % 4;
            }
        }
        if settled {
            return Ok((image, spans));
        }
    }
    Err("freeze!: internal error: the image's data files could not be aligned".to_string())
}

/// Two files of one folder stored under one name (`x.py` compiled to `x.mpy` beside a data file
/// `x.mpy`) cannot both be in the image.
fn check_stored_names(dir: &Dir, entries: &[Entry], at: &str) -> Result<(), String> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, node) in &dir.entries {
        match node {
            Node::File(i) => {
                let e = &entries[*i];
                if let Some(other) = seen.insert(&e.stored_name, &e.sort_path) {
                    return Err(format!(
                        "freeze!: `{other}` and `{}` would both be stored as `{at}{}` in the image; rename or exclude one",
                        e.sort_path, e.stored_name
                    ));
                }
            }
            Node::Dir(d) => {
                if let Some(other) = seen.insert(name, name) {
                    return Err(format!("freeze!: `{at}{other}` is both a file and a folder in the image"));
                }
                check_stored_names(d, entries, &format!("{at}{name}/"))?;
            }
        }
    }
    Ok(())
}

fn write(dir: &Dir, entries: &[Entry], padding: &[usize], b: &mut RomfsBuilder, order: &mut Vec<usize>) {
    for (name, node) in &dir.entries {
        match node {
            Node::Dir(d) => {
                b.opendir(name);
                write(d, entries, padding, b, order);
                b.closedir();
            }
            Node::File(i) => {
                b.mkfile_padded(&entries[*i].stored_name, padding[*i], entries[*i].data);
                order.push(*i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_alone_is_mpremotes_layout() {
        let files: Vec<(String, Vec<u8>)> =
            ["a.py", "pkg/__init__.py", "pkg/z.py", "b.py"].iter().map(|p| (p.to_string(), p.as_bytes().to_vec())).collect();
        let want = freeze_compiler::romfs::build_image_from_py(&files).unwrap();
        let entries: Vec<Entry> = files
            .iter()
            .map(|(p, d)| Entry {
                sort_path: p.clone(),
                stored_name: p.rsplit('/').next().unwrap().replace(".py", ".mpy"),
                data: d,
                aligned: false,
            })
            .collect();
        assert_eq!(build(&entries).unwrap().0, want);
    }

    #[test]
    fn data_is_aligned_whatever_comes_before() {
        // names of every length before the data, and folders whose length fields grow past
        // one byte because of it
        for n in 0..12 {
            let big = vec![7u8; 120 + n];
            let entries = vec![
                Entry { sort_path: format!("{}.py", "m".repeat(n + 1)), stored_name: "x.mpy".into(), data: b"M\x06\x00\x1f", aligned: false },
                Entry { sort_path: "web/a.bin".into(), stored_name: "a.bin".into(), data: &big, aligned: true },
                Entry { sort_path: "web/b.bin".into(), stored_name: "b.bin".into(), data: b"xyz", aligned: true },
            ];
            let (image, spans) = build(&entries).unwrap();
            for (e, s) in entries.iter().zip(&spans) {
                assert_eq!(&image[s.offset..s.offset + s.len], e.data);
                assert!(!e.aligned || s.offset % 4 == 0, "{n}: {s:?}");
            }
            // a reader finds the files through the padding
            let fs = freeze_runtime::Romfs::from_ram(Box::leak(image.into_boxed_slice())).unwrap();
            assert_eq!(fs.file("web/a.bin").unwrap().as_bytes(), &big[..]);
            assert_eq!(fs.file("web/b.bin").unwrap().as_bytes(), b"xyz");
        }
    }

    #[test]
    fn one_stored_name_twice_is_refused() {
        let entries = vec![
            Entry { sort_path: "x.py".into(), stored_name: "x.mpy".into(), data: b"", aligned: false },
            Entry { sort_path: "x.mpy".into(), stored_name: "x.mpy".into(), data: b"", aligned: true },
        ];
        let e = build(&entries).unwrap_err();
        assert!(e.contains("would both be stored as `x.mpy`"), "{e}");
    }
}
