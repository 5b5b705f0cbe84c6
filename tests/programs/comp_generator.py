# Generator expressions: laziness, consumption, nesting.
g = (x * 2 for x in range(5))
print(next(g), next(g), list(g), list(g))
print(sum(x * x for x in range(10)), max(x % 7 for x in range(20)), min(-x for x in range(3)))
print(any(x > 8 for x in range(10)), all(x < 8 for x in range(10)))
print(sorted((x for x in "generator"), reverse=True))
print(tuple(x for x in range(4) if x), "-".join(str(x) for x in range(5)))
log = []
def src():
    for i in range(3):
        log.append("yield %d" % i)
        yield i
gen = (v * 10 for v in src())
log.append("created")
for v in gen:
    log.append("got %d" % v)
print(log)
nested = (x + y for x in range(3) for y in (x * 10, x * 100))
print(list(nested))
print(list(zip((i for i in range(3)), (c for c in "abc"))))
total = 0
for chunk in (range(i) for i in range(5)):
    total += sum(chunk)
print(total)
print(dict((i, str(i)) for i in range(3)) == {0: "0", 1: "1", 2: "2"})
