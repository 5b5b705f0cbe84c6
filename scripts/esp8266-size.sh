#!/usr/bin/env bash
# Size report of the example firmware (examples/esp8266) from xtensa-lx106-elf-size, release
# profile (opt-level "s", LTO), one build per cargo feature:
#   no-modules   start-up, exit, panic handler: no freeze!, no runtime (the baseline)
#   size-image   + the frozen package, handed over as (address, length) of its ROMFS image
#   size-find    + FrozenModules::find (binary search by dotted name)
#   size-header  + MpyHeader::parse / check_compatible of one module
#   size-romfs   + Romfs::new + Romfs::file (one path look-up in the image)
#   size-all     find + header + romfs
#   size-micropython  size-image + the hand-over to MicroPython (register, mp_vfs_rom_ioctl; the
#                FrozenModules value with its memoryview in RAM; a 16-byte stand-in for
#                MicroPython's mp_type_memoryview in .rodata)
#   (default)    the QEMU test firmware: every check, the expected table, printing
# IRAM = .vectors + .iram.text; flash = .text (code) + .irom0.text (frozen data);
# DRAM (the ESP8266's 80 KiB of data RAM) = .rodata + .data + .bss.
set -euo pipefail
cd "$(dirname "$0")/../examples/esp8266"
export CARGO_TARGET_DIR="$PWD/target"
ELF=target/xtensa-esp8266-none-elf/release/freeze-esp8266
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

sect() { xtensa-lx106-elf-size -A "$ELF" | awk -v s="$1" '$1 == s { print $2; f = 1 } END { if (!f) print 0 }'; }

printf '%-16s %5s %11s %12s %5s %5s %5s   %s\n' build IRAM "flash code" "frozen data" rodata data bss "code vs size-image"
base=""
for variant in no-modules size-image size-find size-header size-romfs size-all size-micropython default; do
  args=(--release --no-default-features)
  [[ $variant == default ]] || args+=(--features "$variant")
  cargo +nightly-2026-10-30 build "${args[@]}" >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }
  code=$(sect .text)
  [[ $variant == size-image ]] && base=$code
  delta=""
  [[ -n $base && $variant != size-image ]] && delta="+$((code - base))"
  printf '%-16s %5d %11d %12d %5d %5d %5d   %s\n' "$variant" "$(( $(sect .vectors) + $(sect .iram.text) ))" \
    "$code" "$(sect .irom0.text)" "$(sect .rodata)" "$(sect .data)" "$(sect .bss)" "$delta"
  if [[ $variant == size-all && -n ${VERBOSE:-} ]]; then
    xtensa-lx106-elf-nm -C -S --size-sort "$ELF" | grep -E ' [tTrR] ' | sed 's/^/    /'
  fi
done
