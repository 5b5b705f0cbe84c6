//! What `freeze!` does with folders that cannot be frozen as they are: symbolic-link loops, a
//! file given as the folder, unreadable files, names that differ only by case, names that are
//! not UTF-8. Checked with real `cargo build`s of a scratch crate (as tests/macro_rebuild.rs
//! does), whose `src/main.rs` freezes one folder per case, each on its own line, so that one
//! build reports every case: an error at line N belongs to case N. The cases it accepts are
//! built a second time on their own and run, printing the modules each one froze.
//!
//! The tests assert what issue 7 asks ("the macro rejects cleanly ..."): each rejection is one
//! error naming the paths involved and saying why. Where the honest answer is acceptance (tests
//! run as root, who reads a chmod-000 file; names that are not UTF-8 on files the macro never
//! freezes; a clash by case among files it never freezes), the tests assert that instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `entries` of `from` into `to`, writing only files whose bytes differ (as
/// tests/macro_rebuild.rs does: the scratch crate depends on a snapshot of this repository, so
/// work going on in the repository meanwhile does not disturb the build). Skips `target`,
/// `tests` and hidden entries.
fn sync(from: &Path, to: &Path, entries: &[&str]) {
    for e in entries {
        let (src, dst) = (from.join(e), to.join(e));
        if src.is_dir() {
            let names: Vec<String> = std::fs::read_dir(&src)
                .unwrap()
                .map(|d| d.unwrap().file_name().into_string().unwrap())
                .filter(|n| n != "target" && n != "tests" && !n.starts_with('.'))
                .collect();
            let names: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
            sync(&src, &dst, &names);
        } else if src.is_file() {
            let data = std::fs::read(&src).unwrap();
            if std::fs::read(&dst).ok().as_deref() != Some(&data[..]) {
                std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
                std::fs::write(&dst, data).unwrap();
            }
        }
    }
}

/// The snapshot of this repository the scratch crates depend on (own folder, shared target
/// dir with tests/macro_rebuild.rs so the dependencies are built once).
fn snapshot() -> PathBuf {
    static SNAP: OnceLock<PathBuf> = OnceLock::new();
    SNAP.get_or_init(|| {
        let snap = repo().join("target/freeze-scratch/freeze-reject");
        sync(&repo(), &snap, &["Cargo.toml", "Cargo.lock", "src", "freeze-compiler", "freeze-macros", "freeze-runtime"]);
        snap
    })
    .clone()
}

fn target_dir() -> PathBuf {
    repo().join("target/freeze-scratch")
}

/// A scratch crate in a fresh folder: `main.rs` freezes `cases/<name>/` for each case, in this
/// order (case `i` on line `i + 1`), and prints `<case>: <module> <module> ...` for each.
fn write_crate(dir: &Path, cases: &[&str]) {
    let repo_path = snapshot().display().to_string().replace('\\', "/");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"freeze-reject-scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nfreeze = {{ path = \"{repo_path}\" }}\n\n[workspace]\n\n\
             [profile.dev.package.freeze-compiler]\nopt-level = 2\n[profile.dev.package.rustpython-parser]\nopt-level = 2\n"
        ),
    )
    .unwrap();
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let mut main = String::new();
    for (i, case) in cases.iter().enumerate() {
        let path = if *case == "folder_is_a_file" {
            "cases/folder_is_a_file/mod.py".to_string()
        } else {
            format!("cases/{case}/")
        };
        let options = case_options(case);
        main.push_str(&format!("static C{i}: freeze::FrozenModules = freeze::freeze!({path:?}{options});\n"));
    }
    main.push_str("fn main() {\n");
    for (i, case) in cases.iter().enumerate() {
        main.push_str(&format!(
            "    println!(\"{case}:{{}}\", C{i}.iter().map(|m| format!(\" {{}}\", String::from_utf8_lossy(m.name().bytes().as_bytes()))).collect::<String>());\n"
        ));
    }
    main.push_str("}\n");
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
}

/// The options after the folder, for the cases that need some.
fn case_options(case: &str) -> &'static str {
    match case {
        "case_clash_not_frozen" => ", include = [\"app/**\"]",
        "case_clash_excluded" | "non_utf8_excluded" => ", exclude = [\"vendor/**\"]",
        _ => "",
    }
}

