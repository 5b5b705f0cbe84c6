//! Differential-fuzzing driver: compiles many files with freeze-compiler in one process.
//!
//! ```text
//! fuzz-diff-driver batch LIST.tsv
//!     each line: OPT <TAB> INPUT.py <TAB> OUTPUT.mpy <TAB> SOURCE_NAME
//!     writes OUTPUT.mpy on success; on a compile error writes OUTPUT.mpy.err holding
//!     "LINE<TAB>KIND<TAB>MESSAGE" (and removes a stale OUTPUT.mpy).
//!     Prints one status line per input on stdout: "ok", "err LINE KIND" or "internal MESSAGE".
//! fuzz-diff-driver compile OPT INPUT.py OUTPUT.mpy SOURCE_NAME   (one file, same outputs)
//! fuzz-diff-driver dis FILE.mpy
//! fuzz-diff-driver diff A.mpy B.mpy   (first difference; exit 0 identical, 1 differ)
//! ```

use std::io::Write;
use std::process::ExitCode;

use freeze_compiler::{compile, dis, Options};

fn compile_one(opt: u8, input: &str, output: &str, name: &str) -> String {
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
    let opts = Options { opt_level: opt, small_int_bits: 31, source_lines: true, ..Options::default() };
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
        ["batch", list] => {
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
                let status = compile_one(opt, f[1], f[2], f[3]);
                let _ = writeln!(out, "{}", status);
                let _ = out.flush();
            }
            ExitCode::SUCCESS
        }
        ["compile", opt, input, output, name] => {
            let status = compile_one(opt.parse().expect("opt level"), input, output, name);
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
            eprintln!("usage: fuzz-diff-driver batch LIST.tsv | compile OPT IN.py OUT.mpy NAME | dis F.mpy | diff A.mpy B.mpy");
            ExitCode::from(2)
        }
    }
}
