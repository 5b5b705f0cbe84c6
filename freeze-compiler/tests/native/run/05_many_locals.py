import prog
print(prog.f(1, 2, 3, 4), prog.f(-1, 5, 10, 20))
