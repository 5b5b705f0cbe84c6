# The struct module (available in both CPython and MicroPython).
import struct
b = struct.pack("<HIb", 1, 2, -3)
print(b, len(b), struct.calcsize("<HIb"))
print(struct.unpack("<HIb", b))
print(struct.pack(">I", 0x01020304), struct.pack("<I", 0x01020304))
print(struct.unpack(">hH", b"\xff\xfe\xff\xfe"))
print(struct.pack("<q", -2), struct.unpack("<Q", b"\xff" * 8))
print(struct.pack("<3sB", b"abc", 7), struct.unpack("<2B", b"\x01\x02"))
print(struct.pack("<d", 1.5), struct.unpack("<f", struct.pack("<f", 0.25)))
print(struct.unpack_from("<H", b"\x00\x01\x02", 1))
buf = bytearray(8)
struct.pack_into("<HH", buf, 2, 0xABCD, 0x1234)
print(buf)
records = [(1, 100), (2, 200), (3, 300)]
blob = b"".join(struct.pack("<BH", a, b) for a, b in records)
print(blob, [struct.unpack("<BH", blob[i:i + 3]) for i in range(0, len(blob), 3)])
