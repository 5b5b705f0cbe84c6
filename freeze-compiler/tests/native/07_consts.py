@micropython.native
def f():
    a = "hello"
    b = b"bytes"
    c = 1.5
    d = 123456789012
    e = (1, 2, "x")
    f = None
    g = True
    h = ...
    return a, b, c, d, e, f, g, h
