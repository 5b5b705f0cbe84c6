# `except*` at the end of a file: MicroPython's parser stops at the `*` (line 6), before the
# missing block (we said 7, after the end). Found by the prefix scan of issue 16.
# opt: 0
try:
    pass
except* ValueError: