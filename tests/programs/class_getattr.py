# __getattr__ fallback, __setattr__ interception, descriptors (__get__/__set__).
class Proxy:
    def __init__(self, target):
        self._target = target
        self._hits = []
    def __getattr__(self, name):
        self._hits.append(name)
        return getattr(self._target, name)
class Target:
    color = "red"
    def hello(self):
        return "hello from target"
p = Proxy(Target())
print(p.color, p.hello(), p._hits)
try:
    p.missing
except AttributeError:
    print("AttributeError from target", p._hits[-1])
class Defaulting:
    known = 1
    def __getattr__(self, name):
        return "default-" + name
d = Defaulting()
print(d.known, d.unknown, d.other)
class Validated:
    def __setattr__(self, name, value):
        if name.startswith("n_") and not isinstance(value, int):
            raise TypeError(name)
        object.__setattr__(self, name, value)
v = Validated()
v.n_count = 3
v.label = "x"
try:
    v.n_bad = "nope"
except TypeError as e:
    print("TypeError", e.args)
print(v.n_count, v.label, hasattr(v, "n_bad"))
class Typed:
    def __init__(self, name, kind):
        self.name = "_" + name
        self.kind = kind
    def __get__(self, obj, owner):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("expected " + self.kind.__name__)
        setattr(obj, self.name, value)
class Person:
    age = Typed("age", int)
    name = Typed("name", str)
    def __init__(self, name, age):
        self.name = name
        self.age = age
pp = Person("ann", 30)
print(pp.name, pp.age)
pp.age = 31
print(pp.age, pp._age)
try:
    pp.age = "old"
except TypeError as e:
    print("TypeError", e.args)
