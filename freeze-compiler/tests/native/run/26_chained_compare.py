import prog
print(prog.f(1, 2, 3), prog.f(3, 2, 1), prog.f(1, 0, 5))
