@micropython.native
def f(d, k, v):
    d[k] = v
    x = d[k]
    d.attr = x
    return d.attr, d[0]