/// `cargo build` of a scratch crate, killed (the whole process group) after `limit`. Returns
/// the exit success (None: killed) and stderr.
fn cargo_build(dir: &Path, limit: Duration) -> (Option<bool>, String) {
    use std::os::unix::process::CommandExt;
    let mut child = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(dir.join("build.log")).unwrap())
        .process_group(0)
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s.success());
        }
        if start.elapsed() > limit {
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    (status, std::fs::read_to_string(dir.join("build.log")).unwrap_or_default())
}

/// The `freeze!` errors of a build, by case: the first `error: freeze!: ...` that points at the
/// case's line of `src/main.rs`.
fn errors_by_case(stderr: &str, cases: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let lines: Vec<&str> = stderr.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let Some(msg) = l.strip_prefix("error: ") else { continue };
        let at = lines[i + 1..].iter().find_map(|l| l.trim().strip_prefix("--> src/main.rs:"));
        if let Some(at) = at {
            let line: usize = at.split(':').next().unwrap().parse().unwrap();
            if let Some(case) = cases.get(line - 1) {
                // a case may have several errors (one per file); the first names it
                out.entry(case.to_string()).or_insert_with(|| msg.to_string());
            }
        }
    }
    out
}

fn run_in(dir: &Path, cmd: &str, args: &[&str]) {
    let st = Command::new(cmd).args(args).current_dir(dir).status().unwrap();
    assert!(st.success(), "{cmd} {args:?} failed");
}

