# Class body execution, class attributes computed from others, name mangling-free private use.
class Config:
    base = 10
    doubled = base * 2
    names = [str(i) for i in range(3)]
    table = {n: i for i, n in enumerate(["a", "b"])}
    if base > 5:
        size = "big"
    else:
        size = "small"
    for i in range(3):
        base += i
    def method(self):
        return self.base
print(Config.base, Config.doubled, Config.names, sorted(Config.table.items()), Config.size, Config.i)
print(Config().method())
class Shape:
    sides = 0
    registry = []
    def __init__(self):
        Shape.registry.append(type(self).__name__)
    def describe(self):
        return "%s with %d sides" % (type(self).__name__, self.sides)
class Triangle(Shape):
    sides = 3
class Square(Shape):
    sides = 4
for s in (Triangle(), Square(), Shape()):
    print(s.describe())
print(Shape.registry)
class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
        return self
    def pop(self):
        return self._items.pop()
    def __len__(self):
        return len(self._items)
s = Stack().push(1).push(2).push(3)
print(len(s), s.pop(), len(s))
class Defaults:
    a = 1
    b = a + 1
    def get(self):
        return (self.a, self.b)
d = Defaults()
d.a = 100
print(d.get(), Defaults.a)
print(getattr(Defaults, "b"), hasattr(Defaults, "get"), callable(Defaults.get))
