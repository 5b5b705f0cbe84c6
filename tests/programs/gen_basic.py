# Generators: yield, iteration protocol, state, infinite generators.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), sum(count_up(101)))
g = count_up(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
def naturals():
    n = 1
    while True:
        yield n
        n += 1
out = []
for v in naturals():
    if v > 6:
        break
    out.append(v * v)
print(out)
def evens(src):
    for v in src:
        if v % 2 == 0:
            yield v
def take(n, src):
    for v in src:
        if n <= 0:
            return
        n -= 1
        yield v
print(list(take(5, evens(naturals()))))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(list(take(20, fib())))
def multi_yield():
    yield 1
    yield "two"
    yield [3]
    yield
print(list(multi_yield()))
def gen_with_local_state(words):
    seen = set()
    for w in words:
        if w not in seen:
            seen.add(w)
            yield w
print(list(gen_with_local_state("a b a c b d".split())))
def empty():
    return
    yield
print(list(empty()))
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "default"))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            for sub in flatten(item):
                yield sub
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def gen_expr_in_gen(n):
    yield sum(i for i in range(n))
print(list(gen_expr_in_gen(10)))
