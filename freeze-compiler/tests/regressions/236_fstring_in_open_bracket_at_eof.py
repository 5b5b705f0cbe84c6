# An f-string in an unclosed bracket at the end of the file: MicroPython injects .format(...)
# after it at the end, and its reader adds a newline behind the injected text, so it fails a
# line below the usual end (7, not 6); we said 6. Found by the prefix scan of issue 16 (t-strings too).
# opt: 0
x = (f'{y}'