# fixed (was a fuzz-diff difference): MicroPython reads 'with (a, b):' as ONE context manager, the tuple (a, b); we compile two
# (prelude n_state 7 vs 5, two SETUP_WITH vs BUILD_TUPLE 2 + one). Found by fuzz-diff (seed 3).
def f(a, b):
    with (a,
          b):
        pass
