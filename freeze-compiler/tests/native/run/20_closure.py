import prog
print(prog.outer(1)(2), prog.outer("a")("b"))
