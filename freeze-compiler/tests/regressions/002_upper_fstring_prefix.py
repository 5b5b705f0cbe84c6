# was a difference, now fixed: mpy-cross rejects the F prefix (invalid syntax, line 4); we accept it
# found by fuzz-diff (seed 1)
y = 1
x = F'{y}'
