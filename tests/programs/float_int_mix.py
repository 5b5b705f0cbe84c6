# Mixed int/float arithmetic and conversions.
i = 3
f = 0.5
print(i + f, i * f, i / f, i // f, i % f, f ** i, i ** f == 3 ** 0.5)
print(type(i + f).__name__, type(i // 1).__name__, type(i / 1).__name__)
print(10 / 4, 10 // 4, 10.0 // 4, -10 // 4.0, 10 % 4.0)
print(2 ** 53 == float(2 ** 53), int(float(2 ** 40)) == 2 ** 40)
print(1 < 1.5 < 2, 2 ** 70 > 1.5, -2 ** 70 < -1.5)
total = 0
for k in range(1, 9):
    total += 1 / 2 ** k
print(total, total + 1 / 2 ** 8)
print(int(7.99), int(-7.99), float(7) / 2)
print(round(3.5), round(4.5), round(-3.5), round(0.5), round(1.5))
print(abs(-0.5), abs(-3), max(1, 2.5), min(-1, -0.5))
print([x / 4 for x in range(9)])
