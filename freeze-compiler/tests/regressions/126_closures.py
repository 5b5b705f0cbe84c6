# rare corner: closures, nonlocal across levels, cell parameters, class in a function, lambdas in loops
def outer(p, q=2):
    z = 0
    def mid(r):
        nonlocal z
        z += r
        def inner():
            nonlocal z
            z += p
            return z, q, r
        return inner
    class K:
        w = p + 1
        def get(self):
            return p * 2
    fns = [lambda i=i: i * p for i in range(3)]
    g = lambda: p
    return mid(1)(), mid(2)(), K.w, K().get(), [f() for f in fns], g(), z
x = 10
def glob():
    global x
    x += 1
    del x
    x = 5
    return x
print(outer(3), glob())
