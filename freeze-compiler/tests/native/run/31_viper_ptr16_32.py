import prog
b16 = bytearray(2 * 301)
prog.fill16(b16, 10, 0x1234)
print(bytes(b16[:24]), b16[600], b16[601])
b32 = bytearray(4 * 401)
for i in range(len(b32)):
    b32[i] = i * 7 & 0xFF
print(prog.sum32(b32, 20))
b8 = bytearray(range(256)) + bytearray(b"\x05")
print(prog.get8(b8))
b = bytearray(1001)
prog.set8(b, 9)
print(b[0], b[5], b[1000])
