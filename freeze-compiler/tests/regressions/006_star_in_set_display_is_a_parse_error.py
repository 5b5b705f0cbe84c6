# was a difference, now fixed: {*a, 2} is a parse error for mpy-cross (invalid syntax at line 6), reported before the
# compile error at line 5; we report line 5 (*x must be assignment target). Found by fuzz-diff (seed 2).
# opt: 0
a = [1]
x = (*a, 1)
y = {*a, 2}
