import prog
print(prog.f(5, 6, 7), prog.f(40, 40, 100), prog.f(0, 0, 0))
