# Assignment expressions (:=).
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 6])
vals = iter(range(10))
total = 0
while (v := next(vals, None)) is not None:
    total += v
print(total, v)
print((a := 5) + a, a)
def f(x):
    return (r := x * x) + r
print(f(3))
print([last := i for i in range(4)], last)
words = ["alpha", "be", "gamma", "pi"]
longest = None
for w in words:
    if longest is None or (lw := len(w)) > len(longest):
        longest = w
print(longest)
def counter():
    count = 0
    def inc():
        nonlocal count
        return (count := count + 1)
    return inc
c = counter()
print(c(), c(), c())
stack = [1, 2, 3]
out = []
while stack and (top := stack.pop()):
    out.append(top)
print(out)
print(any((hit := x) > 5 for x in data), hit)
