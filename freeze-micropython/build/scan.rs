//! The preprocessing pass MicroPython's `makeqstrdefs.py` makes: every source is run through the
//! C preprocessor with `NO_QSTR` defined, and its output is searched for `MP_QSTR_<name>` uses,
//! `MP_REGISTER_MODULE(...)`-style module registrations and `MP_REGISTER_ROOT_POINTER(...)`
//! declarations. `py/qstrdefs.h` and the port's `qstrdefsport.h` give the qstrs that are not
//! identifiers (`<module>`, `\n`, ...) and the qstr configuration (`QCFG` lines).

use std::collections::{BTreeMap, BTreeSet};
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

    // py.mk's SRC_QSTR is every source but `py/nlr%` (SRC_QSTR_IGNORE): those are not scanned.
    let sources: Vec<PathBuf> = sources
        .iter()
        .filter(|f| !(f.parent() == Some(&tree.root.join("py")) && f.file_name().is_some_and(|n| n.to_string_lossy().starts_with("nlr"))))
        .cloned()
        .collect();
    let sources = &sources[..];

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
    // The texts are read as one stream, as makeqstrdefs.py reads make's concatenated qstr.i.last.
    let mut split = Split::default();
    for text in &outputs {
        split.text(text);
    }
    split.finish(&mut found);
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
/// py.mk's recipe is `cat ... | sed 's/^Q(.*)/"&"/' | $(CPP) $(CFLAGS) - | sed
/// 's/^\"\(Q(.*)\)\"/\1/'`, read by makeqstrdata.py; each step below is one of those, with its
/// exact rule (tests/genhdr_oracle.rs runs the real pipeline and compares).
fn header_qstrs(cc: &Compiler, tree: &Tree, port: &Path, out: &Path) -> Result<(Vec<String>, Vec<(String, String)>), String> {
    let mut quoted = String::new();
    for header in [tree.root.join("py/qstrdefs.h"), port.join("qstrdefsport.h")] {
        let text = std::fs::read_to_string(&header).map_err(|e| format!("cannot read {}: {e}", header.display()))?;
        for line in text.lines() {
            // sed's `^Q(.*)` ends at the line's last `)`: what follows it (a comment, say)
            // stays outside the quotes, and a line without `)` is not quoted at all.
            match line.rfind(')') {
                Some(end) if line.starts_with("Q(") => {
                    quoted.push('"');
                    quoted.push_str(&line[..=end]);
                    quoted.push('"');
                    quoted.push_str(&line[end + 1..]);
                }
                _ => quoted.push_str(line),
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
    let mut qcfg: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        // sed's `^"\(Q(.*)\)"` unquotes up to the line's last `)"`, keeping what follows; then
        // makeqstrdata.py strips the line and reads `^Q\((.*)\)$` and `^QCFG\((.+), (.+)\)`.
        let unquoted;
        let line = match line.rfind(")\"") {
            Some(end) if line.starts_with("\"Q(") && end >= 3 => {
                unquoted = format!("{}{}", &line[1..=end], &line[end + 2..]);
                unquoted.as_str()
            }
            _ => line,
        };
        let line = line.trim_matches(python_space);
        if let Some((key, value)) = qcfg_line(line) {
            // a key given twice keeps its last value (a Python dict)
            qcfg.retain(|(k, _)| k != key);
            let value = if value.len() >= 2 && value.starts_with('(') && value.ends_with(')') { &value[1..value.len() - 1] } else { value };
            qcfg.push((key.to_string(), value.to_string()));
        } else if let Some(q) = line.strip_prefix("Q(").and_then(|l| l.strip_suffix(')')) {
            qstrs.push(match q {
                // the two spellings of control characters makeqstrdata.py knows
                "\\n" => "\n".to_string(),
                "\\r\\n" => "\r\n".to_string(),
                _ => q.to_string(),
            });
        }
    }
    if qcfg.is_empty() {
        return Err("py/qstrdefs.h gave no QCFG lines after preprocessing".into());
    }
    Ok((qstrs, qcfg))
}

/// makeqstrdata.py's `^QCFG\((.+), (.+)\)`, not anchored at the end: the key is as long as it
/// can be (up to the last `, ` that still leaves a value and a `)`), the value runs to the
/// line's last `)`.
fn qcfg_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("QCFG(")?;
    let close = rest.rfind(')')?;
    let (sep, _) = rest[..close].rmatch_indices(", ").find(|&(at, _)| at >= 1 && close > at + 2)?;
    Some((&rest[..sep], &rest[sep + 2..close]))
}

/// Python's `str.isspace()`, which `strip()` and `\s` use: Unicode's white space and the
/// four information separators U+001C..U+001F, which Rust's `char::is_whitespace` leaves out.
fn python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// makeqstrdefs.py's `split` pass over the preprocessed text, for its three modes: qstr (each
/// `MP_QSTR_[_a-zA-Z0-9]+`), module (each `(MP_REGISTER_MODULE|MP_REGISTER_EXTENSIBLE_MODULE|
/// MP_REGISTER_MODULE_DELEGATION)\(.*?,\s*.*?\);`) and root_pointer (each
/// `MP_REGISTER_ROOT_POINTER\(.*?\);`), matched anywhere in a line (inside string literals and
/// longer identifiers too) except line markers.
///
/// Matches are grouped by the `.c` file the line markers last named (lines of headers belong to
/// the `.c` file that includes them), and the script writes each group to a file named after
/// that `.c` file, per mode, when the markers move to another `.c` file: a later non-empty group
/// of the same file (a `.c` file that includes another `.c`, as `emitnx64.c` includes
/// `emitnative.c`, is named again after it) replaces the earlier one. `cat` then collects the
/// files. So only each file's last non-empty group per mode counts, here as there.
#[derive(Default)]
struct Split {
    /// The `.c` file the markers last named.
    file: Option<String>,
    /// This group's matches per mode (qstr, module, root_pointer).
    group: [Vec<String>; 3],
    /// Each file's last non-empty group per mode.
    kept: BTreeMap<(String, usize), Vec<String>>,
}

impl Split {
    fn text(&mut self, text: &str) {
        for line in text.lines() {
            if let Some(name) = line_marker(line) {
                if is_source(name) && self.file.as_deref() != Some(name) {
                    self.close_group();
                    self.file = Some(name.to_string());
                }
                continue;
            }
            let mut rest = line;
            while let Some(at) = rest.find("MP_QSTR_") {
                let tail = &rest[at + "MP_QSTR_".len()..];
                let len = tail.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
                if len > 0 {
                    self.group[0].push(tail[..len].to_string());
                }
                rest = &tail[len..];
            }
            let registrations = ["MP_REGISTER_MODULE(", "MP_REGISTER_EXTENSIBLE_MODULE(", "MP_REGISTER_MODULE_DELEGATION("];
            for (_, _, text) in calls(line, &registrations, true) {
                self.group[1].push(text.to_string());
            }
            for (_, _, text) in calls(line, &["MP_REGISTER_ROOT_POINTER("], false) {
                self.group[2].push(text.to_string());
            }
        }
    }

    fn close_group(&mut self) {
        for (mode, group) in self.group.iter_mut().enumerate() {
            // Matches before any `.c` marker would have no file to go to (the script fails
            // then); the preprocessor always starts with its source's marker.
            if let (Some(file), false) = (&self.file, group.is_empty()) {
                self.kept.insert((file.clone(), mode), std::mem::take(group));
            }
            group.clear();
        }
    }

    /// The collected matches read as makeqstrdata.py, makemoduledefs.py and
    /// make_root_pointers.py read them.
    fn finish(mut self, found: &mut Found) {
        self.close_group();
        let mut idents = BTreeSet::new();
        for ((_, mode), matches) in self.kept {
            for m in matches {
                match mode {
                    0 => {
                        idents.insert(m);
                    }
                    1 => {
                        // makemoduledefs.py: `(MP_REGISTER_MODULE|MP_REGISTER_EXTENSIBLE_MODULE)
                        // \(MP_QSTR_(.*?),\s*(.*?)\);` and `MP_REGISTER_MODULE_DELEGATION\((.*?),
                        // \s*(.*?)\);`. The name must follow the parenthesis at once (a space there
                        // and the module is not registered), the text is otherwise taken as is:
                        // spaces the preprocessor keeps before `,` or `)` end up in the header.
                        // (Read within each collected match: a registration nested in another's
                        // arguments, which the script may follow onto the next line, is not.)
                        let heads = ["MP_REGISTER_MODULE(MP_QSTR_", "MP_REGISTER_EXTENSIBLE_MODULE(MP_QSTR_"];
                        for (head, args, _) in calls(&m, &heads, true) {
                            let (name, obj) = split_args(args);
                            let mac = head.split('(').next().unwrap_or_default();
                            found.modules.insert((mac.to_string(), name.to_string(), obj.to_string()));
                        }
                        for (_, args, _) in calls(&m, &["MP_REGISTER_MODULE_DELEGATION("], true) {
                            let (obj, fun) = split_args(args);
                            found.delegations.insert((obj.to_string(), fun.to_string()));
                        }
                    }
                    _ => {
                        // make_root_pointers.py: `MP_REGISTER_ROOT_POINTER\((.*?)\);`
                        for (_, decl, _) in calls(&m, &["MP_REGISTER_ROOT_POINTER("], false) {
                            found.root_pointers.insert(decl.to_string());
                        }
                    }
                }
            }
        }
        found.qstrs.extend(idents);
    }
}

/// makeqstrdefs.py's line markers, `^#(?:line)?\s+\d+\s"([^"]+)"`: the file they name.
/// Other lines starting with `#` (`#pragma`, ...) are searched like any line.
fn line_marker(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('#')?;
    let rest = rest.strip_prefix("line").unwrap_or(rest);
    let digits = rest.trim_start_matches(python_space);
    if digits.len() == rest.len() {
        return None;
    }
    let after = digits.trim_start_matches(|c: char| c.is_ascii_digit());
    if after.len() == digits.len() {
        return None;
    }
    let mut chars = after.chars();
    if !chars.next().is_some_and(python_space) {
        return None;
    }
    let name = chars.as_str().strip_prefix('"')?;
    let end = name.find('"')?;
    (end > 0).then(|| &name[..end])
}

/// makeqstrdefs.py's `is_c_source` or `is_cxx_source`: the extension `os.path.splitext` gives
/// (after the last dot of the file name, leading dots not counting) is a C or C++ one.
fn is_source(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name).trim_start_matches('.');
    [".c", ".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++", ".C"].iter().any(|ext| base.len() > ext.len() && base.ends_with(ext))
}