/// Every case folder, made under `root/cases`. Returns whether a chmod-000 file is readable to
/// us (true when the tests run as root).
fn make_cases(root: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{symlink, PermissionsExt};
    let c = root.join("cases");
    let mk = |case: &str, files: &[(&str, &str)]| {
        for (rel, text) in files {
            let p = c.join(case).join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        std::fs::create_dir_all(c.join(case)).unwrap();
    };

    // symbolic-link loops: a link to itself; two links to each other; a link to the folder it
    // is in; a link back to the frozen folder's root
    mk("symlink_self", &[("ok.py", "x = 1\n")]);
    symlink("loop", c.join("symlink_self/loop")).unwrap();
    mk("symlink_pair", &[("ok.py", "x = 1\n")]);
    symlink("b", c.join("symlink_pair/a")).unwrap();
    symlink("a", c.join("symlink_pair/b")).unwrap();
    mk("symlink_self_py", &[("ok.py", "x = 1\n")]);
    symlink("m.py", c.join("symlink_self_py/m.py")).unwrap();
    mk("symlink_to_own_dir", &[("pkg/__init__.py", ""), ("pkg/m.py", "x = 1\n")]);
    symlink(".", c.join("symlink_to_own_dir/pkg/again")).unwrap();
    mk("symlink_to_root", &[("pkg/__init__.py", ""), ("pkg/m.py", "x = 1\n")]);
    symlink("..", c.join("symlink_to_root/pkg/up")).unwrap();

    // two ways into one folder: a link next to the real folder; two links to a hidden folder
    // (which the walk itself skips); one link to a hidden folder (followed, once)
    mk("symlink_alias", &[("pkg/__init__.py", ""), ("pkg/m.py", "x = 1\n")]);
    symlink("pkg", c.join("symlink_alias/alias")).unwrap();
    mk("symlink_two_links", &[(".shared/m.py", "x = 1\n")]);
    symlink(".shared", c.join("symlink_two_links/a")).unwrap();
    symlink(".shared", c.join("symlink_two_links/b")).unwrap();
    mk("symlink_single", &[(".shared/m.py", "x = 1\n"), ("ok.py", "x = 1\n")]);
    symlink(".shared", c.join("symlink_single/lib")).unwrap();

    // a file given as the folder; a folder named like a module file
    mk("folder_is_a_file", &[("mod.py", "x = 1\n")]);
    mk("dir_named_py", &[("x.py/m.py", "x = 1\n")]);

    // unreadable: a chmod-000 file; a chmod-000 folder; a socket named m.py (open fails even
    // for root)
    mk("unreadable_file", &[("m.py", "x = 1\n")]);
    let f = c.join("unreadable_file/m.py");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&f).is_ok();
    mk("unreadable_dir", &[("pkg/__init__.py", ""), ("pkg/m.py", "x = 1\n")]);
    std::fs::set_permissions(c.join("unreadable_dir/pkg"), std::fs::Permissions::from_mode(0o000)).unwrap();
    mk("socket_py", &[("ok.py", "x = 1\n")]);
    let sock = std::os::unix::net::UnixListener::bind(c.join("socket_py/m.py")).unwrap();
    std::mem::forget(sock); // the socket file stays; the listener is not needed

    // a FIFO named m.py (opening it would wait for a writer forever); a link m.py to a FIFO
    mk("fifo_py", &[("ok.py", "x = 1\n")]);
    run_in(&c.join("fifo_py"), "mkfifo", &["m.py"]);
    mk("fifo_link_py", &[("ok.py", "x = 1\n")]);
    run_in(&c.join("fifo_link_py"), "mkfifo", &[".pipe"]);
    symlink(".pipe", c.join("fifo_link_py/m.py")).unwrap();

    // names that clash only by case: two modules; a package and a module; two folders, deeper
    // down; a clash among files `include` leaves out (accepted); a clash where `exclude` leaves
    // out one of the two (still rejected: on a case-insensitive file system, which name
    // survives is down to chance)
    mk("case_clash_modules", &[("A.py", "x = 1\n"), ("a.py", "x = 2\n")]);
    mk("case_clash_package", &[("Pkg/__init__.py", ""), ("pkg.py", "x = 2\n")]);
    mk("case_clash_dirs", &[("app/Lib/a.py", "x = 1\n"), ("app/lib/b.py", "x = 2\n")]);
    mk("case_clash_not_frozen", &[("app/m.py", "x = 1\n"), ("tools/A.py", "x = 1\n"), ("tools/a.py", "x = 2\n")]);
    mk("case_clash_excluded", &[("ok.py", "x = 1\n"), ("vendor/m.py", "x = 2\n"), ("Vendor/m.py", "x = 3\n")]);

    // names that are not UTF-8: a module file; a package folder; a non-Python file (ignored)
    mk("non_utf8_module", &[("ok.py", "x = 1\n")]);
    std::fs::write(c.join("non_utf8_module").join(std::ffi::OsStr::from_bytes(b"m\xff.py")), "x = 1\n").unwrap();
    mk("non_utf8_package", &[("ok.py", "x = 1\n")]);
    let pkg = c.join("non_utf8_package").join(std::ffi::OsStr::from_bytes(b"p\xffkg"));
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("__init__.py"), "").unwrap();
    std::fs::write(pkg.join("m.py"), "x = 1\n").unwrap();
    // ... and what is never frozen: a data file, a hidden file, a folder holding no Python; a
    // package that `exclude` leaves out
    let other = c.join("non_utf8_not_frozen");
    mk("non_utf8_not_frozen", &[("ok.py", "x = 1\n")]);
    std::fs::write(other.join(std::ffi::OsStr::from_bytes(b"data\xff.bin")), "").unwrap();
    std::fs::write(other.join(std::ffi::OsStr::from_bytes(b".h\xff.py")), "x = 1\n").unwrap();
    std::fs::create_dir_all(other.join(std::ffi::OsStr::from_bytes(b"d\xffata"))).unwrap();
    std::fs::write(other.join(std::ffi::OsStr::from_bytes(b"d\xffata/readme.txt")), "").unwrap();
    mk("non_utf8_excluded", &[("ok.py", "x = 1\n")]);
    let pkg = c.join("non_utf8_excluded/vendor").join(std::ffi::OsStr::from_bytes(b"p\xffkg"));
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("m.py"), "x = 1\n").unwrap();
    readable
}

const CASES: &[&str] = &[
    "symlink_self",
    "symlink_pair",
    "symlink_self_py",
    "symlink_to_own_dir",
    "symlink_to_root",
    "symlink_alias",
    "symlink_two_links",
    "symlink_single",
    "folder_is_a_file",
    "dir_named_py",
    "unreadable_file",
    "unreadable_dir",
    "socket_py",
    "fifo_py",
    "fifo_link_py",
    "case_clash_modules",
    "case_clash_package",
    "case_clash_dirs",
    "case_clash_not_frozen",
    "case_clash_excluded",
    "non_utf8_module",
    "non_utf8_package",
    "non_utf8_not_frozen",
    "non_utf8_excluded",
];

