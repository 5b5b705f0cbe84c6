#!/usr/bin/env bash
# The ESP8266 check, end to end: installs what it needs (scripts/esp8266-setup.sh), builds the
# example firmware (examples/esp8266) for xtensa-esp8266-none-elf with the pinned nightly, runs it
# on the LX106 core under QEMU and prints its output, then runs the test that compares its
# checksums with the host's, runs the corrupt build and checks the flash-read rule
# (tests/esp8266_qemu.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/esp8266-setup.sh

FW=examples/esp8266
ELF=$FW/target/xtensa-esp8266-none-elf/release/freeze-esp8266
# the pinned toolchain explicitly (an inherited RUSTUP_TOOLCHAIN would override rust-toolchain.toml)
(cd "$FW" && CARGO_TARGET_DIR="$PWD/target" cargo +nightly-2026-10-30 build --release)

echo "--- $ELF on qemu-system-xtensa -M sim -cpu lx106"
status=0
timeout 60 qemu-system-xtensa -M sim -cpu lx106 -display none -monitor none -serial none \
  -semihosting -device loader,file="$ELF",cpu-num=0 || status=$?
echo "--- exit status $status"
[[ $status == 0 ]] || { echo "esp8266-test: the firmware failed" >&2; exit 1; }

cargo test --test esp8266_qemu