/// Python's `re.findall` of `<head>(.*?),\s*.*?\);` (`with_comma`) or `<head>(.*?)\);` over
/// `text`, for the alternatives `heads`: (head, text between head and `);`, whole match). The
/// head may start anywhere, even inside a longer identifier; the match ends at the first `);`
/// after the head (after its first `,` with `with_comma`).
fn calls<'a, 'h>(text: &'a str, heads: &[&'h str], with_comma: bool) -> Vec<(&'h str, &'a str, &'a str)> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some((at, head)) = heads.iter().filter_map(|h| text[pos..].find(h).map(|i| (pos + i, *h))).min_by_key(|&(i, _)| i) {
        let args = at + head.len();
        let from = if with_comma {
            match text[args..].find(',') {
                Some(comma) => args + comma + 1,
                None => break,
            }
        } else {
            args
        };
        // No `);` after this head: none after a later one either.
        let Some(end) = text[from..].find(");").map(|i| from + i) else { break };
        found.push((head, &text[args..end], &text[at..end + 2]));
        pos = end + 2;
    }
    found
}

/// `(.*?),\s*(.*?)`: the text before the first `,`, and the text after it without its leading
/// white space.
fn split_args(args: &str) -> (&str, &str) {
    let (a, b) = args.split_once(',').unwrap_or((args, ""));
    (a, b.trim_start_matches(python_space))
}
