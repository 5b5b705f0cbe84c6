import prog
dest = bytearray(16)
src = bytearray(b"\x12\x34\xf0\x0f")
lut = bytearray(range(32))
prog._lcopy(dest, src, lut, 4)
print(dest)
a = bytearray(b"abcdefgh")
b = bytearray(8)
prog._copy16(b, a, 3)
print(b)
class Spi:
    def __init__(self):
        self.n = 0
    def write(self, b):
        self.n += len(b)
d = prog.Display(Spi(), 8, 4)
d.fb.fill(3)
d.show()
print(d.spi.n, d.line)