/// What the builds said: the error of each rejected case, the modules of each accepted one.
struct Outcome {
    errors: BTreeMap<String, String>,
    modules: BTreeMap<String, Vec<String>>,
    readable_000: bool,
    log: String,
}

fn outcome() -> &'static Outcome {
    static OUT: OnceLock<Outcome> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("freeze-reject-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let readable_000 = make_cases(&dir);
        write_crate(&dir, CASES);
        let (ok, log) = cargo_build(&dir, Duration::from_secs(900));
        assert_eq!(ok, Some(false), "the build with the rejected cases should fail:\n{log}");
        let errors = errors_by_case(&log, CASES);
        assert!(!errors.is_empty(), "no freeze! errors found in:\n{log}");

        // the accepted cases, on their own: build and run
        let accepted: Vec<&str> = CASES.iter().copied().filter(|c| !errors.contains_key(*c)).collect();
        let mut modules = BTreeMap::new();
        if !accepted.is_empty() {
            write_crate(&dir, &accepted);
            let (ok, log2) = cargo_build(&dir, Duration::from_secs(900));
            assert_eq!(ok, Some(true), "the accepted cases alone should build:\n{log2}");
            let run = Command::new(target_dir().join("debug/freeze-reject-scratch")).output().unwrap();
            assert!(run.status.success());
            for l in String::from_utf8_lossy(&run.stdout).lines() {
                let (case, names) = l.split_once(':').unwrap();
                modules.insert(case.to_string(), names.split_whitespace().map(str::to_string).collect());
            }
        }
        // chmod back so the folder can be removed
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir.join("cases/unreadable_dir/pkg"), std::fs::Permissions::from_mode(0o755));
        let _ = std::fs::remove_dir_all(&dir);
        Outcome { errors, modules, readable_000, log }
    })
}

fn rejected(case: &str) -> &'static str {
    let o = outcome();
    match o.errors.get(case) {
        Some(e) => e,
        None => panic!("`{case}` was accepted (modules {:?}); expected a rejection\n{}", o.modules.get(case), o.log),
    }
}

fn accepted(case: &str) -> &'static [String] {
    let o = outcome();
    match o.modules.get(case) {
        Some(m) => m,
        None => panic!("`{case}` was rejected: {:?}", o.errors.get(case)),
    }
}

#[test]
fn symlink_loops_are_rejected() {
    // a link to itself or a pair of links: the path cannot be resolved (ELOOP)
    for case in ["symlink_self", "symlink_pair", "symlink_self_py"] {
        let e = rejected(case);
        assert!(
            e.contains(&format!("cases/{case}/"))
                && e.contains("symbolic link that cannot be resolved")
                && e.contains("Too many levels of symbolic links"),
            "{case}: {e}"
        );
    }
    // a link to the folder that holds it, or to one further up: rejected before anything below
    // it is walked (nothing frozen twice, as `pkg.m` and `pkg.again.m`)
    assert_eq!(
        rejected("symlink_to_own_dir"),
        "freeze!: `cases/symlink_to_own_dir/pkg/again` is a symbolic link to `cases/symlink_to_own_dir/pkg`, \
         a folder that holds it: a symbolic-link loop, which would freeze the same files again under ever longer names; \
         remove the link"
    );
    let e = rejected("symlink_to_root");
    assert!(
        e.contains("`cases/symlink_to_root/pkg/up` is a symbolic link to `cases/symlink_to_root/`, a folder that holds it"),
        "{e}"
    );
}

#[test]
fn two_ways_into_one_folder_are_rejected() {
    // the same files under two module names is more likely a mistake than a wish
    assert_eq!(
        rejected("symlink_alias"),
        "freeze!: `cases/symlink_alias/alias` and `cases/symlink_alias/pkg` are the same folder `cases/symlink_alias/pkg` \
         (reached through a symbolic link), so its files would be frozen twice, under two module names; remove the link"
    );
    let e = rejected("symlink_two_links");
    assert!(
        e.contains("`cases/symlink_two_links/a` and `cases/symlink_two_links/b` are the same folder `cases/symlink_two_links/.shared`"),
        "{e}"
    );
}

#[test]
fn a_link_to_a_folder_inside_is_followed() {
    // one way into the (hidden, so otherwise skipped) folder: frozen under the link's name
    assert_eq!(accepted("symlink_single"), ["lib.m", "ok"]);
}

