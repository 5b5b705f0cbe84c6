import prog
print(prog.f(0), prog.f(-7))
