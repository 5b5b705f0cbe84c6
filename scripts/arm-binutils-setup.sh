#!/usr/bin/env bash
# Installs GNU as for ARM (Debian's binutils-arm-none-eabi) if missing, idempotently: the Thumb
# assembler's unit tests (freeze-compiler/src/asm_thumb.rs) check its encodings against it.
# Run as root (or with sudo available).
set -euo pipefail
if command -v arm-none-eabi-as >/dev/null 2>&1 && command -v arm-none-eabi-objcopy >/dev/null 2>&1; then
  exit 0
fi
SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "arm-binutils-setup: run as root to install Debian packages" >&2; exit 1; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq binutils-arm-none-eabi >/dev/null
echo "arm-binutils-setup: ok ($(arm-none-eabi-as --version | head -1))"
