# Classes: __init__, attributes, methods, class attributes, __repr__/__str__.
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "(%s, %s)" % (self.x, self.y)
    def dist2(self, other):
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2
    def moved(self, dx=0, dy=0):
        return Point(self.x + dx, self.y + dy)
p = Point(1, 2)
q = p.moved(3, 4)
print(p, q, repr(p), [p, q], str(q))
print(p.dist2(q), Point.dist2(p, q), p.dims, Point.dims)
p.dims = 3
print(p.dims, Point.dims, q.dims)
Point.dims = 4
print(p.dims, q.dims)
p.z = 9
print(p.z, hasattr(q, "z"), getattr(q, "z", "none"))
setattr(q, "w", 5)
print(q.w)
del p.z
print(hasattr(p, "z"))
class Empty:
    pass
e = Empty()
e.a = 1
print(type(e).__name__, e.a, isinstance(e, Empty), isinstance(p, Empty))
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.instances)
m = p.moved
print(m(dy=1), m(10))
print(Point.__name__, p.__class__.__name__, p.__class__ is Point)
