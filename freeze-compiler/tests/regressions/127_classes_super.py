# rare corner: classes with super(), __class__, classmethod/staticmethod/property, class-body code
class Base:
    'doc'
    cnt = 3
    xs = [1, 2, 3]
    ys = [x * 2 for x in xs]
    if cnt > 2:
        big = True
    for i in range(2):
        last = i
    del i
    def __init__(self, a):
        self.a = a
    def m(self, x, *args, k=2, **kw):
        return self.a + x * k + len(args) + len(kw)
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def c(cls, x):
        return cls.cnt + x
    @property
    def p(self):
        return self.a * 3
class Derived(Base):
    def __init__(self, a, b=1):
        super().__init__(a + b)
        self.b = b
    def m(self, x, *args, **kw):
        return super().m(x, *args, **kw) * 2 + self.b
    def cls(self):
        return __class__
    def nested(self):
        def h():
            return super(Derived, self).m(1)
        return h()
o = Derived(3)
print(o.m(2), o.m(1, 2, 3, k=4, z=5), o.s(3), o.c(4), o.p, Base.ys, o.cls() is Derived, o.nested())
