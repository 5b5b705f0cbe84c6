# micropython-only
# const() values used in further constant expressions and in nested scopes.
from micropython import const
A = const(3)
B = const(A * 7 + 1)
C = const((B << 2) - A)
D = const(-B)
E = const(B % 5)
F = const(~A & 0xFF)
print(A, B, C, D, E, F)
def f(x):
    def g():
        return x * C + A
    return g()
print(f(2), f(-1))
print([i * B for i in range(A)])
micropython_imported = __import__("micropython")
print(micropython_imported.const(5))
