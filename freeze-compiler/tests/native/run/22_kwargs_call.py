import prog
print(prog.f(1), prog.f(1, 5, c=9))
