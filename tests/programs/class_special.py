# Special methods: comparison, arithmetic, container protocol, call, bool, len.
class Vec:
    def __init__(self, *c):
        self.c = list(c)
    def __repr__(self):
        return "Vec(%s)" % ", ".join(str(x) for x in self.c)
    def __eq__(self, o):
        return isinstance(o, Vec) and self.c == o.c
    def __lt__(self, o):
        return self.norm() < o.norm()
    def __add__(self, o):
        return Vec(*[a + b for a, b in zip(self.c, o.c)])
    def __sub__(self, o):
        return Vec(*[a - b for a, b in zip(self.c, o.c)])
    def __mul__(self, k):
        return Vec(*[a * k for a in self.c])
    def __neg__(self):
        return Vec(*[-a for a in self.c])
    def __len__(self):
        return len(self.c)
    def __getitem__(self, i):
        return self.c[i]
    def __setitem__(self, i, v):
        self.c[i] = v
    def __contains__(self, v):
        return v in self.c
    def __iter__(self):
        return iter(self.c)
    def __bool__(self):
        return any(self.c)
    def __call__(self, k):
        return self.c[k] * 100
    def norm(self):
        return sum(a * a for a in self.c)
a = Vec(1, 2, 3)
b = Vec(4, 5, 6)
print(a + b, b - a, a * 3, -a, len(a), a[1], a[-1], 2 in a, 7 in a)
print(a == Vec(1, 2, 3), a != b, a == b, a < b, b < a, sorted([b, a]))
a[0] = 10
print(a, list(a), [x * 2 for x in a], bool(a), bool(Vec(0, 0)), a(2))
x, y, z = b
print(x, y, z, max(b), sum(b))
print(a[0:2] if False else a[1])
class Seq:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError
        return i * i
print(list(Seq(5)), 9 in Seq(5))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, o):
        return Money(self.cents + (o.cents if isinstance(o, Money) else o))
    def __radd__(self, o):
        return self.__add__(o)
    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)
    def __le__(self, o):
        return self.cents <= o.cents
    def __ge__(self, o):
        return self.cents >= o.cents
print(Money(150) + Money(275), 5 + Money(95), sum([Money(1), Money(2)], Money(0)))
print(Money(1) <= Money(2), Money(1) >= Money(2))
class Box:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o * 10
        return self
b = Box(1)
b += 2
print(b.v)
