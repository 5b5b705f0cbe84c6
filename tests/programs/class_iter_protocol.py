# Classes implementing iteration: __iter__ returning generators or self, __next__, reuse.
class Range2:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi
    def __iter__(self):
        v = self.lo
        while v < self.hi:
            yield v
            v += 2
r = Range2(1, 10)
print(list(r), list(r), sum(r), 5 in r, 6 in r)
class CountIter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
it = CountIter(3)
print(list(it), list(it))
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __iter__(self):
        for row in self.rows:
            for v in row:
                yield v
    def __len__(self):
        return sum(len(r) for r in self.rows)
    def __getitem__(self, rc):
        r, c = rc
        return self.rows[r][c]
m = Matrix([[1, 2], [3, 4], [5]])
print(list(m), len(m), m[1, 0], max(m), sorted(m, reverse=True))
a, b, *rest = m
print(a, b, rest)
print(dict(zip(m, "abcde")) == {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"})
class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        a, b = 0, 1
        while a < self.limit:
            yield a
            a, b = b, a + b
print(list(Fib(100)), [x for x in Fib(50) if x % 2 == 0])
for i, v in enumerate(Fib(10)):
    print(i, v, end="; ")
print()
