# Chained comparisons, including side effects evaluated once.
calls = []
def v(x):
    calls.append(x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2)
print(1 < 2 <= 2 < 3 != 4 > 0)
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
calls.clear()
x = 5
print(0 <= x < 10, 0 <= x < 5, x in [5] in [[5]], 2 < x is not None)
print("a" < "b" < "c", (1, 2) < (1, 3) < (2,), [1] < [1, 0])
def between(lo, x, hi):
    return lo <= x <= hi
print([between(1, i, 3) for i in range(5)])
a = b = c = 7
print(a == b == c, a is b, a < b < c)
print(not 1 < 2, not (1 < 2 < 0))
r = 1 < 2 and 2 < 3 or 4 < 3
print(r)
