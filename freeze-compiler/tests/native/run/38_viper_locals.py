import prog
print(prog.many(1, 2, 3, 4, 5), prog.three(2, 3, 4), prog.one(b"\x07"), prog.zero(), prog.objs("a", 1, 2))
