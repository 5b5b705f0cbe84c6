# List comprehensions: filters, nesting, scoping.
print([x * x for x in range(10)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
print([c.upper() for c in "hello" if c != "l"])
print([x if x % 2 else -x for x in range(6)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
x = "outer"
r = [x for x in "ab"]
print(r, x)
n = 10
print([i * n for i in range(3)])
def f(k):
    return [k + j for j in range(k)]
print(f(3), f(0))
print([len(w) for w in "a bb ccc".split()])
print([(i, c) for i, c in enumerate("xyz") if i != 1])
print([a + b for a, b in zip([1, 2, 3], [10, 20, 30])])
funcs = [lambda y, i=i: i * y for i in range(3)]
print([g(10) for g in funcs])
print(sum([x for x in range(101)]), [[] for _ in range(2)])
