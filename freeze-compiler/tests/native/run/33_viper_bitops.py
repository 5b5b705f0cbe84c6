import prog
print(prog.ops(3, 5), prog.ops(-100, 7), prog.uops(1000, 3))
print(prog.divmod_(17, 5), prog.divmod_(-17, 5), prog.big_consts(1))
