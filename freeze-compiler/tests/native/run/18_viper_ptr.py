import prog
src = bytearray(b"hello world")
dst = bytearray(11)
prog.copy(dst, src, 11)
print(dst)
