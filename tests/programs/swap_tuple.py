# Tuple swaps and rotations of 2, 3 and 4 names; swaps of attributes and items.
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
a, b, c, d = 1, 2, 3, 4
a, b, c, d = d, c, b, a
print(a, b, c, d)
a, b, c, d, e = 1, 2, 3, 4, 5
a, b, c, d, e = e, d, c, b, a
print(a, b, c, d, e)
def fib(n):
    x, y = 0, 1
    for _ in range(n):
        x, y = y, x + y
    return x
print([fib(i) for i in range(12)])
lst = [5, 3, 8, 1, 9, 2]
for i in range(len(lst)):
    for j in range(len(lst) - 1 - i):
        if lst[j] > lst[j + 1]:
            lst[j], lst[j + 1] = lst[j + 1], lst[j]
print(lst)
class P:
    def __init__(self):
        self.x, self.y = 1, 2
    def flip(self):
        self.x, self.y = self.y, self.x
        return self
p = P().flip()
print(p.x, p.y)
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(48, 18), gcd(2 ** 50, 3 * 2 ** 20))
def rot(seq):
    s0, s1, s2 = seq
    s0, s1, s2 = s1, s2, s0
    return s0, s1, s2
print(rot("xyz"), rot([1, 2, 3]))
m = {"a": 1, "b": 2}
m["a"], m["b"] = m["b"], m["a"]
print(sorted(m.items()))
