//! The preprocessing pass MicroPython's `makeqstrdefs.py` makes: every source is run through the
//! C preprocessor with `NO_QSTR` defined, and its output is searched for `MP_QSTR_<name>` uses,
//! `MP_REGISTER_MODULE(...)`-style module registrations and `MP_REGISTER_ROOT_POINTER(...)`
//! declarations. `py/qstrdefs.h` and the port's `qstrdefsport.h` give the qstrs that are not
//! identifiers (`<module>`, `\n`, ...) and the qstr configuration (`QCFG` lines).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::compiler::Compiler;
use crate::tree::Tree;

pub struct Found {
    /// Qstrs in the order `makeqstrdata.py` reads them: the header's `Q(...)` lines first (they
    /// win when two spellings escape to one identifier), then the identifiers used in sources.
    pub qstrs: Vec<String>,
    /// `BYTES_IN_LEN`, `BYTES_IN_HASH` and any other `QCFG(key, value)` of qstrdefs.h.
    pub qcfg: Vec<(String, String)>,
    /// (macro, module qstr name, module object) of each module registration.
    pub modules: BTreeSet<(String, String, String)>,
    /// (module object, attribute function) of each `MP_REGISTER_MODULE_DELEGATION`.
    pub delegations: BTreeSet<(String, String)>,
    /// The declarations inside each `MP_REGISTER_ROOT_POINTER(...)`.
    pub root_pointers: BTreeSet<String>,
}

pub fn scan(cc: &Compiler, sources: &[PathBuf], tree: &Tree, port: &Path, out: &Path) -> Result<Found, String> {
    let (qstrs, qcfg) = header_qstrs(cc, tree, port, out)?;
    let mut found = Found {
        qstrs,
        qcfg,
        modules: BTreeSet::new(),
        delegations: BTreeSet::new(),
        root_pointers: BTreeSet::new(),
    };

    // One preprocessor run per source, spread over the cores cargo gives build scripts.
    let jobs = std::env::var("NUM_JOBS").ok().and_then(|n| n.parse().ok()).unwrap_or(2usize).max(1);
    let chunk = sources.len().div_ceil(jobs);
    let outputs: Vec<Result<Vec<String>, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = sources
            .chunks(chunk.max(1))
            .map(|files| s.spawn(move || files.iter().map(|f| cc.preprocess(f, &["NO_QSTR"])).collect::<Result<Vec<_>, _>>()))
            .collect();
        handles.into_iter().map(|h| h.join().expect("preprocessing thread panicked")).collect()
    });

    let outputs: Vec<String> = outputs.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect();
    keep_preprocessed(sources, &outputs, out)?;
    let mut idents = BTreeSet::new();
    for text in &outputs {
        scan_text(text, &mut idents, &mut found);
    }
    found.qstrs.extend(idents);
    Ok(found)
}

/// Keeps each source's preprocessed text in `OUT_DIR/preprocessed/`, one file per source, with
/// `sources` listing `<file>\t<source path>` in build order: the input MicroPython's own
/// generators read (`qstr.i.last`), kept for `tests/genhdr_oracle.rs`, which runs them over it.
/// The text is already in memory, so this costs a write, not a preprocessor run.
fn keep_preprocessed(sources: &[PathBuf], outputs: &[String], out: &Path) -> Result<(), String> {
    let dir = out.join("preprocessed");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut list = String::new();
    for (i, (source, text)) in sources.iter().zip(outputs).enumerate() {
        let stem = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let name = format!("{i:03}-{stem}.i");
        let file = dir.join(&name);
        std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        list.push_str(&format!("{name}\t{}\n", source.display()));
    }
    let file = dir.join("sources");
    std::fs::write(&file, list).map_err(|e| format!("cannot write {}: {e}", file.display()))
}

