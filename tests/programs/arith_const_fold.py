# Expressions the compiler may fold at compile time; results must not change.
A = 1 + 2 * 3
B = (1 << 20) - 1
C = -(2 ** 10)
D = 0xFF & ~0x0F
E = 10 // 3 + 10 % 3
F = 2 ** 31
G = 2 ** 62 + 2 ** 62
H = -7 // 2
I = -7 % 2
J = 1 << 40
K = ~0 ^ 5
L = (3 - 5) * (7 + 1) // 3
M = 1 == 1
N = "ab" * 3
O = 7 / 2
P = 2 ** 100 // 3
Q = (1, 2) + (3,)
R = -(-(-5))
S = +(+3)
T = 0x7FFFFFFF + 1
U = 12 >> 2 << 1
print(A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U)
def f():
    return 60 * 60 * 24 * 365, 1000 * 1000 * 1000 * 1000, -1 - 2 - 3
print(f())
print(2 ** 30 + 2 ** 30, 2 ** 30 * 2, (2 ** 30) << 1, 1 - 2 ** 30 - 2 ** 30 - 1)
print(0 and 5, 3 or 4, not 0, 1 if 1 else 2)
print(5 * "x" + "y" * 2)
