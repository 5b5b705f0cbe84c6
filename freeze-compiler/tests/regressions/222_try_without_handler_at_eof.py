# A try block cut off at the end of a file without a final newline (no except or finally):
# mpy-cross fails on the line after the last one (7), at its dedent; we said 6.
# opt: 0
def f():
    try:
        pass