#[test]
fn a_file_given_as_the_folder_is_rejected() {
    let e = rejected("folder_is_a_file");
    assert!(e.contains("`cases/folder_is_a_file/mod.py` is not a folder"), "{e}");
    // a folder whose name ends in .py is walked as a folder, and its name is no identifier
    let e = rejected("dir_named_py");
    assert!(e.contains("`x.py` is not a valid Python identifier"), "{e}");
}

#[test]
fn unreadable_files() {
    let o = outcome();
    if o.readable_000 {
        // running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop us reading, so it
        // does not stop the macro either; the honest expectation is that it freezes the files
        assert_eq!(accepted("unreadable_file"), ["m"]);
        assert_eq!(accepted("unreadable_dir"), ["pkg", "pkg.m"]);
    } else {
        let e = rejected("unreadable_file");
        assert!(e.contains("cannot read `cases/unreadable_file/m.py`") && e.contains("Permission denied"), "{e}");
        let e = rejected("unreadable_dir");
        assert!(e.contains("cannot list `cases/unreadable_dir/pkg`") && e.contains("Permission denied"), "{e}");
    }
}

#[test]
fn special_files_are_rejected_without_opening_them() {
    // the type is looked up (through a link) before the file is opened: a FIFO no longer blocks
    // the build (the build above finished within its time limit)
    assert_eq!(
        rejected("fifo_py"),
        "freeze!: `cases/fifo_py/m.py` is not a regular file but a FIFO (named pipe); \
         only regular files (or symbolic links to them) can be frozen"
    );
    let e = rejected("fifo_link_py");
    assert!(e.contains("`cases/fifo_link_py/m.py` is not a regular file but a FIFO"), "{e}");
    let e = rejected("socket_py");
    assert!(e.contains("`cases/socket_py/m.py` is not a regular file but a socket"), "{e}");
}

#[test]
fn names_that_differ_only_by_case_are_rejected() {
    const WHY: &str = "on case-insensitive file systems (macOS, Windows) these are one name, so the same folder \
                       would freeze or import differently from machine to machine; rename one of them";
    assert_eq!(
        rejected("case_clash_modules"),
        format!(
            "freeze!: `cases/case_clash_modules/A.py` and `cases/case_clash_modules/a.py` give module names that differ \
             only by case (`A` and `a`); {WHY}"
        )
    );
    assert_eq!(
        rejected("case_clash_package"),
        format!(
            "freeze!: `cases/case_clash_package/Pkg/` and `cases/case_clash_package/pkg.py` give module names that differ \
             only by case (`Pkg` and `pkg`); {WHY}"
        )
    );
    let e = rejected("case_clash_dirs");
    assert!(
        e.contains("`cases/case_clash_dirs/app/Lib/` and `cases/case_clash_dirs/app/lib/`") && e.contains("(`app.Lib` and `app.lib`)"),
        "{e}"
    );
    // `exclude` leaving out one of the two does not settle it
    let e = rejected("case_clash_excluded");
    assert!(e.contains("`cases/case_clash_excluded/Vendor/` and `cases/case_clash_excluded/vendor/`"), "{e}");
    // neither frozen: no matter
    assert_eq!(accepted("case_clash_not_frozen"), ["app.m"]);
}

#[test]
fn non_utf8_names_of_frozen_files_are_rejected() {
    assert_eq!(
        rejected("non_utf8_module"),
        "freeze!: `cases/non_utf8_module/m\\xff.py`: the file name `m\\xff.py` is not UTF-8 (bytes that are not UTF-8 \
         are shown as \\xNN), so it cannot name a module; the names of Python files and of the folders that hold them \
         must be UTF-8: rename it"
    );
    // a package folder: no longer left out silently with the modules inside it
    let e = rejected("non_utf8_package");
    assert!(
        e.contains("`cases/non_utf8_package/p\\xffkg/__init__.py`: the folder name `p\\xffkg` is not UTF-8"),
        "{e}"
    );
}

#[test]
fn non_utf8_names_of_what_is_not_frozen_are_ignored() {
    // a data file, a hidden file and a folder holding no Python are never read nor named by a
    // module, so their names do not matter; nor do those of files `exclude` leaves out
    assert_eq!(accepted("non_utf8_not_frozen"), ["ok"]);
    assert_eq!(accepted("non_utf8_excluded"), ["ok"]);
}
