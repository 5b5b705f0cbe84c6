# rare corner: const() with expressions, tuples, strings and names of other consts
from micropython import const
import micropython
_A = const(5)
B = const(_A * 2 + 1)
_C = const(1 << 40)
D = const(-(1 << 30))
_E = const(B | _A)
T = const((1, 2))
_S = const('str')
_BY = const(b'bytes')
F = const(_A // 2 - 7 % 3)
G = micropython.const(3)
_H = const(0x3fffffff + 1)
def f(x=_A):
    return [_A, B, _C, D, _E, T, _S, _BY, F, G, _H, x, _A + B]
print(f(), B)
