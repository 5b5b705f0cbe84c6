//! Differential-fuzzing driver: compiles many files with freeze-compiler in one process.
//!
//! ```text
//! fuzz-diff-driver batch LIST.tsv [TARGET...]
//!     each line: OPT <TAB> INPUT.py <TAB> OUTPUT.mpy <TAB> SOURCE_NAME
//!     writes OUTPUT.mpy on success; on a compile error writes OUTPUT.mpy.err holding
//!     "LINE<TAB>KIND<TAB>MESSAGE" (and removes a stale OUTPUT.mpy).
//!     Prints one status line per input on stdout: "ok", "err LINE KIND" or "internal MESSAGE".
//! fuzz-diff-driver compile OPT INPUT.py OUTPUT.mpy SOURCE_NAME [TARGET...]   (one file, same outputs)
//! fuzz-diff-driver dis FILE.mpy
//! fuzz-diff-driver diff A.mpy B.mpy   (first difference; exit 0 identical, 1 differ)
//!
//! TARGET: mpy-cross's own spelling, `-march=NAME` (native code for that architecture) and
//! `-X emit=native|viper|bytecode` (the default emitter), so that the fuzzer passes the same
//! words to both compilers.
//! ```

use std::io::Write;
use std::process::ExitCode;

use freeze_compiler::native::{Arch, EmitOpt};
use freeze_compiler::{compile, dis, Options};

/// The code-generation target shared by every file of a run.
#[derive(Clone, Copy, Default)]
struct Target {
    arch: Arch,
    emit: EmitOpt,
}

/// Reads mpy-cross-style target flags (`-march=NAME`, `-X emit=KIND`); `Err` names the bad one.
fn parse_target(args: &[&str]) -> Result<Target, String> {
    let mut t = Target::default();
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        if let Some(name) = a.strip_prefix("-march=") {
            t.arch = Arch::from_name(name).ok_or_else(|| format!("unknown -march={}", name))?;
        } else if a == "-X" && i + 1 < args.len() {
            i += 1;
            t.emit = match args[i] {
                "emit=bytecode" => EmitOpt::Bytecode,
                "emit=native" => EmitOpt::Native,
                "emit=viper" => EmitOpt::Viper,
                other => return Err(format!("unknown -X {}", other)),
            };
        } else {
            return Err(format!("unknown option {}", a));
        }
        i += 1;
    }
    Ok(t)
}

fn compile_one(opt: u8, input: &str, output: &str, name: &str, target: Target) -> String {
    let _ = std::fs::remove_file(output);
    let err_path = format!("{}.err", output);
    let _ = std::fs::remove_file(&err_path);
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => return format!("internal cannot read {}: {}", input, e),
    };
    let src = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => {
            let _ = std::fs::write(&err_path, "0\tUnicodeError\tnot UTF-8\n");
            return "err 0 UnicodeError".to_string();
        }
    };
    let opts = Options {
        opt_level: opt,
        small_int_bits: 31,
        source_lines: true,
        arch: target.arch,
        emit: target.emit,
        ..Options::default()
    };
    match compile(&src, name, &opts) {
        Ok(mpy) => match std::fs::write(output, mpy) {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("internal cannot write {}: {}", output, e),
        },
        Err(e) => {
            let msg = e.message.replace(['\t', '\n'], " ");
            let _ = std::fs::write(&err_path, format!("{}\t{}\t{}\n", e.line, e.kind, msg));
            if e.kind == "InternalError" {
                format!("internal {}", msg)
            } else {
                format!("err {} {}", e.line, e.kind)
            }
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    match a.as_slice() {
        ["batch", list, target @ ..] => {
            let target = match parse_target(target) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("fuzz-diff-driver: {}", e);
                    return ExitCode::from(2);
                }
            };
            let text = std::fs::read_to_string(list).expect("list file");
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for line in text.lines().filter(|l| !l.is_empty()) {
                let f: Vec<&str> = line.split('\t').collect();
                if f.len() != 4 {
                    let _ = writeln!(out, "internal bad list line");
                    continue;
                }
                let opt: u8 = f[0].parse().expect("opt level");
                let status = compile_one(opt, f[1], f[2], f[3], target);
                let _ = writeln!(out, "{}", status);
                let _ = out.flush();
            }
            ExitCode::SUCCESS
        }
        ["compile", opt, input, output, name, target @ ..] => {
            let target = match parse_target(target) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("fuzz-diff-driver: {}", e);
                    return ExitCode::from(2);
                }
            };
            let status = compile_one(opt.parse().expect("opt level"), input, output, name, target);
            println!("{}", status);
            if status == "ok" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        ["dis", file] => {
            let bytes = std::fs::read(file).expect("mpy file");
            match dis::disassemble(&bytes) {
                Ok(t) => {
                    print!("{}", t);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("dis: {}", e);
                    ExitCode::from(2)
                }
            }
        }
        ["diff", x, y] => {
            let a = std::fs::read(x).expect("first mpy");
            let b = std::fs::read(y).expect("second mpy");
            match dis::first_difference(&a, &b) {
                None => ExitCode::SUCCESS,
                Some(d) => {
                    println!("{}", d);
                    ExitCode::from(1)
                }
            }
        }
        _ => {
            eprintln!("usage: fuzz-diff-driver batch LIST.tsv [TARGET] | compile OPT IN.py OUT.mpy NAME [TARGET] | dis F.mpy | diff A.mpy B.mpy");
            ExitCode::from(2)
        }
    }
}
