# fixed (was a fuzz-diff difference): mpy-cross folds 2 ** 32769 into one big constant; we leave 2 ** 32769 unfolded (we fold
# up to 32768 bits). Found by fuzz-diff (seed 11): 2 ** 64 ** 3 in a tuple. Also 1 << 70000.
# opt: 0
x = 2 ** 32769
