import prog
class D(dict):
    pass
d = D()
print(prog.f(d, 0, 7), sorted(d.items()))
