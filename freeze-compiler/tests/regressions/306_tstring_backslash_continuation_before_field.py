# xfail: the line-table entry MicroPython gives the t-string's parts or fields after a backslash-newline of an earlier part (mpy-cross: an entry at line 4 for the call's arguments; ours has none), found while fixing 305
x = 1
e = t"a \
{x}"
f = x
