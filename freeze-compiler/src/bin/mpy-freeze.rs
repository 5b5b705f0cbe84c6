//! `mpy-freeze`: a drop-in for `mpy-cross`'s everyday use, plus whole-directory compilation and
//! `.mpy` inspection.
//!
//! ```text
//! mpy-freeze [-o OUT] [-s NAME] [-O<N>] [-msmall-int-bits=N] [-X no-source-lines] FILE.py
//! mpy-freeze compile-dir SRC_DIR OUT_DIR [-O<N>] [-X no-source-lines] [-msmall-int-bits=N] [-j N]
//! mpy-freeze dis FILE.mpy
//! mpy-freeze diff A.mpy B.mpy
//! ```
//!
//! Compile errors are printed the way `mpy-cross` prints them: errors found while parsing name
//! the input file and no scope, errors found while compiling name the source name (`-s`) and
//! the scope (`in <module>`, `in f`, ...).

#[cfg(feature = "cli-mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use freeze_compiler::{compile, dis, CompileError, Options};

const USAGE: &str = "\
usage: mpy-freeze [<opts>] [-X <implopt>] [--] <input filename>
       mpy-freeze compile-dir SRC_DIR OUT_DIR [-O<N>] [-X no-source-lines] [-msmall-int-bits=N] [-j N]
       mpy-freeze dis FILE.mpy
       mpy-freeze diff A.mpy B.mpy
       mpy-freeze romfs build [-o OUT] [--mpy|-m|--no-mpy] DIR
       mpy-freeze romfs query FILE
       mpy-freeze size FILE.mpy... | DIR

Compiles Python to MicroPython .mpy v6 bytecode, byte-identical to mpy-cross 1.29.

Options:
--version : show version information
-h, --help : show this help
-o : output file for compiled bytecode (defaults to the input filename with .py replaced by
     .mpy, or stdout if input is stdin); - writes to stdout
-s : source filename to embed in the compiled bytecode (defaults to input file)
-v : verbose (accepted and ignored, as by mpy-cross)
-O[N], -O N : apply bytecode optimizations of level N (-O, -OO, -OOO count the O's)

Target specific options:
-msmall-int-bits=number : set the maximum bits used to encode a small-int (default 31)
-march=<arch> : set architecture for native emitter; x86, x64, armv6, armv6m, armv7m, armv7em,
                armv7emsp, armv7emdp, xtensa, xtensawin, rv32imc, rv64imc, host, debug
                (native code itself so far at xtensa, xtensawin, x64 and rv32imc; the other
                architectures are refused with \"not supported yet by mpy-freeze\")
-march-flags=<flags> : set architecture-specific flags (a dec/hex/bin value or a comma-separated
                       flags string); supported flags for rv32imc: zba, zcmp

Implementation specific options:
  emit={bytecode,native,viper} -- set the default code emitter
  heapsize=<n> -- accepted and ignored
  source-lines    -- include source line numbers (default)
  no-source-lines -- exclude source line numbers

Subcommands:
  compile-dir SRC_DIR OUT_DIR : compile every .py under SRC_DIR (hidden entries and __pycache__
      skipped) to the same relative path under OUT_DIR with .mpy; source names are the relative
      paths. -j N sets the number of threads (default: available cores).
  dis FILE.mpy : print the disassembly of a .mpy file
  diff A.mpy B.mpy : name the first difference of two .mpy files (exit 0 if identical, 1 if not)
  romfs build [-o OUT] [--mpy|-m|--no-mpy] DIR : the ROMFS image of DIR, byte for byte what
      `mpremote romfs build` makes (every entry taken, sorted; .py compiled to .mpy unless --no-mpy
      or an .mpy is next to it, with source names as mpremote gives them: DIR/path.py); OUT
      defaults to DIR.romfs
  romfs query FILE : list the directories and files of a ROMFS image file
  size FILE.mpy... | DIR : where the bytes of .mpy files go (every .mpy under a DIR), one row a
      module and the totals: file bytes, bytecode (preludes and instructions), instructions,
      line tables, qstrs (new/all entries, table bytes), constants (entries, bytes), raw codes
";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let code = match args.first().and_then(|a| a.to_str()) {
        Some("compile-dir") => compile_dir_main(&args[1..]),
        Some("dis") => dis_main(&args[1..]),
        Some("diff") => diff_main(&args[1..]),
        Some("romfs") => romfs_main(&args[1..]),
        Some("size") => size_main(&args[1..]),
        _ => mpy_cross_main(&args),
    };
    ExitCode::from(code)
}

