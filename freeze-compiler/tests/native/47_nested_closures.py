# nested functions and closures in native code (the inner functions are native too)
@micropython.native
def make_adder(n):
    def add(x):
        return x + n
    return add


@micropython.native
def counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


@micropython.native
def with_defaults(a, b=2):
    def f(x, y=a, *, z=b):
        return x + y + z
    def g(x=b):
        return x * 2
    return f(1), f(1, 2, z=3), g(), g(5)


@micropython.native
def cells_and_locals(p, q):
    r = p + q
    s = [r]

    def get():
        return r, s, p

    r = r * 2
    s.append(q)
    return get()
