# Floats with exactly-representable values whose printing is the same everywhere.
a = 1.5
b = 0.25
print(a, b, a + b, a - b, a * b, a / b, a // b, a % b)
print(-a, abs(-a), a ** 2, b ** 0.5, 2.0 ** 10)
print(1.0, 100.0, 0.5, 0.125, 1024.0, -3.75)
print(float(3), float("2.5"), float("-0.5"), float(" 8 "))
print(int(2.75), int(-2.75), round(2.75), round(-0.25))
print(7 / 2, 1 / 4, 3 / 8, 10 / 5)
print(1.5 == 1.5, 1.5 < 2, 2 > 1.5, 1.0 == 1, 0.5 != 0.25)
print(min(1.5, 0.5), max(0.25, 0.75), sum([0.5, 0.25, 0.125]))
print(divmod(7.5, 2), divmod(-7.5, 2))
print(3 * 0.5, 0.5 + 1, 2 - 0.75)
x = 0.0
for i in range(8):
    x += 0.125
print(x)
print(str(2.5), repr(0.75), "%s" % 1.25)
print(1e3, 1.5e2, 2.5e-1)
print(isinstance(1.5, float), type(2.0).__name__)
print(float(2 ** 52), float(-2 ** 20))
