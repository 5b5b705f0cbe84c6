# pass, semicolons, one-line compound statements, chained assignment, line continuations.
def nothing(): pass
class Nothing: pass
for _ in range(2): pass
while False: pass
if True: print("one-line if")
x = 1; y = 2; z = x + y; print(z)
a = b = c = []
a.append(1)
print(a, b, c, a is b is c)
p = q = 5
p += 1
print(p, q)
total = 1 + \
        2 + \
        3
print(total)
cond = (1 < 2 and
        2 < 3)
print(cond)
def one_liner(v): return v * 2
print(one_liner(21))
for i in range(3): print(i, end=" ")
print()
if x: y = "yes"
else: y = "no"
print(y)
try: int("x")
except ValueError: print("one-line except")
with open if False else type("CM", (), {"__enter__": lambda s: s, "__exit__": lambda s, *a: None})(): print("one-line with")
i = 0
while i < 3: i += 1
print(i)
lst = [1, 2, 3]; lst[1] = lst[0] = 9; print(lst)
n = m = k = 0
n, m = m + 1, n + 2
print(n, m, k)
