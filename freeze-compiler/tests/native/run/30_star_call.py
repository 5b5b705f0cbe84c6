import prog
class O:
    def meth(self, *a, x=0):
        return (a, x)
def fn(*a, **k):
    return (a, sorted(k.items()))
print(prog.f(fn, O(), (1, 2), {"k": 3}))
