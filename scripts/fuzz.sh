#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer, debug assertions and overflow checks)
# for SECONDS each (default 120), one after the other, and prints for each the executions and
# the coverage libFuzzer reached (its final `#N DONE cov: X ft: Y` line).
#
# The runtime targets (romfs_reader, mpy_reader, verify, imports) run under AddressSanitizer: the
# runtime's flash reads are `unsafe` code. The compiler targets (compile_*, frozen_tables) run
# without a sanitizer: the compiler is safe
# Rust, and AddressSanitizer makes it about 8 times slower. Each configuration has its own
# target dir (fuzz/target/<sanitizer>), so switching does not rebuild.
#
#   scripts/fuzz.sh [SECONDS]
#   FUZZ_TARGETS="romfs_reader mpy_reader" scripts/fuzz.sh 60
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`). The committed
# seeds in fuzz/corpus/<target> are read, never written: new inputs go to fuzz/work/<target>
# (ignored by git), so later runs continue from there. A crash stops that target, is left in
# fuzz/artifacts/<target>/, and makes the script exit 1 after the other targets have run.
# Minimise a crash with `cargo +nightly fuzz tmin <target> <file>`, then commit the input under
# fuzz/regressions/<target>/ (freeze-compiler/tests/edge_inputs.rs replays those of the
# compiler targets).
set -uo pipefail

secs="${1:-120}"
cd "$(dirname "$0")/../fuzz" || exit 2
read -ra targets <<< "${FUZZ_TARGETS:-compile_bytes compile_grammar romfs_reader mpy_reader verify imports frozen_tables macro_expand}"

command -v cargo-fuzz > /dev/null || { echo "cargo-fuzz missing: cargo install cargo-fuzz --locked" >&2; exit 2; }

sanitizer() {
    case "$1" in
        compile_* | frozen_tables | macro_expand) echo none ;;
        *) echo address ;;
    esac
}

failed=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "work/$t"
    log="work/$t.log"
    san=$(sanitizer "$t")
    opts=(-s "$san" --target-dir "target/$san")
    extra=()
    seeds=("corpus/$t")
    # the compiler's seeds are also the test programs, read where they live
    [ "$t" = compile_bytes ] && extra=(-dict=dict/python.dict) && seeds+=(../tests/programs)
    [ "$t" = frozen_tables ] && extra=(-dict=dict/frozen_tables.dict)
    echo "== $t: ${secs}s, sanitizer $san (log: fuzz/$log)"
    cargo +nightly fuzz build "${opts[@]}" "$t" > /dev/null 2>&1 || { cargo +nightly fuzz build "${opts[@]}" "$t"; exit 2; }
    # -timeout: one input taking longer than this is a finding too (unbounded work)
    cargo +nightly fuzz run "${opts[@]}" "$t" "work/$t" "${seeds[@]}" -- \
        -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 "${extra[@]}" > "$log" 2>&1
    status=$?
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    if [ "$status" -ne 0 ] || [ -z "$done_line" ]; then
        failed=1
        echo "   FAILED (exit $status); last lines:"
        tail -25 "$log" | sed 's/^/   | /'
        ls "artifacts/$t" 2> /dev/null | sed 's/^/   artifact: fuzz\/artifacts\/'"$t"'\//'
        summary+=("$t: FAILED after $(grep -cE '^#[0-9]+' "$log") status lines, see fuzz/$log")
    else
        echo "   $done_line"
        summary+=("$t: ${execs:-?} executions; $done_line")
    fi
done

echo
echo "== summary (${secs}s per target)"
printf '%s\n' "${summary[@]}"
exit "$failed"
