import prog
print(list(prog.gen(4)), sum(prog.gen(10)))
