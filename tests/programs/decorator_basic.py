# Function and class decorators, stacked decorators, decorators with arguments.
calls = []
def trace(f):
    def wrapper(*args, **kwargs):
        calls.append(f.__name__)
        return f(*args, **kwargs)
    return wrapper
@trace
def add(a, b):
    return a + b
@trace
def mul(a, b=2):
    return a * b
print(add(1, 2), mul(3), mul(3, b=4), calls)
def repeat(n):
    def deco(f):
        def wrapper(*a):
            return [f(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def hello(name):
    return "hi " + name
print(hello("bob"))
def bold(f):
    return lambda: "<b>" + f() + "</b>"
def italic(f):
    return lambda: "<i>" + f() + "</i>"
@bold
@italic
def text():
    return "txt"
print(text())
registry = {}
def register(name):
    def deco(obj):
        registry[name] = obj
        return obj
    return deco
@register("plugin")
class Plugin:
    def run(self):
        return "running"
@register("func")
def some_func():
    return 1
print(sorted(registry), registry["plugin"]().run(), registry["func"]())
def add_method(cls):
    cls.extra = lambda self: "extra from " + type(self).__name__
    return cls
@add_method
class Thing:
    pass
print(Thing().extra())
def memo(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
for i in range(81):
    fib(i)
print(fib(80), fib(10))
counts = {}
def count_calls(f):
    counts[f.__name__] = 0
    def w(*a):
        counts[f.__name__] += 1
        return f(*a)
    return w
@count_calls
def noop():
    pass
noop(); noop(); noop()
print(counts)
class Deco:
    def __init__(self, f):
        self.f = f
    def __call__(self, *a):
        return self.f(*a) * 2
@Deco
def seven():
    return 7
print(seven())
