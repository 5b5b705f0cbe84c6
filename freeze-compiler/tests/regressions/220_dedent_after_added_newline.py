# A block header inside a block at the end of a file without a final newline: the dedents
# come after the newline MicroPython's reader adds, so mpy-cross fails on the line after the
# last one (7); we said 6. Found by the prefix scan of issue 16.
# opt: 0
def f(a):
    if a: