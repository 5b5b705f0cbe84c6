import prog
l, t, d, s = prog.f(1, 2)
print(l, t, sorted(d.items(), key=str), sorted(s))