/// Prints the usage to stderr and returns the exit status for a bad command line.
fn usage_error(msg: &str) -> u8 {
    if !msg.is_empty() {
        eprintln!("mpy-freeze: {}", msg);
    }
    eprint!("{}", USAGE);
    2
}

fn lossy(s: &OsString) -> String {
    s.to_string_lossy().into_owned()
}

/// Options shared by the single-file mode and `compile-dir`.
#[derive(Default)]
struct CommonOpts {
    options: Options,
    /// `-march-flags=` as given: read once the architecture is known (see `finish`).
    arch_flags: Option<String>,
}

impl CommonOpts {
    /// Tries to consume `args[*i]` (and maybe its value); `Ok(false)` if it is not one of ours.
    fn take(&mut self, args: &[OsString], i: &mut usize) -> Result<bool, String> {
        let arg = lossy(&args[*i]);
        if let Some(rest) = arg.strip_prefix("-O") {
            if rest.is_empty() {
                // `-O N` (the level as its own argument) or plain `-O` (level 1, as mpy-cross).
                match args.get(*i + 1).and_then(|a| a.to_str()) {
                    Some(n) if n.len() == 1 && n.as_bytes()[0].is_ascii_digit() => {
                        self.options.opt_level = n.as_bytes()[0] - b'0';
                        *i += 1;
                    }
                    _ => self.options.opt_level = 1,
                }
            } else if rest.len() == 1 && rest.as_bytes()[0].is_ascii_digit() {
                self.options.opt_level = rest.as_bytes()[0] - b'0';
            } else if rest.bytes().all(|b| b == b'O') {
                self.options.opt_level = rest.len() as u8 + 1;
            } else {
                return Err(format!("unknown option {}", arg));
            }
            return Ok(true);
        }
        if let Some(v) = arg.strip_prefix("-msmall-int-bits=") {
            match parse_c_integer(v).and_then(|n| u8::try_from(n).ok()) {
                Some(n) => self.options.small_int_bits = n,
                None => return Err(format!("bad value in {}", arg)),
            }
            return Ok(true);
        }
        if let Some(name) = arg.strip_prefix("-march=") {
            match freeze_compiler::native::Arch::from_name(name) {
                Some(arch) => self.options.arch = arch,
                None if name == "host" => return Err("unable to determine host architecture for -march=host".to_string()),
                None => return Err(format!("unknown architecture in {}", arg)),
            }
            return Ok(true);
        }
        if let Some(flags) = arg.strip_prefix("-march-flags=") {
            self.arch_flags = Some(flags.to_string());
            return Ok(true);
        }
        if arg == "-X" {
            let value = match args.get(*i + 1) {
                Some(v) => lossy(v),
                None => return Err("-X needs a value".to_string()),
            };
            match value.as_str() {
                "source-lines" => self.options.source_lines = true,
                "no-source-lines" => self.options.source_lines = false,
                "emit=bytecode" => self.options.emit = freeze_compiler::native::EmitOpt::Bytecode,
                "emit=native" => self.options.emit = freeze_compiler::native::EmitOpt::Native,
                "emit=viper" => self.options.emit = freeze_compiler::native::EmitOpt::Viper,
                v if v.starts_with("heapsize=") => {}
                v => return Err(format!("unknown implementation option -X {}", v)),
            }
            *i += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// Checks made once every option is read, as mpy-cross makes them: architecture flags for
    /// the chosen architecture (ignored without one), a native default emitter needs `-march`.
    fn finish(&mut self) -> Result<(), String> {
        if let Some(flags) = &self.arch_flags {
            if self.options.arch != freeze_compiler::native::Arch::None {
                self.options.arch_flags = self.options.arch.parse_flags(flags)?;
            }
        }
        if self.options.emit != freeze_compiler::native::EmitOpt::Bytecode
            && self.options.arch == freeze_compiler::native::Arch::None
        {
            return Err("arch not specified".to_string());
        }
        Ok(())
    }
}

/// An integer as C's `strtol(s, .., 0)` reads a whole argument: decimal, `0x` hex or `0` octal.
fn parse_c_integer(s: &str) -> Option<u64> {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()
    } else if s.len() > 1 && s.starts_with('0') {
        u64::from_str_radix(&s[1..], 8).ok()
    } else {
        s.parse().ok()
    }
}

// ---------------------------------------------------------------------------------------------
// Single file, as mpy-cross.

fn mpy_cross_main(args: &[OsString]) -> u8 {
    let mut common = CommonOpts::default();
    let mut input: Option<String> = None;
    let mut output: Option<String> = None;
    let mut source_name: Option<String> = None;
    let mut options_done = false;
    let mut i = 0;
    while i < args.len() {
        let arg = lossy(&args[i]);
        if !options_done && arg.starts_with('-') && arg != "-" {
            match arg.as_str() {
                "--version" => {
                    println!(
                        "mpy-freeze {} (freeze-compiler); emitting mpy v6.3 bytecode as mpy-cross 1.29.0 does",
                        env!("CARGO_PKG_VERSION")
                    );
                    return 0;
                }
                "-h" | "--help" => {
                    print!("{}", USAGE);
                    return 0;
                }
                "-v" => {}
                "--" => options_done = true,
                "-o" | "-s" => {
                    let Some(v) = args.get(i + 1) else {
                        return usage_error(&format!("{} needs a value", arg));
                    };
                    if arg == "-o" {
                        output = Some(lossy(v));
                    } else {
                        source_name = Some(lossy(v).replace('\\', "/"));
                    }
                    i += 1;
                }
                _ => match common.take(args, &mut i) {
                    Ok(true) => {}
                    Ok(false) => return usage_error(&format!("unknown option {}", arg)),
                    Err(e) => return usage_error(&e),
                },
            }
        } else {
            if input.is_some() {
                eprintln!("multiple input files");
                return 1;
            }
            input = Some(arg.replace('\\', "/"));
        }
        i += 1;
    }
    if let Err(e) = common.finish() {
        eprintln!("{}", e);
        return 1;
    }
    let Some(input) = input else {
        eprintln!("no input file");
        return 1;
    };

    let from_stdin = input == "-";
    let source = if from_stdin {
        let mut buf = Vec::new();
        match std::io::stdin().read_to_end(&mut buf) {
            Ok(_) => buf,
            Err(e) => {
                eprintln!("OSError: {}", e.raw_os_error().unwrap_or(5));
                return 1;
            }
        }
    } else {
        match read_source(Path::new(&input)) {
            Ok(b) => b,
            Err(msg) => {
                eprintln!("{}", msg);
                return 1;
            }
        }
    };
    let input_name = if from_stdin { "<stdin>".to_string() } else { input.clone() };
    let name = source_name.unwrap_or_else(|| input_name.clone());
    let bytes = match freeze_compiler::compile_bytes(&source, &name, &common.options) {
        Ok(b) => b,
        Err(e) => {
            eprint!("{}", format_error(&e, &input_name, &source));
            return 1;
        }
    };
    let to_stdout = match &output {
        Some(o) => o == "-",
        None => from_stdin,
    };
    if to_stdout {
        let mut out = std::io::stdout().lock();
        if out.write_all(&bytes).and_then(|_| out.flush()).is_err() {
            eprintln!("OSError: can't write to stdout");
            return 1;
        }
        return 0;
    }
    let out_path = output.unwrap_or_else(|| default_output(&input));
    match write_output(Path::new(&out_path), &bytes) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("{}", msg);
            1
        }
    }
}

