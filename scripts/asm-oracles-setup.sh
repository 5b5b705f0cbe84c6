#!/usr/bin/env bash
# Installs the assemblers the native assemblers' unit tests check their encodings against, if
# missing, idempotently (Debian packages, pinned by the distribution release):
#   - GNU as for ARM (binutils-arm-none-eabi): freeze-compiler/src/asm_thumb.rs;
#   - llvm-mc (llvm): freeze-compiler/src/asm_rv32.rs (RISC-V, with Zba).
# (x64 and xtensa are checked against the host's `as` and Debian's binutils-xtensa-lx106, which
# scripts/esp8266-setup.sh installs.) Run as root (or with sudo available).
set -euo pipefail
want=()
command -v arm-none-eabi-as >/dev/null 2>&1 && command -v arm-none-eabi-objcopy >/dev/null 2>&1 || want+=(binutils-arm-none-eabi)
command -v llvm-mc >/dev/null 2>&1 || want+=(llvm)
if [[ ${#want[@]} -eq 0 ]]; then
  exit 0
fi
SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "asm-oracles-setup: run as root to install Debian packages: ${want[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
echo "asm-oracles-setup: ok ($(arm-none-eabi-as --version | head -1); $(llvm-mc --version | grep -i version | head -1 | xargs))"
