@micropython.native
def f(a, b, c):
    return a < b < c, a if b else c
