# inf, nan and negative zero.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan)
print(inf > 10 ** 30, -inf < -10 ** 30, inf == inf, nan == nan, nan != nan)
print(inf + 1, inf * -1, 1 / inf)
nz = -0.0
print(nz, 0.0 == nz, str(nz), 0.0 * -1)
print(float("-inf"), float("INF"), float("Infinity"))
try:
    1.0 / 0
except ZeroDivisionError:
    print("ZeroDivisionError")
try:
    1.0 % 0.0
except ZeroDivisionError:
    print("ZeroDivisionError mod")
print(int(1e10), int(-1e10))
try:
    int(inf)
except OverflowError:
    print("OverflowError")
try:
    int(nan)
except ValueError:
    print("ValueError")
