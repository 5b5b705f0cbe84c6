import prog
print(prog.count(0), prog.count(10), prog.count(1000))