/// `foo/bar.py` -> `foo/bar.mpy`; a name without `.py` gets `.mpy` appended.
fn default_output(input: &str) -> String {
    match input.strip_suffix(".py") {
        Some(stem) => format!("{}.mpy", stem),
        None => format!("{}.mpy", input),
    }
}

/// Reads a source file, with mpy-cross's wording on failure.
fn read_source(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path)
        .map_err(|e| format!("OSError: ({}, \"can't open {}\")", e.raw_os_error().unwrap_or(2), path.display()))?;
    let mut buf = Vec::new();
    // (at most one byte past the limit: an endless or huge file is refused, not read whole)
    let limit = freeze_compiler::MAX_SOURCE_BYTES;
    file.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("OSError: {}", e.raw_os_error().unwrap_or(5)))?;
    if buf.len() > limit {
        return Err(format!(
            "ValueError: {}: source longer than {limit} bytes (64 MiB, freeze_compiler::MAX_SOURCE_BYTES), the most a module may have",
            path.display()
        ));
    }
    Ok(buf)
}

fn write_output(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes)
        .map_err(|e| format!("OSError: ({}, \"can't open {}\")", e.raw_os_error().unwrap_or(2), path.display()))
}


// ---------------------------------------------------------------------------------------------
// Error text, as mpy-cross prints an uncaught exception.

