# with statements: custom context managers, suppression, nesting, multiple items.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name + "-value"
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc.args if exc else None)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("suppressed")
print("after b")
try:
    with CM("c"):
        raise KeyError("propagated")
except KeyError as e:
    print("caught", e.args)
with CM("x") as x, CM("y") as y:
    print("two", x, y)
with CM("outer"):
    with CM("inner", True):
        raise IndexError("inner only")
    print("outer continues")
def ret_from_with():
    with CM("r"):
        return "returned"
print(ret_from_with())
def loop_with():
    out = []
    for i in range(3):
        with CM("loop%d" % i):
            if i == 1:
                continue
            if i == 2:
                break
            out.append(i)
    return out
print(loop_with())
with CM("noas"):
    pass
class Resource:
    opened = 0
    def __enter__(self):
        Resource.opened += 1
        return self
    def __exit__(self, *args):
        Resource.opened -= 1
        return False
with Resource() as r1:
    with Resource() as r2:
        print("opened", Resource.opened, r1 is not r2)
print("opened", Resource.opened)
