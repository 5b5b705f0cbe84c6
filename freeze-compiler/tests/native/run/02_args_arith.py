import prog
print(prog.add(2, 3), prog.add("a", "b"), prog.add(1 << 40, 1))
print(prog.mix(7, 3, 2), prog.mix(-9, 4, 100))
