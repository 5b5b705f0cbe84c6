# A call cut off after `x.y =` at the end of the file: MicroPython's parser takes `x.y =` as
# the start of a keyword argument and fails at the end (line 6); we failed at the `=` (5).
# opt: 0
print(a,
      type(b) =