# Constant tuples and constant expressions in many positions (the compiler may build them at compile time).
T1 = (1, 2, 3)
T2 = ("a", ("b", ("c",)), None, True, False, 1.5, -7, 2 ** 40, b"xy")
T3 = ((), ((),), (((),),))
print(T1, T2, T3)
def f():
    return (1, 2), ("x",), (None,), (0.5, -0.5)
print(f())
for item in (10, 20, 30):
    print(item, end=" ")
print()
print(3 in (1, 2, 3), "q" in ("a", "b"), (1, 2) == (1, 2))
def g(x, opts=("fast", "safe")):
    return x in opts
print(g("fast"), g("slow"))
nested = [(1, (2, 3)), (4, (5, 6))]
print([a + b + c for a, (b, c) in nested])
print((1,) * 3 + (2,) * 2, (1, 2) + (3,))
D = {(1, 2): "pair", (3,): "single", (): "empty"}
print(D[(1, 2)], D[(3,)], D[()])
MIXED = (0, 0.0, -0.0, False, "", b"", (), None)
print(MIXED, len(MIXED))
def h():
    return (2 ** 31 - 1, -2 ** 31, 2 ** 31, 2 ** 63, -(2 ** 63) - 1)
print(h())
