# tuples: packing, unpacking, methods, comparisons, nesting.
t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:3], t.count(2), t.index(3))
e = ()
s = (5,)
print(e, s, len(e), len(s), type(s).__name__, (5) == 5)
a, b = 1, 2
a, b = b, a
print(a, b)
(x, y), z = (3, 4), 5
print(x, y, z)
print((1, 2) + (3,), (1,) * 3, (1, 2) < (1, 2, 0), (2,) > (1, 99), (1, 2) == (1, 2))
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple(i * i for i in range(4)))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested))
def multi():
    return 1, "two", [3]
r = multi()
print(r, type(r).__name__)
p, q, w = multi()
print(p, q, w)
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max([(1, 2), (1, 3)]))
print(3 in t, 9 not in t, hash((1, 2)) == hash((1, 2)))
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
try:
    t[0] = 9
except TypeError:
    print("TypeError: immutable")
CONST = (1, 2, ("x", "y"), -3, 4.5, None, True, b"z")
print(CONST)
