# yield from: delegation, return values, send/throw passthrough.
def inner():
    x = yield "inner-1"
    y = yield "inner-2 got %s" % x
    return "inner-result %s" % y
def outer():
    r = yield from inner()
    yield "outer got: " + r
    return "done"
g = outer()
print(next(g))
print(g.send("A"))
print(g.send("B"))
try:
    next(g)
except StopIteration as e:
    print("outer returned", e.value)
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(3), (x * x for x in range(3)))))
def tree(n):
    if n == 0:
        return 0
    yield n
    left = yield from tree(n - 1)
    return left + n
def run(gen):
    out = []
    while True:
        try:
            out.append(next(gen))
        except StopIteration as e:
            return out, e.value
print(run(tree(4)))
def sub_catch():
    try:
        yield 1
    except ValueError:
        yield "sub caught"
    return "sub done"
def delegating():
    r = yield from sub_catch()
    yield r
d = delegating()
print(next(d), d.throw(ValueError), next(d))
def gen_list():
    result = yield from [10, 20]
    yield result
print(list(gen_list()))
def deep(n):
    if n:
        yield from deep(n - 1)
    yield n
print(list(deep(10)))
