# Function parameters: defaults, keyword arguments, *args, **kwargs, keyword-only.
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, d=9, e=10, z=11))
print(f(c=0, a=1))
def g(x, y=[]):
    y.append(x)
    return len(y)
print(g(1), g(2), g(3, []), g(4))
def h(*args):
    return len(args), args
print(h(), h(1), h(1, 2, 3))
def k(**kwargs):
    return sorted(kwargs)
print(k(), k(a=1, b=2), k(**{"x": 1, "y": 2}))
def kwonly(*, a, b=10):
    return a + b
print(kwonly(a=1), kwonly(b=1, a=2))
try:
    kwonly(1)
except TypeError:
    print("TypeError positional to kw-only")
try:
    f(1)
except TypeError:
    print("TypeError missing kw-only")
def pos(a, b, c):
    return a * 100 + b * 10 + c
print(pos(1, 2, 3), pos(c=3, b=2, a=1), pos(1, c=3, b=2))
args = [1, 2]
print(pos(*args, 3), pos(*[1, 2, 3]), pos(*(1,), *(2, 3)), pos(*"abc" if False else (3, 2, 1)))
kw = {"b": 5, "c": 6}
print(pos(4, **kw), pos(**{"a": 7, "b": 8, "c": 9}), pos(1, *[2], **{"c": 3}))
print(f(*[1, 2, 3], **{"c": 4, "q": 5}))
def defaults(a=1 + 1, b="x" * 3, c=(1, 2), d=None):
    return a, b, c, d
print(defaults(), defaults(0, d=[]))
try:
    pos(1, 2)
except TypeError:
    print("TypeError missing")
try:
    pos(1, 2, 3, 4)
except TypeError:
    print("TypeError too many")
try:
    pos(1, 2, 3, d=4)
except TypeError:
    print("TypeError unexpected kw")
def many(a, b, c, d, e, f, g, h, i, j):
    return a + b + c + d + e + f + g + h + i + j
print(many(*range(10)), many(1, 2, 3, 4, 5, *range(5)))
