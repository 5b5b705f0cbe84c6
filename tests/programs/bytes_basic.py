# bytes and bytearray: construction, indexing, methods, mutation.
b = b"hello world"
print(b, len(b), b[0], b[-1], b[1:4], b[:0], list(b[:3]))
print(b.upper(), b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.startswith(b"he"), b.endswith(b"ld"))
print(b.split(), b.split(b"o"), b.replace(b"l", b"L"), b.strip(b"hd"), b"-".join([b"a", b"b"]))
print(bytes(4), bytes([1, 2, 255]), bytes("abc", "utf-8"), bytes(range(65, 70)))
print(b"ab" + b"cd", b"ab" * 3, b"b" in b"abc", 99 in b"abc", b"abc" == b"abc", b"abc" < b"abd")
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
ba[1:3] = b"XYZ"
print(ba, len(ba), bytes(ba), ba.decode())
ba.pop() if hasattr(ba, "pop") else None
print(ba[:3])
print(bytearray(3), bytearray([1, 2]), bytearray(b"x") + b"y")
print(b"\x00\x01\xff".hex(), bytes.fromhex("deadbeef"), b"%d:%s" % (5, b"x"))
print(list(reversed(b"abc")), sorted(b"cab"), max(b"az"), sum(b"\x01\x02\x03"))
print(int.from_bytes(b"\x01\x02", "big"), int.from_bytes(b"\x01\x02", "little"))
print((258).to_bytes(2, "big"), (258).to_bytes(4, "little"), (2 ** 40).to_bytes(6, "big"))
for x in b"hi":
    print(x, chr(x))
m = memoryview(b"abcdef")
print(bytes(m[1:4]), m[0], len(m))
print(b"abc".decode(), str(b"x", "utf-8"), b"caf\xc3\xa9".decode() == "caf\u00e9")
