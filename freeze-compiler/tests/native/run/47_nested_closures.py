import prog
a = prog.make_adder(10)
print(a(5), a(-10))
c = prog.counter()
print(c(), c(), c(5))
print(prog.with_defaults(1), prog.with_defaults(3, 4))
print(prog.cells_and_locals(2, 3))
