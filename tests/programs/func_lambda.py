# lambdas: defaults, closures, immediate calls, in data structures, sorting keys.
add = lambda a, b: a + b
sq = lambda x: x * x
print(add(2, 3), sq(7), (lambda: "no args")(), (lambda *a: len(a))(1, 2, 3))
print((lambda a, b=10, *c, **d: (a, b, c, sorted(d)))(1, 2, 3, z=4))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([ops[o](6, 3) for o in "+-*"])
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: -p[0]))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
print(compose(inc, sq)(3), compose(sq, inc)(3))
adders = [lambda x, n=n: x + n for n in range(4)]
print([a(10) for a in adders])
late = [lambda x: x + n for n in range(4)]
print([a(10) for a in late])
print(list(map(lambda x: x * 2, range(5))), list(filter(lambda x: x % 2, range(10))))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10), fact(25))
print((lambda x: (lambda y: x * y))(6)(7))
kw = lambda *, k=1: k * 2
print(kw(), kw(k=5))
