#!/usr/bin/env bash
# The ESP8266 check, end to end: runs the main job (scripts/esp8266-run.sh: setup, build, the
# frozen Python running in MicroPython on the LX106 under QEMU), then the tests that compare its
# output with CPython's, run the checking firmware variants and check the flash-read rule
# (tests/esp8266_qemu.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/esp8266-run.sh || { echo "esp8266-test: the firmware failed" >&2; exit 1; }
cargo test --test esp8266_qemu
