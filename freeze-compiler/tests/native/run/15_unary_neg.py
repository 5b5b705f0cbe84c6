import prog
print(prog.f(5), prog.f(-3), prog.f(0))
