# Converting between numbers and strings in both directions, many values.
values = [0, 1, -1, 9, 10, 99, 100, 255, 256, 1023, 65535, 65536, 2 ** 31 - 1, 2 ** 31, -2 ** 31, 2 ** 32, 10 ** 12, -10 ** 15, 2 ** 64 + 1]
for v in values:
    s = str(v)
    h = hex(v)
    b = bin(v)
    o = oct(v)
    assert int(s) == v and int(h, 16) == v and int(b, 2) == v and int(o, 8) == v
    print(s, h, o, len(b))
def to_base(n, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(digits[r])
    return sign + "".join(reversed(out))
for base in (2, 3, 7, 16, 36):
    print(base, [to_base(v, base) for v in (0, 5, -35, 1000, 2 ** 40)])
    assert all(int(to_base(v, base), base) == v for v in values)
print("%d|%5d|%-5d|%05d" % (42, 42, 42, -42))
print(str(1.5), str(-0.5), float("3"), int(float("7")), str(True), int("-0"))
print("".join(str(d) for d in range(10)), int("".join(str(d) for d in range(1, 10))) * 9)
