#!/usr/bin/env bash
# Conformance report: ours vs mpy-cross 1.29.0 on tests/programs and the CPython stdlib corpus.
#   scripts/conformance.sh        every -O level
#   CONFORMANCE_OPT=0 scripts/conformance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-oracles.sh >/dev/null
exec cargo test -p freeze-compiler --test conformance -- --nocapture
