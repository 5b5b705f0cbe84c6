@micropython.native
def f(t):
    a, b = t
    c, d, e = 1, 2, 3
    a, b = b, a
    return a + b + c + d + e
