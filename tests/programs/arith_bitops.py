# Bitwise operators and shifts on small, big and negative integers.
def bits(n, w=16):
    return "".join("1" if n >> i & 1 else "0" for i in range(w - 1, -1, -1))
for a, b in [(0b1100, 0b1010), (255, 15), (-1, 12), (-16, 7), (2 ** 40, 2 ** 40 - 1)]:
    print(a & b, a | b, a ^ b, ~a, a << 3, a >> 2)
print(bits(0xABCD), bits(-2))
print(1 << 0, 1 << 31, 1 << 32, 1 << 63, 1 << 64)
print(-1 >> 10, -1024 >> 3, -1025 >> 3, (2 ** 100) >> 100, (2 ** 100 + 2 ** 99) >> 99)
x = 0
for i in range(0, 64, 3):
    x |= 1 << i
print(x, bin(x).count("1"))
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(n) for n in [0, 1, 255, 256, 2 ** 50 - 1, 12345678901234]])
mask = (1 << 32) - 1
h = 2166136261
for ch in "freeze":
    h = ((h ^ ord(ch)) * 16777619) & mask
print(h)
print(0xFF ^ 0x0F, 0o777 & 0o70, 0b1010 | 0b0101)
print(5 & -5, -6 | 3, -7 ^ -8)
