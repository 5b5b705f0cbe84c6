# Exponentiation: int, negative base, big results, 3-argument pow.
for base in [-3, -2, -1, 0, 1, 2, 3, 10]:
    print(base, [base ** e for e in range(0, 8)])
print(2 ** 100, (-2) ** 101, 3 ** 50, 7 ** 23)
print(pow(2, 10), pow(-3, 3), pow(10, 20))
print(pow(3, 200, 1000007), pow(2, 1000, 97), pow(12345, 6789, 2 ** 31 - 1))
print(pow(-7, 3, 11), pow(7, 3, -11))
print(2 ** 0, 0 ** 0, 1 ** 1000, (-1) ** 1001)
print(2 ** 0.5 == 2 ** 0.5, 4 ** 0.5, 2 ** -2, 10 ** -1 == 0.1)
x = 2
x **= 10
print(x)
x **= 3
print(x)
def ipow(b, e):
    r = 1
    while e:
        if e & 1:
            r *= b
        b *= b
        e >>= 1
    return r
print(all(ipow(b, e) == b ** e for b in range(-5, 6) for e in range(0, 40)))
print(ipow(3, 100) == 3 ** 100)
