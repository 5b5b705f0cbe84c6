# Conditional expressions and boolean operators returning operands.
def sign(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"
print([sign(n) for n in (-5, 0, 5)])
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "d", "" or [] or 0, "a" and "b" and "c")
print(not None, not [], not [0], not "", not "x")
x = 7
print("odd" if x % 2 else "even", x if x > 10 else -x, (lambda: 1 if x else 0)())
def choose(a, b, c):
    return a if b else c
print(choose(1, True, 2), choose(1, False, 2), choose(1, [], 2))
def absval(v):
    return v if v >= 0 else -v
print([absval(v) for v in (-3, 0, 3)])
calls = []
def t(v):
    calls.append(v)
    return v
r = t(0) and t(1)
r2 = t(2) or t(3)
r3 = t(4) if t(None) else t(5)
print(r, r2, r3, calls)
print([i for i in range(10) if i % 2 if i % 3], [i if i % 2 else None for i in range(4)])
nested = [(a, b) for a in (True, False) for b in (True, False)]
print([(a and b, a or b, (a or b) and not (a and b)) for a, b in nested])
val = None
print(val if val is not None else "default", 0 if val is None else val)
print(True + (5 if True else 0), [0, 1][True], (1 if x else 2) * 3)
