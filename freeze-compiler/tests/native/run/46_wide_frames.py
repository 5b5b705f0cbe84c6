import prog
print(prog.wide(3), prog.wide(-5))
b = bytearray(4 * 41)
prog.far_store(b, 7)
print(b[4], b[156], b[160])
h = bytearray(2 * 101)
for i in range(len(h)):
    h[i] = i & 0xFF
print(prog.far16(h, 7), prog.far16(h, 100))
print(prog.shifts(-1000, 1000, 3), prog.shifts(5, 5, 1))
print(prog.many(1, 2, 3, 4, 5, 6, 7, 8))
