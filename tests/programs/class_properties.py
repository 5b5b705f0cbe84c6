# property getters/setters/deleters, classmethod, staticmethod.
class Temp:
    scale = "C"
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 // 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 // 9)
    @classmethod
    def describe(cls):
        return "%s in %s" % (cls.__name__, cls.scale)
    @staticmethod
    def valid(v):
        return v >= -273
t = Temp(100)
print(t.celsius, t.fahrenheit)
t.celsius = 20
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e.args)
del t.celsius
print(t.celsius)
t2 = Temp.from_f(212)
print(t2.celsius, Temp.describe(), t2.describe(), Temp.valid(-10), t2.valid(-500))
try:
    t2.fahrenheit = 5
except AttributeError:
    print("AttributeError: read-only")
class Kelvin(Temp):
    scale = "K"
k = Kelvin.from_f(32)
print(type(k).__name__, k.celsius, Kelvin.describe())
class Lazy:
    def __init__(self):
        self.calls = 0
    @property
    def value(self):
        self.calls += 1
        return self.calls * 10
lz = Lazy()
print(lz.value, lz.value, lz.calls)
class Registry:
    items = []
    @classmethod
    def register(cls, x):
        cls.items.append(x)
        return cls
Registry.register(1).register(2)
print(Registry.items)
