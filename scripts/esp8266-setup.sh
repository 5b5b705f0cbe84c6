#!/usr/bin/env bash
# Installs what the ESP8266 firmware example (examples/esp8266) and its QEMU test need, on a
# fresh Debian machine, idempotently:
#   - Debian packages: gcc-xtensa-lx106 + binutils-xtensa-lx106 (linker, objdump, size) and
#     qemu-system-misc (qemu-system-xtensa, which knows the LX106 CPU)
#   - the pinned nightly Rust (Xtensa LLVM backend) with rust-src, for -Zbuild-std=core
# Run as root (or with sudo available) for the Debian packages.
set -euo pipefail

TOOLCHAIN=nightly-2026-10-30   # keep in sync with examples/esp8266/rust-toolchain.toml

need_apt=0
for tool in xtensa-lx106-elf-gcc xtensa-lx106-elf-objdump xtensa-lx106-elf-size qemu-system-xtensa; do
  command -v "$tool" >/dev/null 2>&1 || need_apt=1
done
if [[ $need_apt == 1 ]]; then
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "esp8266-setup: run as root to install Debian packages" >&2; exit 1; }
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq gcc-xtensa-lx106 binutils-xtensa-lx106 qemu-system-misc >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
  echo "esp8266-setup: rustup is required (https://rustup.rs)" >&2
  exit 1
fi
if ! rustup run "$TOOLCHAIN" rustc --print sysroot >/dev/null 2>&1 \
   || [[ ! -d "$(rustup run "$TOOLCHAIN" rustc --print sysroot)/lib/rustlib/src/rust/library/core" ]]; then
  rustup toolchain install "$TOOLCHAIN" --profile minimal --component rust-src
fi

echo "esp8266-setup: ok ($(xtensa-lx106-elf-gcc --version | head -1); $(qemu-system-xtensa --version | head -1); $(rustup run "$TOOLCHAIN" rustc --version))"
