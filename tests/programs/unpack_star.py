# Sequence unpacking: starred targets, nested targets, in for loops, swaps.
a, *b, c = range(6)
print(a, b, c)
*init, last = "hello"
print(init, last)
first, *rest = [1]
print(first, rest)
x, y, *z = (1, 2)
print(x, y, z)
(p, q), [r, *s] = (1, 2), [3, 4, 5]
print(p, q, r, s)
for head, *tail in [(1, 2, 3), (4,), (5, 6)]:
    print(head, tail)
m, n = n, m = 1, 2
print(m, n)
i, j = 0, 1
i, j = j, i
print(i, j)
u, v, w = w, u, v = 1, 2, 3
print(u, v, w)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
d = {}
d["a"], d["b"] = "xy"
print(sorted(d.items()))
class O:
    pass
o = O()
o.a, o.b = 10, 20
print(o.a, o.b)
try:
    e, f = [1, 2, 3]
except ValueError:
    print("ValueError: too many")
try:
    e, f, g = [1, 2]
except ValueError:
    print("ValueError: too few")
try:
    e, *f, g = [1]
except ValueError:
    print("ValueError: starred too few")
print(*[1, 2, 3], sep="-")
def f2(*args):
    return args
print(f2(*[1, 2], *(3,), 4))
[aa, bb] = [5, 6]
print(aa, bb)
(cc,) = [7]
print(cc)
big_a, *big_mid, big_z = range(100)
print(big_a, len(big_mid), big_z)
