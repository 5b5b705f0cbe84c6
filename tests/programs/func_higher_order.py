# Higher-order functions: reduce, compose, partial application, currying, callbacks.
def reduce(f, seq, init):
    acc = init
    for x in seq:
        acc = f(acc, x)
    return acc
print(reduce(lambda a, b: a + b, range(10), 0), reduce(lambda a, b: a * b, range(1, 15), 1))
print(reduce(lambda acc, w: acc + [len(w)], "a bb ccc".split(), []))
def compose(*fs):
    def composed(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return composed
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7), compose(str, inc, dbl)(10))
def partial(f, *args, **kw):
    def p(*more, **morekw):
        allkw = dict(kw)
        allkw.update(morekw)
        return f(*(args + more), **allkw)
    return p
def volume(l, w, h, unit="cm"):
    return "%d%s3" % (l * w * h, unit)
v2 = partial(volume, 2)
v23 = partial(v2, 3, unit="m")
print(v2(3, 4), v23(5), v23(5, unit="mm"))
def curry(f, n):
    def c(*args):
        if len(args) >= n:
            return f(*args)
        return lambda *more: c(*(args + more))
    return c
add3 = curry(lambda a, b, c: a + b + c, 3)
print(add3(1)(2)(3), add3(1, 2)(3), add3(1)(2, 3), add3(1, 2, 3))
def apply_n(f, n):
    def g(x):
        for _ in range(n):
            x = f(x)
        return x
    return g
print(apply_n(dbl, 10)(1), apply_n(lambda s: s + "!", 3)("hi"))
events = []
def on(name, handlers={}):
    def register(f):
        handlers.setdefault(name, []).append(f)
        return f
    return register, handlers
reg, handlers = on("click")
reg(lambda: events.append("first"))
reg(lambda: events.append("second"))
for h in handlers["click"]:
    h()
print(events)
print(list(map(lambda f: f(3), [inc, dbl, compose(inc, inc)])))
print(sorted(["b3", "a10", "c1"], key=compose(int, lambda s: s[1:])))
