# rare corner: yield expressions in odd places
def g():
    x = yield
    y = (yield x) + 1
    z = yield from [y, (yield)]
    return z
def h():
    f = lambda: (yield 1)
    return list(f())
print(h())
it = g()
next(it)
print(it.send(1), it.send(2))
