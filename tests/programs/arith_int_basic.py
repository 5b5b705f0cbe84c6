# Small-int arithmetic: + - * // % ** and unary operators, operator precedence.
a = 17
b = 5
print(a + b, a - b, a * b, a // b, a % b, a ** 2)
print(-a, +a, ~a, not a)
print(a & b, a | b, a ^ b, a << 3, a >> 2)
print(a + b * 2 - 3, (a + b) * (2 - 3), a - b - 1, a ** 2 ** 2 % 1000)
print(2 * 3 ** 2, -2 ** 2, (-2) ** 2, 2 ** -1)
print(7 / 2, 8 / 4, -7 / 2)
print(a // -b, -a // b, -a // -b)
print(a % -b, -a % b, -a % -b)
x = 0
for i in range(1, 11):
    x = x * 3 + i
print(x)
print(100 - 1 - 2 - 3, 2 * 3 * 4 * 5, 1000 // 10 // 3)
print(abs(-5), abs(5), abs(0))
print(1 + True, True * 10, False - 1)
n = 12345
digits = []
while n:
    n, d = divmod(n, 10)
    digits.append(d)
print(digits)
print(0 * -1, 0 // 5, 0 % 7)
