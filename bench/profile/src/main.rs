//! `freeze-bench-profile DIR [-O N] [-r REPEAT]`: where freeze-compiler's time goes.
//!
//! Reads every `.py` below DIR (sorted) into memory, then, REPEAT times over the whole set, times
//! each stage of the pipeline separately, the way `freeze_compiler::compile` runs them:
//!   scan     SourceMap::new (line table)
//!   parse    our MicroPython lexer feeding rustpython_parser::parse_tokens, including dropping
//!            its AST at the end
//!   fold     fold::Folder (MicroPython's parse-time rewrites, our tree)
//!   codegen  codegen::Compiler::compile_module (scope, stack-size, code-size, emit passes)
//!   write    mpy::write
//! and, separately, the public `freeze_compiler::compile` end to end (inside
//! `on_compiler_stack`, as `mpy-freeze compile-dir` runs it). Prints one JSON object: the best (minimum) total of each over the
//! repetitions, in seconds of process CPU time (wall time is at the mercy of other processes),
//! plus the file count and source bytes. The stage outputs are checked against `compile`, so the
//! stages really are the same work.


#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Process CPU time (all threads): robust against other processes on a busy machine, and it
/// counts the thread `compile` starts. Linux/glibc `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`.
#[derive(Clone, Copy)]
struct Instant(Duration);

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

impl Instant {
    fn now() -> Instant {
        const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
        let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a valid clock id and a valid out pointer
        let r = unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
        assert_eq!(r, 0, "clock_gettime");
        Instant(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }
}

impl std::ops::Sub for Instant {
    type Output = Duration;
    fn sub(self, rhs: Instant) -> Duration {
        self.0.saturating_sub(rhs.0)
    }
}

use freeze_compiler::{codegen, fold, mpy, source, Options};
use rustpython_parser::{ast, Mode};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("read_dir").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Times {
    scan: Duration,
    parse: Duration,
    fold: Duration,
    codegen: Duration,
    write: Duration,
    compile: Duration,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut opt_level = 0u8;
    let mut repeat = 5usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-O" => {
                i += 1;
                opt_level = args[i].parse().expect("-O N");
            }
            "-r" => {
                i += 1;
                repeat = args[i].parse().expect("-r N");
            }
            a => dir = Some(PathBuf::from(a)),
        }
        i += 1;
    }
    let dir = dir.expect("usage: freeze-bench-profile DIR [-O N] [-r REPEAT]");
    let mut paths = Vec::new();
    walk(&dir, &mut paths);
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(p).expect("utf-8 source"))
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
    let options = Options { opt_level, ..Options::default() };

    // The stages recurse; run them on the compiler's big stack, where `compile` also runs
    // directly (as in `mpy-freeze compile-dir` and the proc macro: one thread for many modules).
    let best = freeze_compiler::on_compiler_stack(move || {
            let mut best: Option<Times> = None;
            for _ in 0..repeat {
                let mut t = Times::default();
                for (name, text) in &files {
                    let t0 = Instant::now();
                    let map = source::SourceMap::new(text, name);
                    let t1 = Instant::now();
                    let parsed = rustpython_parser::parse_tokens(freeze_compiler::lexer::Lexer::new(text), Mode::Module, name);
                    let t2 = Instant::now();
                    let body = match parsed {
                        Ok(ast::Mod::Module(m)) => m.body,
                        _ => panic!("{name}: does not parse"),
                    };
                    let t3 = Instant::now();
                    let tree = fold::Folder::new(&map, options.small_int_bits, options.opt_level)
                        .module(&body)
                        .unwrap_or_else(|e| panic!("{e}"));
                    let t4 = Instant::now();
                    let mut compiler = codegen::Compiler::new(&map, &options, name);
                    compiler.compile_module(&tree).unwrap_or_else(|e| panic!("{e}"));
                    let t5 = Instant::now();
                    let out = mpy::write(options.small_int_bits, &compiler.emit.common.qstrs, &compiler.emit.common.consts, &compiler.scopes);
                    let t6 = Instant::now();
                    drop(compiler);
                    drop(tree);
                    let t7 = Instant::now();
                    drop(body);
                    let t8 = Instant::now();
                    let whole = freeze_compiler::compile(text, name, &options).unwrap_or_else(|e| panic!("{e}"));
                    let t9 = Instant::now();
                    assert!(whole == out, "{name}: stages differ from compile()");
                    t.scan += t1 - t0;
                    t.parse += (t2 - t1) + (t8 - t7); // building and dropping rustpython's AST
                    t.fold += (t4 - t3) + (t7 - t6) / 2; // dropping our tree and the compiler state
                    t.codegen += (t5 - t4) + (t7 - t6) / 2;
                    t.write += t6 - t5;
                    t.compile += t9 - t8;
                }
                let total = |x: &Times| x.scan + x.parse + x.fold + x.codegen + x.write;
                best = match best {
                    Some(b) if total(&b) <= total(&t) => Some(Times { compile: b.compile.min(t.compile), ..b }),
                    Some(b) => Some(Times { compile: b.compile.min(t.compile), ..t }),
                    None => Some(t),
                };
            }
            best.unwrap()
        })
        .expect("compiler thread");
    let s = |d: Duration| d.as_secs_f64();
    println!(
        "{{\"files\":{},\"bytes\":{},\"opt\":{},\"repeat\":{},\"scan\":{:.6},\"parse\":{:.6},\"fold\":{:.6},\"codegen\":{:.6},\"write\":{:.6},\"compile\":{:.6}}}",
        paths.len(),
        bytes,
        opt_level,
        repeat,
        s(best.scan),
        s(best.parse),
        s(best.fold),
        s(best.codegen),
        s(best.write),
        s(best.compile)
    );
}
