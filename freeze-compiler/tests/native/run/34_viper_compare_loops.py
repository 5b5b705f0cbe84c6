import prog
print(prog.count(20, 2, 15), prog.count(5, 0, 100))
print(prog.ucmp(1, 2), prog.ucmp(2, 1), prog.ucmp(3, 3))
print(prog.find(b"abcdef", 6, ord("d")), prog.find(b"abc", 3, ord("z")), prog.loop_down(10))
