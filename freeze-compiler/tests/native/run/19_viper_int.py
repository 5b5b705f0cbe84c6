import prog
print(prog.add(2, 3), prog.add(-10, 4), prog.add(1 << 40, 1))
