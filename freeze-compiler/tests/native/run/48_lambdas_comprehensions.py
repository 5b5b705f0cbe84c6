import prog
print(prog.f(3), prog.f(0))
print(prog.nested_comp([(1, 2), (0, 5), (3, 4)]))
