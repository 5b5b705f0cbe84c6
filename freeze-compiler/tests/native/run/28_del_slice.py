import prog
l = [1, 2, 3, 4, 5]
print(prog.f(l), l)
