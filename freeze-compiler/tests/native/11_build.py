@micropython.native
def f(a, b):
    l = [a, b, 1]
    t = (a, b)
    d = {a: b, "k": 2}
    s = {a, b}
    return l, t, d, s
