import prog
print(prog.f())
