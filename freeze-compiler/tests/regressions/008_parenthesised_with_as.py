# fixed (was a fuzz-diff difference): mpy-cross rejects parenthesised 'as' items in with (invalid syntax, line 4); we accept
# found by fuzz-diff (seed 3)
def f(a, c):
    with (a as b, c as d):
        return b, d
