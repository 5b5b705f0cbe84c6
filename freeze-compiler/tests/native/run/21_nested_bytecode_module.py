import prog
c = prog.C()
print(prog.nat(5), prog.plain(1), c.m(9).v)
