import prog
r, s = prog.f()
print(r, callable(s))
