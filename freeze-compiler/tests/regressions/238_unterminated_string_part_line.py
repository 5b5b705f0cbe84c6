# An unterminated last part of an implicitly concatenated string: MicroPython's token is all
# the parts, on the line of the first (4); we said the part's line (6). Found by the prefix scan
# of issue 16.
x = (f"{(a,
 b)}"
 "c
