import prog
print(prog.total([1, -2, 3, 200, 5]), prog.total(range(10)), prog.total([]))
