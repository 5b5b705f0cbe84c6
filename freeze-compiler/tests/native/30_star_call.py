@micropython.native
def f(fn, o, args, kw):
    a = fn(*args)
    b = fn(1, *args, **kw)
    c = o.meth(*args, x=1)
    return a, b, c
