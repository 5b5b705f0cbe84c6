# fixed (was a fuzz-diff difference): mpy-cross raises NotImplementedError (unicode name escapes, no line); we accept it
# found by fuzz-diff (seed 1)
x = '\N{BULLET}'
