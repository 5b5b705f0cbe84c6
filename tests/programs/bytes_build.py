# Building binary data by hand: checksums, little/big endian packing with shifts, hexdump.
def u16le(v):
    return bytes([v & 0xFF, v >> 8 & 0xFF])
def u32be(v):
    return bytes([v >> 24 & 0xFF, v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF])
def read_u32be(b, off=0):
    return b[off] << 24 | b[off + 1] << 16 | b[off + 2] << 8 | b[off + 3]
pkt = bytearray()
pkt += b"HDR"
pkt += u16le(0x1234)
pkt += u32be(0xDEADBEEF)
pkt.append(len(pkt))
print(bytes(pkt), len(pkt), hex(read_u32be(pkt, 5)))
def checksum(data):
    s = 0
    for b in data:
        s = (s + b) & 0xFF
    return (-s) & 0xFF
c = checksum(pkt)
print(c, (sum(pkt) + c) & 0xFF)
def crc8(data, poly=0x07):
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ poly) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc
print(crc8(b"123456789"), crc8(b""), crc8(bytes(range(32))))
def hexdump(data, width=8):
    for off in range(0, len(data), width):
        chunk = data[off:off + width]
        hx = " ".join("%02x" % b for b in chunk)
        asc = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        print("%04x  %-*s  %s" % (off, width * 3 - 1, hx, asc))
hexdump(bytes(pkt) + b"\x00\x01hello\xff")
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)
for n in (0, 1, 127, 128, 300, 16384, 2 ** 32, 2 ** 63):
    print(n, varint(n))
