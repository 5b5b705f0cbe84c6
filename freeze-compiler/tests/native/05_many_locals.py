@micropython.native
def f(a, b, c, d):
    e = a + b
    g = c + d
    h = e * g
    k = h - a
    return (e, g, h, k)
