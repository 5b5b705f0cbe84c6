import prog
data = bytearray(b"123456789abc")
print(prog.crc8(data, 9), prog.fletcher16(data, 12), prog.xsum(data, 3))
