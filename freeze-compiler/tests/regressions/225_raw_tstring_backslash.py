# A raw t-string's backslash stands for itself only: MicroPython reads the byte after it
# afresh, so `rt"C:\{n}"` has an interpolation and `rt"a\"` ends at its second quote; we took
# the byte after the backslash with it (and rejected the first). From the corners task.
n = 1
w = 3
a = rt"C:\{n}"
b = rt"a\"
c = tr"x\{n!r:>{w}}\y"
d = rt'''p\{n:{w}\}\'''
e = t"a\\{n}"
