# Keyword argument passing and merging, with results printed order-independently.
def show(*args, **kwargs):
    return args, sorted(kwargs.items())
print(show(1, 2, a=3, b=4))
base = {"x": 1, "y": 2}
extra = {"z": 3}
print(show(**base, **extra))
print(show(0, *[1, 2], w=9, **base))
try:
    show(**base, **{"x": 5})
except TypeError:
    print("TypeError: duplicate keyword")
def f(a, b=0, **rest):
    return a, b, sorted(rest)
print(f(**{"a": 1, "c": 3}), f(1, **{"b": 2, "d": 4}))
try:
    f(1, a=2)
except TypeError:
    print("TypeError: multiple values")
def kw_defaults(*, sep=", ", end="."):
    return sep.join(["a", "b"]) + end
print(kw_defaults(), kw_defaults(sep="-"), kw_defaults(end="!", sep=""))
def pass_through(**kw):
    return show(**kw)
print(pass_through(q=1, r=2))
def mixed(a, *args, b, **kw):
    return a, args, b, sorted(kw.items())
print(mixed(1, 2, 3, b=4, c=5), mixed(a=1, b=2))
opts = dict(verbose=True, level=3)
def configure(verbose=False, level=0, name="x"):
    return verbose, level, name
print(configure(**opts), configure(name="y", **opts))
def kwonly_required(*, key):
    return key
try:
    kwonly_required()
except TypeError:
    print("TypeError: missing keyword-only")
print(kwonly_required(key="k"))
class Obj:
    def __init__(self, **attrs):
        for k in sorted(attrs):
            setattr(self, k, attrs[k])
o = Obj(a=1, b="two")
print(o.a, o.b)
