# Integer constants around small-int and machine-word boundaries (encoding edge cases).
vals = [0, 1, -1, 63, 64, -64, -65, 127, 128, -128, -129, 255, 256, 8191, 8192, -8192, -8193,
        65535, 65536, 1048575, 1048576, 2 ** 27 - 1, 2 ** 27, -2 ** 27, 2 ** 30 - 1, 2 ** 30, -2 ** 30, -2 ** 30 - 1,
        2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1, 2 ** 32, 2 ** 62, 2 ** 63 - 1, 2 ** 63, -2 ** 63, 2 ** 64, 10 ** 20]
for v in vals:
    print(v, v + 1, v - 1, v * 2, -v, v // 3, v % 7)
print(sum(vals), len(vals))
x = 1073741823
y = 1073741824
z = -1073741824
w = -1073741825
print(x, y, z, w, x + 1 == y, z - 1 == w, type(y).__name__)
def boundary():
    return 0x3FFFFFFF, 0x40000000, -0x40000000, -0x40000001, 0x7FFFFFFF, 0xFFFFFFFF, 0x100000000
print(boundary())
