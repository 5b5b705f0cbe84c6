import prog
print(prog.f(1, 1), prog.f(None, 2), prog.f(0, 4), prog.f(2, [2, 3]), prog.f(5, [1]))
