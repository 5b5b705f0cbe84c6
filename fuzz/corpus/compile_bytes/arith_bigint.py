# Integers beyond 31/32/64 bits: arithmetic, comparisons, printing.
a = 2 ** 31
b = 2 ** 32 + 7
c = 2 ** 64 - 1
d = 10 ** 30 + 123456789
print(a, b, c, d)
print(a - 1, -a, -a - 1, a * a)
print(b * c, c * c, d * d)
print(d // 7, d % 7, -d // 7, -d % 7)
print(c // -3, c % -3, divmod(-c, 10 ** 9))
print(c + 1 == 2 ** 64, c > a, -c < -a, c >= c, d != d + 1)
print(1 << 100, (1 << 100) >> 99, -(1 << 100) >> 98)
print(c & 0xFFFF0000FFFF, c ^ (1 << 63), (1 << 70) | 5)
print(~c, ~(-c), -c & 0xFF, -c | 0xF0, -c ^ 3)
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
fib = [0, 1]
while len(fib) < 100:
    fib.append(fib[-1] + fib[-2])
print(fib[99], fib[99] % 1000000007)
print(int("123456789012345678901234567890") + 1)
print(str(-10 ** 25), len(str(2 ** 200)))
print(abs(-2 ** 80), max(2 ** 70, 2 ** 69), min(-2 ** 70, 5))
print(2 ** 62 + 2 ** 62, 2 ** 63 - 1 + 1, (2 ** 63) * -1 - 1)
x = 1073741823
print(x + 1, x * 2 + 2, -x - 2, x << 1, (x + 1) << 1)
print(0x7FFFFFFF + 1, 0xFFFFFFFF * 0xFFFFFFFF)
