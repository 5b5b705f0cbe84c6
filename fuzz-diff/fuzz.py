#!/usr/bin/env python3
"""Differential fuzzing of freeze-compiler against mpy-cross 1.29.0 (run via scripts/fuzz-diff.sh).

    python3 fuzz-diff/fuzz.py --n 500 --seed 1 --work DIR --driver BIN --mpy-cross BIN
                              [--hyp-python PY] [--hyp-share 0.1] [--vm-every 10]
                              [--march ARCH] [--emit native]

1. generates programs: most with fuzz-diff/gen_programs.py, a share with hypothesmith
   (fuzz-diff/gen_hypothesmith.py under --hyp-python; skipped when none is given);
2. picks a random -O level (0..3) per program from the seed;
3. compiles all with our compiler in one driver process (`fuzz-diff-driver batch`) and each with
   mpy-cross, and compares the bytes; when both reject, the line and error kind must agree;
4. for a sample (about 1 in --vm-every) of the programs both compile that print something, runs
   both .mpy files in the MicroPython VM (tests/vm/run_mpy.mjs) and compares stdout, stderr and
   exit status;
5. prints a table and `N passed, N failed`; keeps every failing program with its .mpy files and a
   note in DIR/failures/ (reduce one with fuzz-diff/reduce.py).

With --march, both compilers get `-march=ARCH` (and with --emit, `-X emit=KIND`), the generator
adds `@micropython.native` / `@micropython.viper` functions, and the VM step is skipped (the VM
cannot run machine code). Refusals of ours worded "not supported yet by mpy-freeze", and of a
native function past 64 KiB (where mpy-cross writes a broken file), are counted apart: they are
known gaps or deliberate, not disagreements.

Exit status 0 when nothing failed, 1 otherwise.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def target_flags(march, emit):
    """The mpy-cross flags (also understood by fuzz-diff-driver) for a code-generation target."""
    flags = []
    if march:
        flags.append("-march=%s" % march)
    if emit:
        flags += ["-X", "emit=%s" % emit]
    return flags


# Refusals of ours that are known gaps or deliberate (counted apart, not as disagreements):
# constructs not done yet, and a native function whose prelude lies past 64 KiB of its code
# (mpy-cross writes the offset modulo 65536, a broken file; ours refuses, issue 16).
OUR_KNOWN_REFUSALS = ("not supported yet by mpy-freeze", "past the 65,535 MicroPython can address")


def known_refusal(message):
    return any(m in message for m in OUR_KNOWN_REFUSALS)


def mpy_cross_compile(mpy_cross, opt, src, out, name, flags=()):
    """(ok, line, kind, stderr) of one mpy-cross run."""
    if os.path.exists(out):
        os.remove(out)
    try:
        p = subprocess.run([mpy_cross, "-O%d" % opt] + list(flags) + ["-s", name, src, "-o", out],
                           capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return False, None, "Timeout", "timeout"
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode == 0 and os.path.exists(out):
        return True, None, None, err
    return (False,) + parse_mpy_cross_error(err) + (err,)


def parse_mpy_cross_error(err):
    """mpy-cross prints `  File "...", line N` (maybe) and then `Kind: message` last."""
    line = None
    if "line " in err:
        digits = ""
        for ch in err.split("line ", 1)[1]:
            if ch.isdigit():
                digits += ch
            else:
                break
        if digits:
            line = int(digits)
    lines = [l for l in err.strip().splitlines() if l.strip()]
    kind = lines[-1].split(":", 1)[0].strip() if lines else ""
    return line, kind


def read_our_error(path):
    try:
        with open(path, encoding="utf-8") as f:
            t = f.read().rstrip("\n").split("\t")
        return int(t[0]), t[1], t[2] if len(t) > 2 else ""
    except (OSError, ValueError, IndexError):
        return None, "?", ""


def run_vm(mpy, module, timeout=20):
    d = os.path.dirname(mpy)
    try:
        p = subprocess.run(["node", os.path.join(ROOT, "tests/vm/run_mpy.mjs"), mpy, "--main", module],
                           capture_output=True, timeout=timeout, cwd=d)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""


def driver_diff(driver, a, b):
    p = subprocess.run([driver, "diff", a, b], capture_output=True)
    return p.stdout.decode("utf-8", "replace").strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", required=True)
    ap.add_argument("--driver", required=True)
    ap.add_argument("--mpy-cross", required=True)
    ap.add_argument("--hyp-python", default=None)
    ap.add_argument("--hyp-share", type=float, default=0.1)
    ap.add_argument("--vm-every", type=int, default=10)
    ap.add_argument("--keep", action="store_true", help="keep the work directory's programs")
    ap.add_argument("--known", default="", help="passed to gen_programs.py --known")
    ap.add_argument("--march", default="", help="-march= for both compilers (native/viper programs)")
    ap.add_argument("--emit", default="", help="-X emit= for both compilers (needs --march)")
    args = ap.parse_args()
    flags = target_flags(args.march, args.emit)
    if args.march:
        args.vm_every = 0

    t0 = time.time()
    work = os.path.abspath(args.work)
    src_dir = os.path.join(work, "src")
    out_dir = os.path.join(work, "out")
    fail_dir = os.path.join(work, "failures")
    for d in (src_dir, out_dir):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    os.makedirs(fail_dir, exist_ok=True)

    n_hyp = int(round(args.n * args.hyp_share)) if args.hyp_python else 0
    n_gen = args.n - n_hyp
    subprocess.run([sys.executable, os.path.join(HERE, "gen_programs.py"), "--n", str(n_gen),
                    "--seed", str(args.seed), "--out", src_dir, "--known", args.known]
                   + (["--native"] if args.march else []), check=True)
    if n_hyp:
        subprocess.run([args.hyp_python, os.path.join(HERE, "gen_hypothesmith.py"), "--n", str(n_hyp),
                        "--seed", str(args.seed), "--out", src_dir, "--known", args.known], check=True)
    t_gen = time.time() - t0

    rng = random.Random("levels-%d" % args.seed)
    progs = sorted(f for f in os.listdir(src_dir) if f.endswith(".py"))
    jobs = []
    for f in progs:
        opt = rng.randrange(4)
        stem = f[:-3]
        jobs.append((f, stem, opt))

    # ours: one process for all
    lst = os.path.join(work, "list.tsv")
    with open(lst, "w", encoding="utf-8") as fh:
        for f, stem, opt in jobs:
            fh.write("%d\t%s\t%s\t%s\n" % (opt, os.path.join(src_dir, f), os.path.join(out_dir, stem + ".ours.mpy"), f))
    p = subprocess.run([args.driver, "batch", lst] + flags, capture_output=True)
    statuses = p.stdout.decode("utf-8", "replace").splitlines()
    if p.returncode != 0 or len(statuses) != len(jobs):
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        sys.exit("fuzz-diff: driver failed (status %s, %d of %d results)" % (p.returncode, len(statuses), len(jobs)))

    counts = dict(tried=0, identical=0, differing=0, both_rejected=0, reject_mismatch=0,
                  only_ours_rejected=0, not_supported_yet=0, only_mpy_cross_rejected=0, internal=0, vm_runs=0, vm_mismatch=0)
    failures = []
    vm_candidates = []
    for (f, stem, opt), status in zip(jobs, statuses):
        counts["tried"] += 1
        src = os.path.join(src_dir, f)
        ours = os.path.join(out_dir, stem + ".ours.mpy")
        theirs = os.path.join(out_dir, stem + ".ref.mpy")
        t_ok, t_line, t_kind, t_err = mpy_cross_compile(args.mpy_cross, opt, src, theirs, f, flags)
        o_ok = status == "ok"
        problem = None
        if status.startswith("internal"):
            counts["internal"] += 1
            problem = "internal error in our compiler: %s" % status
        elif o_ok and t_ok:
            with open(ours, "rb") as a, open(theirs, "rb") as b:
                same = a.read() == b.read()
            if same:
                counts["identical"] += 1
            else:
                counts["differing"] += 1
                problem = "bytes differ: %s" % driver_diff(args.driver, ours, theirs)
            with open(src, encoding="utf-8", errors="replace") as fh:
                if "print(" in fh.read():
                    vm_candidates.append((f, stem, opt, same))
        elif not o_ok and known_refusal(read_our_error(ours + ".err")[2]):
            counts["not_supported_yet"] += 1
        elif not o_ok and not t_ok:
            o_line, o_kind, o_msg = read_our_error(ours + ".err")
            # mpy-cross names no line for some errors (NotImplementedError for \N{...}): then
            # only the kind is compared
            if (t_line is None or o_line == t_line) and o_kind == t_kind:
                counts["both_rejected"] += 1
            else:
                counts["reject_mismatch"] += 1
                problem = "both reject, differently: ours line %s %s (%s); mpy-cross line %s %s" % (
                    o_line, o_kind, o_msg, t_line, t_kind)
        elif not o_ok:
            counts["only_ours_rejected"] += 1
            o_line, o_kind, o_msg = read_our_error(ours + ".err")
            problem = "only ours rejects: line %s %s: %s" % (o_line, o_kind, o_msg)
        else:
            counts["only_mpy_cross_rejected"] += 1
            problem = "only mpy-cross rejects: line %s %s (%s)" % (t_line, t_kind, t_err.strip().splitlines()[-1] if t_err.strip() else "")
        if problem:
            failures.append((f, opt, problem))

    # VM sample
    vm_rng = random.Random("vm-%d" % args.seed)
    vm_dir = os.path.join(work, "vm")
    for f, stem, opt, same in vm_candidates:
        if args.vm_every <= 0 or vm_rng.randrange(args.vm_every) != 0:
            continue
        counts["vm_runs"] += 1
        res = []
        for side in ("ours", "ref"):
            d = os.path.join(vm_dir, side)
            os.makedirs(d, exist_ok=True)
            mod = "fz_" + "".join(c if c.isalnum() else "_" for c in stem)
            target = os.path.join(d, mod + ".mpy")
            shutil.copyfile(os.path.join(out_dir, "%s.%s.mpy" % (stem, side)), target)
            res.append(run_vm(target, mod))
            os.remove(target)
        if res[0] != res[1]:
            counts["vm_mismatch"] += 1
            a, b = res
            why = "status %s vs %s" % (a[0], b[0]) if a[0] != b[0] else ("stdout differs" if a[1] != b[1] else "stderr differs")
            failures.append((f, opt, "VM output differs (ours vs mpy-cross bytecode): %s" % why))

    # keep the failures
    for f, opt, problem in failures:
        stem = f[:-3]
        shutil.copyfile(os.path.join(src_dir, f), os.path.join(fail_dir, f))
        for side in ("ours", "ref"):
            p_ = os.path.join(out_dir, "%s.%s.mpy" % (stem, side))
            if os.path.exists(p_):
                shutil.copyfile(p_, os.path.join(fail_dir, "%s.%s.mpy" % (stem, side)))
        with open(os.path.join(fail_dir, stem + ".txt"), "w", encoding="utf-8") as fh:
            fh.write("-O%d\n%s\n" % (opt, problem))

    failed = len({f for f, _, _ in failures})
    passed = counts["tried"] - failed
    el = time.time() - t0
    print()
    print("fuzz-diff: seed %d, %d programs (%d own generator, %d hypothesmith), %s, %.0fs (generation %.0fs)"
          % (args.seed, counts["tried"], n_gen, n_hyp, " ".join(flags) or "bytecode", el, t_gen))
    rows = [
        ("programs tried", counts["tried"]),
        ("identical", counts["identical"]),
        ("differing", counts["differing"]),
        ("both rejected (same line, kind)", counts["both_rejected"]),
        ("both rejected, differently", counts["reject_mismatch"]),
        ("rejected by ours only", counts["only_ours_rejected"]),
        ("refused by ours, known (not yet/limit)", counts["not_supported_yet"]),
        ("rejected by mpy-cross only", counts["only_mpy_cross_rejected"]),
        ("internal errors (ours)", counts["internal"]),
        ("VM runs (pairs)", counts["vm_runs"]),
        ("VM mismatches", counts["vm_mismatch"]),
    ]
    w = max(len(r[0]) for r in rows)
    print("  +-%s-+--------+" % ("-" * w))
    for name, v in rows:
        print("  | %s | %6d |" % (name.ljust(w), v))
    print("  +-%s-+--------+" % ("-" * w))
    for f, opt, problem in failures:
        print("  FAIL %s -O%d: %s" % (f, opt, problem))
    if failures:
        print("  failing programs kept in %s" % fail_dir)
    if not args.keep:
        shutil.rmtree(src_dir, ignore_errors=True)
        shutil.rmtree(out_dir, ignore_errors=True)
        shutil.rmtree(vm_dir, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