/// Whether MicroPython reports this error from its parser (traceback without a scope, naming
/// the input file) rather than from its compiler (naming the source name and the scope).
fn is_parse_error(e: &CompileError) -> bool {
    match e.kind.as_str() {
        "IndentationError" => true,
        // "invalid syntax", "invalid syntax for integer", "invalid syntax for number", ...
        "SyntaxError" => {
            e.message.starts_with("invalid syntax")
                || matches!(e.message.as_str(), "malformed f-string" | "not a constant" | "source is not valid UTF-8")
        }
        "RuntimeError" => e.message == "maximum recursion depth exceeded",
        _ => false,
    }
}

fn format_error(e: &CompileError, input_name: &str, source: &[u8]) -> String {
    match e.kind.as_str() {
        // The inline assembler's range and alignment errors are raised outside the compiler's
        // error handling: mpy-cross prints them without a traceback.
        "RuntimeError" if e.message.starts_with("ERROR: ") => return format!("{}: {}\n", e.kind, e.message),
        "SyntaxError" | "IndentationError" | "RuntimeError" | "ViperTypeError" => {}
        // A compiler bug: name the file so that it can be reported.
        "InternalError" => return format!("{}: {} (compiling {})\n", e.kind, e.message, e.file),
        // Errors without a place, as mpy-cross prints them (NotImplementedError, ValueError, ...).
        _ => return format!("{}: {}\n", e.kind, e.message),
    }
    if is_parse_error(e) {
        format!("Traceback (most recent call last):\n  File \"{}\", line {}\n{}: {}\n", input_name, e.line, e.kind, e.message)
    } else {
        // the compiler's scope; for errors found before it (the folding stage) the scope is
        // read from the indentation
        let scope = e.scope.clone().unwrap_or_else(|| enclosing_scope(&String::from_utf8_lossy(source), e.line));
        format!(
            "Traceback (most recent call last):\n  File \"{}\", line {}, in {}\n{}: {}\n",
            e.file, e.line, scope, e.kind, e.message
        )
    }
}

