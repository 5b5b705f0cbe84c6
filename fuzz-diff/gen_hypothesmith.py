#!/usr/bin/env python3
"""Random Python programs from hypothesmith (the CPython grammar, and libcst's node types).

    .oracles/fuzz-venv/bin/python fuzz-diff/gen_hypothesmith.py --n 50 --seed 7 --out DIR

writes DIR/h<SEED>_<I>.py. Half the programs come from `hypothesmith.from_grammar()` (any
token sequence the grammar allows: odd whitespace, unusual but valid forms), half from
`hypothesmith.from_node()` (libcst node trees printed back: more statement structure). Each
one compiles under CPython (hypothesmith checks that). Sources that cannot be written as UTF-8
(lone surrogates) are dropped and replaced by the next example. Deterministic for a --seed with
the pinned versions in fuzz-diff/requirements-hypothesmith.txt.
"""

import argparse
import os
import warnings

warnings.simplefilter("ignore")

import hypothesmith  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402


def collect(strategy, n, seed_value):
    out = []

    @seed(seed_value)
    @settings(max_examples=max(1, n) * 3, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(strategy)
    def t(src):
        if len(out) >= n:
            return
        try:
            src.encode("utf-8")
        except UnicodeEncodeError:
            return
        if not src.strip():
            return  # empty programs teach nothing
        try:
            compile(src, "h.py", "exec", dont_inherit=True)
        except Exception:
            return
        out.append(src)

    t()
    return out


def avoid_known(src, known):
    """Rewrite known, already reported difference classes out of a program (see README.md):
    blank or comment-only lines indented with a space then a tab (`space_tab_blank`)."""
    if "space_tab_blank" in known:
        lines = src.split("\n")
        for i, l in enumerate(lines):
            body = l.lstrip(" \t\f")
            lead = l[: len(l) - len(body)]
            if " \t" in lead and (not body.strip() or body.startswith("#")):
                lines[i] = body
        src = "\n".join(lines)
    return src


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--known", default="", help="known difference classes to keep: 'all' or a comma list")
    args = ap.parse_args()
    known_all = ["space_tab_blank"]
    keep = known_all if args.known == "all" else args.known.split(",")
    avoid = [k for k in known_all if k not in keep]
    os.makedirs(args.out, exist_ok=True)
    half = args.n // 2
    progs = collect(hypothesmith.from_grammar(), args.n - half, args.seed)
    progs += collect(hypothesmith.from_node(), half, args.seed)
    # top up from the grammar strategy if the filters left us short
    extra = 1
    while len(progs) < args.n and extra < 5:
        progs += collect(hypothesmith.from_grammar(), args.n - len(progs), args.seed * 1000 + extra)
        extra += 1
    for i, src in enumerate(progs[: args.n]):
        src = avoid_known(src, avoid)
        with open(os.path.join(args.out, "h%d_%04d.py" % (args.seed, i)), "w", encoding="utf-8", newline="") as f:
            f.write(src)


if __name__ == "__main__":
    main()
