import prog
print(prog.f(4), prog.f(-3), prog.table(5))
