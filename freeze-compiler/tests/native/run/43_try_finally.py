import prog
print(prog.parse("12"), prog.parse("x"), prog.parse(None))
print(prog.nested(5), prog.nested(0))
print(prog.loop([1, None, 2, "a", 3, -1, 9]))
print(prog.ret_in_finally(4), prog.while_try(10), prog.while_try(3))