/// The simple name of the innermost `def`/`class` whose body holds line `line`, or that starts
/// at it (mpy-cross reports the errors of a function's signature, a viper annotation or an
/// inline assembler function at its `def`, in its own scope), found from the indentation of
/// logical lines (strings, brackets and continuations are followed); `<module>` at the top
/// level. Lambdas and comprehensions are not seen: an error inside one
/// is attributed to the enclosing function.
fn enclosing_scope(source: &str, line: u32) -> String {
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    let mut string: Option<(char, bool)> = None;
    let mut continued = false;
    for (n, text) in source.split('\n').enumerate() {
        let n = n as u32 + 1;
        if n > line {
            break;
        }
        let logical_start = depth == 0 && string.is_none() && !continued;
        let body = text.trim_start_matches([' ', '\t', '\x0c']);
        if logical_start && !body.is_empty() && !body.starts_with('#') && !body.starts_with('\r') {
            let mut indent = 0;
            for c in text.chars() {
                match c {
                    ' ' => indent += 1,
                    '\t' => indent = (indent / 8 + 1) * 8,
                    '\x0c' => indent = 0,
                    _ => break,
                }
            }
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
            if n <= line {
                let header = body.strip_prefix("async").filter(|r| r.starts_with([' ', '\t'])).map(str::trim_start).unwrap_or(body);
                let name_part = header.strip_prefix("def").or_else(|| header.strip_prefix("class"));
                if let Some(rest) = name_part.filter(|r| r.starts_with([' ', '\t'])) {
                    let name: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        stack.push((indent, name));
                    }
                }
            }
        }
        // Follow strings, comments and brackets to the end of this physical line.
        continued = false;
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match string {
                Some((q, triple)) => {
                    if c == '\\' {
                        i += 1;
                    } else if c == q {
                        if !triple {
                            string = None;
                        } else if chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q) {
                            string = None;
                            i += 2;
                        }
                    }
                }
                None => match c {
                    '#' => break,
                    '\'' | '"' => {
                        if chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c) {
                            string = Some((c, true));
                            i += 2;
                        } else {
                            string = Some((c, false));
                        }
                    }
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth = depth.saturating_sub(1),
                    '\\' if chars[i + 1..].iter().all(|&c| c == '\r') => continued = true,
                    _ => {}
                },
            }
            i += 1;
        }
        if let Some((_, false)) = string {
            // A single-quoted string ends at the line's end (or continues after a backslash).
            if !text.trim_end_matches('\r').ends_with('\\') {
                string = None;
            }
        }
    }
    stack.pop().map(|(_, name)| name).unwrap_or_else(|| "<module>".to_string())
}

// ---------------------------------------------------------------------------------------------
// compile-dir

struct Outcome {
    bytes_in: usize,
    bytes_out: usize,
    error: Option<String>,
}

fn compile_dir_main(args: &[OsString]) -> u8 {
    let mut common = CommonOpts::default();
    let mut jobs: Option<usize> = None;
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = lossy(&args[i]);
        if arg == "-h" || arg == "--help" {
            print!("{}", USAGE);
            return 0;
        }
        if arg.starts_with('-') && arg.len() > 1 {
            if let Some(rest) = arg.strip_prefix("-j") {
                let value = if rest.is_empty() {
                    i += 1;
                    args.get(i).map(lossy).unwrap_or_default()
                } else {
                    rest.to_string()
                };
                match value.parse::<usize>() {
                    Ok(n) if n > 0 => jobs = Some(n),
                    _ => return usage_error(&format!("bad -j value {:?}", value)),
                }
            } else {
                match common.take(args, &mut i) {
                    Ok(true) => {}
                    Ok(false) => return usage_error(&format!("unknown option {}", arg)),
                    Err(e) => return usage_error(&e),
                }
            }
        } else {
            dirs.push(PathBuf::from(&args[i]));
        }
        i += 1;
    }
    let [src, out] = match <[PathBuf; 2]>::try_from(dirs) {
        Ok(d) => d,
        Err(_) => return usage_error("compile-dir needs SRC_DIR and OUT_DIR"),
    };
    if let Err(e) = common.finish() {
        return usage_error(&e);
    }
    // Options the compiler rejects (say, -msmall-int-bits=99) are reported once, not per file.
    if let Err(e) = compile("", "", &common.options) {
        return usage_error(&format!("{}: {}", e.kind, e.message));
    }
    let mut files = Vec::new();
    if let Err(e) = walk(&src, "", &mut files) {
        eprintln!("OSError: {}: {}", src.display(), e);
        return 1;
    }
    files.sort();

    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
        .clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let options = &common.options;
    let mut results: Vec<Option<Outcome>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| {
                    // One compiler thread per worker, not one per file.
                    freeze_compiler::on_compiler_stack(|| {
                        let mut done = Vec::new();
                        loop {
                            let k = next.fetch_add(1, Ordering::Relaxed);
                            let Some(rel) = files.get(k) else { break };
                            done.push((k, compile_one_file(&src, &out, rel, options)));
                        }
                        done
                    })
                    .unwrap_or_default()
                })
            })
            .collect();
        for w in workers {
            // A worker that died leaves its files unset; they are reported below.
            if let Ok(done) = w.join() {
                for (k, o) in done {
                    results[k] = Some(o);
                }
            }
        }
    });

    let (mut bytes_in, mut bytes_out, mut errors) = (0usize, 0usize, 0usize);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for (rel, r) in files.iter().zip(results) {
        let r = r.unwrap_or(Outcome { bytes_in: 0, bytes_out: 0, error: Some(format!("InternalError: {} was not compiled\n", rel)) });
        bytes_in += r.bytes_in;
        bytes_out += r.bytes_out;
        if let Some(e) = r.error {
            errors += 1;
            let _ = err.write_all(e.as_bytes());
        }
    }
    println!("files: {}, bytes in: {}, bytes out: {}, errors: {}", files.len(), bytes_in, bytes_out, errors);
    if errors > 0 {
        1
    } else {
        0
    }
}

