import prog
print(prog.f(), prog.f(), prog.G)
