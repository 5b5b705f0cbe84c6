import prog
print(prog.Child().greet(1))
print(prog.split([1, 2, 3, 4]), prog.split((7, 8)))
print(prog.varargs(1), prog.varargs(1, 2, 3, k=4, z=6, y=5))