/// Collects `rel/path.py` of every `.py` file under `dir`, skipping hidden entries and
/// `__pycache__`; directories reached through symlinks are not entered.
fn walk(dir: &Path, rel: &str, files: &mut Vec<String>) -> std::io::Result<()> {
    let mut entries: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        entries.push((name, entry.path()));
    }
    entries.sort();
    for (name, path) in entries {
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        let child_rel = if rel.is_empty() { name.clone() } else { format!("{}/{}", rel, name) };
        let meta = std::fs::symlink_metadata(&path)?;
        if meta.is_dir() {
            walk(&path, &child_rel, files)?;
        } else if name.ends_with(".py") && std::fs::metadata(&path).map(|m| m.is_file()).unwrap_or(false) {
            files.push(child_rel);
        }
    }
    Ok(())
}

fn compile_one_file(src: &Path, out: &Path, rel: &str, options: &Options) -> Outcome {
    let path = src.join(rel);
    let display = path.to_string_lossy().into_owned();
    let source = match read_source(&path) {
        Ok(s) => s,
        Err(msg) => return Outcome { bytes_in: 0, bytes_out: 0, error: Some(format!("{}\n", msg)) },
    };
    let bytes_in = source.len();
    let bytes = match freeze_compiler::compile_bytes(&source, rel, options) {
        Ok(b) => b,
        Err(e) => return Outcome { bytes_in, bytes_out: 0, error: Some(format_error(&e, &display, &source)) },
    };
    let target = out.join(default_output(rel));
    if let Some(parent) = target.parent() {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return Outcome {
                bytes_in,
                bytes_out: 0,
                error: Some(format!("OSError: ({}, \"can't create {}\")\n", e.raw_os_error().unwrap_or(2), parent.display())),
            };
        }
    }
    match write_output(&target, &bytes) {
        Ok(()) => Outcome { bytes_in, bytes_out: bytes.len(), error: None },
        Err(msg) => Outcome { bytes_in, bytes_out: 0, error: Some(format!("{}\n", msg)) },
    }
}

// ---------------------------------------------------------------------------------------------
// dis and diff

fn read_mpy(path: &OsString) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("mpy-freeze: {}: {}", path.to_string_lossy(), e))
}

fn dis_main(args: &[OsString]) -> u8 {
    let [path] = args else {
        return usage_error("dis needs one FILE.mpy");
    };
    let bytes = match read_mpy(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", e);
            return 1;
        }
    };
    match dis::disassemble(&bytes) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
            0
        }
        Err(e) => {
            eprintln!("mpy-freeze: {}: {}", path.to_string_lossy(), e);
            1
        }
    }
}

fn diff_main(args: &[OsString]) -> u8 {
    let [a, b] = args else {
        return usage_error("diff needs A.mpy and B.mpy");
    };
    let (a, b) = match (read_mpy(a), read_mpy(b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{}", e);
            return 2;
        }
    };
    match dis::first_difference(&a, &b) {
        None => {
            println!("identical");
            0
        }
        Some(d) => {
            println!("{}", d);
            1
        }
    }
}

// ---------------------------------------------------------------------------------------------
// romfs build / query, as mpremote's

fn romfs_main(args: &[OsString]) -> u8 {
    match args.first().and_then(|a| a.to_str()) {
        Some("build") => romfs_build_main(&args[1..]),
        Some("query") => romfs_query_main(&args[1..]),
        _ => usage_error("romfs needs build or query"),
    }
}

