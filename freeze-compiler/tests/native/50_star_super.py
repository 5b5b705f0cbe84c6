# starred assignment and super() calls inside native code; *args/**kwargs parameters
class Base:
    def greet(self, x):
        return "base " + str(x)


class Child(Base):
    @micropython.native
    def greet(self, x):
        return "child " + super().greet(x + 1)


@micropython.native
def split(seq):
    first, *rest = seq
    *init, last = seq
    a, *mid, b = seq
    return first, rest, init, last, a, mid, b


@micropython.native
def varargs(a, *args, k=5, **kw):
    return a, args, k, sorted(kw.items())