/// `py/qstrdefs.h` then `qstrdefsport.h`, preprocessed as MicroPython's make does: each
/// `Q(...)` line is quoted first so the preprocessor leaves its text alone, then unquoted.
fn header_qstrs(cc: &Compiler, tree: &Tree, port: &Path, out: &Path) -> Result<(Vec<String>, Vec<(String, String)>), String> {
    let mut quoted = String::new();
    for header in [tree.root.join("py/qstrdefs.h"), port.join("qstrdefsport.h")] {
        let text = std::fs::read_to_string(&header).map_err(|e| format!("cannot read {}: {e}", header.display()))?;
        for line in text.lines() {
            if line.starts_with("Q(") {
                quoted.push('"');
                quoted.push_str(line);
                quoted.push('"');
            } else {
                quoted.push_str(line);
            }
            quoted.push('\n');
        }
    }
    let file = out.join("qstrdefs.quoted.h");
    std::fs::write(&file, quoted).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let text = cc.preprocess(&file, &[])?;
    // Kept for tests/genhdr_oracle.rs: makeqstrdata.py's input is this text, unquoted.
    let kept = out.join("qstrdefs.quoted.i");
    std::fs::write(&kept, &text).map_err(|e| format!("cannot write {}: {e}", kept.display()))?;

    let mut qstrs = Vec::new();
    let mut qcfg = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(q) = line.strip_prefix("\"Q(").and_then(|l| l.strip_suffix(")\"")) {
            qstrs.push(match q {
                // the two spellings of control characters makeqstrdata.py knows
                "\\n" => "\n".to_string(),
                "\\r\\n" => "\r\n".to_string(),
                _ => q.to_string(),
            });
        } else if let Some(cfg) = line.strip_prefix("QCFG(").and_then(|l| l.strip_suffix(')')) {
            if let Some((key, value)) = cfg.split_once(", ") {
                let value = value.strip_prefix('(').and_then(|v| v.strip_suffix(')')).unwrap_or(value);
                qcfg.push((key.to_string(), value.to_string()));
            }
        }
    }
    if qcfg.is_empty() {
        return Err("py/qstrdefs.h gave no QCFG lines after preprocessing".into());
    }
    Ok((qstrs, qcfg))
}

fn scan_text(text: &str, idents: &mut BTreeSet<String>, found: &mut Found) {
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("MP_QSTR_") {
            let tail = &rest[at + "MP_QSTR_".len()..];
            let len = tail.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
            // makeqstrdefs.py's pattern, `MP_QSTR_[_a-zA-Z0-9]+`, anywhere in the line.
            if len > 0 {
                idents.insert(tail[..len].to_string());
            }
            rest = &tail[len..];
        }
        for mac in ["MP_REGISTER_MODULE(", "MP_REGISTER_EXTENSIBLE_MODULE("] {
            for args in macro_args(line, mac) {
                if let Some((name, obj)) = args.split_once(',') {
                    if let Some(name) = name.trim().strip_prefix("MP_QSTR_") {
                        let m = mac.trim_end_matches('(');
                        found.modules.insert((m.to_string(), name.to_string(), obj.trim().to_string()));
                    }
                }
            }
        }
        for args in macro_args(line, "MP_REGISTER_MODULE_DELEGATION(") {
            if let Some((obj, fun)) = args.split_once(',') {
                found.delegations.insert((obj.trim().to_string(), fun.trim().to_string()));
            }
        }
        for args in macro_args(line, "MP_REGISTER_ROOT_POINTER(") {
            found.root_pointers.insert(args.to_string());
        }
    }
}

/// The text between `name(` and the next `);` for each use of the macro on the line (the
/// shape makeqstrdefs.py's regular expressions accept).
fn macro_args<'a>(line: &'a str, name: &str) -> Vec<&'a str> {
    let mut args = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(name) {
        let preceded_ok = at == 0 || !(rest.as_bytes()[at - 1].is_ascii_alphanumeric() || rest.as_bytes()[at - 1] == b'_');
        let tail = &rest[at + name.len()..];
        match tail.find(");") {
            Some(end) => {
                if preceded_ok {
                    args.push(&tail[..end]);
                }
                rest = &tail[end + 2..];
            }
            None => break,
        }
    }
    args
}