fn romfs_build_main(args: &[OsString]) -> u8 {
    use freeze_compiler::romfs_build::{build_folder, BuildError, BuildOptions};
    let mut options = BuildOptions::default();
    let mut output: Option<PathBuf> = None;
    let mut dir: Option<OsString> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].to_str() {
            Some("-o" | "--output") => match args.get(i + 1) {
                Some(v) => {
                    output = Some(PathBuf::from(v));
                    i += 1;
                }
                None => return usage_error("-o needs a value"),
            },
            Some("--mpy" | "-m") => options.mpy = true,
            Some("--no-mpy") => options.mpy = false,
            Some("-h" | "--help") => {
                print!("{}", USAGE);
                return 0;
            }
            Some(a) if a.starts_with('-') && a.len() > 1 => return usage_error(&format!("unknown option {}", a)),
            _ if dir.is_some() => return usage_error("romfs build takes one DIR"),
            _ => dir = Some(args[i].clone()),
        }
        i += 1;
    }
    let Some(dir) = dir else {
        return usage_error("romfs build: source path not given");
    };
    // mpremote's default: the path as given with ".romfs" appended
    let output = output.unwrap_or_else(|| {
        let mut o = dir.clone();
        o.push(".romfs");
        PathBuf::from(o)
    });
    let built = match build_folder(Path::new(&dir), &options) {
        Ok(b) => b,
        Err(BuildError::Compile(c)) => {
            let shown = if c.source_name.is_empty() { c.path.to_string_lossy().into_owned() } else { c.source_name.clone() };
            eprint!("{}", format_error(&c.error, &shown, &c.source));
            return 1;
        }
        Err(e) => {
            eprintln!("Error: {}", e);
            return 1;
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(built.listing().as_bytes());
    let _ = writeln!(out, "Writing {} bytes to output file {}", built.image.len(), output.display());
    let _ = out.flush();
    match write_output(&output, &built.image) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("{}", msg);
            1
        }
    }
}

fn romfs_query_main(args: &[OsString]) -> u8 {
    let [path] = args else {
        return usage_error("romfs query needs one FILE");
    };
    let image = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("mpy-freeze: {}: {}", path.to_string_lossy(), e);
            return 1;
        }
    };
    match freeze_compiler::romfs_build::query_listing(&path.to_string_lossy(), &image) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
            0
        }
        Err(e) => {
            eprintln!("mpy-freeze: {}: not a valid ROMFS image: {}", path.to_string_lossy(), e);
            1
        }
    }
}

// ---------------------------------------------------------------------------------------------
// size

fn size_main(args: &[OsString]) -> u8 {
    if args.is_empty() {
        return usage_error("size needs FILE.mpy... or a DIR");
    }
    let mut modules: Vec<(String, Vec<u8>)> = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk_mpy(path, "", &mut found) {
                eprintln!("mpy-freeze: {}: {}", path.display(), e);
                return 1;
            }
            found.sort();
            for rel in found {
                match std::fs::read(path.join(&rel)) {
                    Ok(b) => modules.push((rel, b)),
                    Err(e) => {
                        eprintln!("mpy-freeze: {}: {}", path.join(&rel).display(), e);
                        return 1;
                    }
                }
            }
        } else {
            match read_mpy(arg) {
                Ok(b) => modules.push((lossy(arg), b)),
                Err(e) => {
                    eprintln!("{}", e);
                    return 1;
                }
            }
        }
    }
    match freeze_compiler::size::report(modules.iter().map(|(n, b)| (n.as_str(), b.as_slice()))) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(report.table().as_bytes()).and_then(|_| out.flush());
            0
        }
        Err(e) => {
            eprintln!("mpy-freeze: {}", e);
            1
        }
    }
}

/// Collects `rel/path.mpy` of every `.mpy` file under `dir` (hidden entries skipped; directory
/// links not entered).
fn walk_mpy(dir: &Path, rel: &str, files: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let child_rel = if rel.is_empty() { name.clone() } else { format!("{}/{}", rel, name) };
        let meta = std::fs::symlink_metadata(entry.path())?;
        if meta.is_dir() {
            walk_mpy(&entry.path(), &child_rel, files)?;
        } else if name.ends_with(".mpy") && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
            files.push(child_rel);
        }
    }
    Ok(())
}
