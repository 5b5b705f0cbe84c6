# range with positive/negative steps, empty ranges, range objects.
print(list(range(5)), list(range(2, 8)), list(range(0, 20, 5)), list(range(10, 0, -3)))
print(list(range(5, 5)), list(range(5, 0)), list(range(0, 5, -1)), list(range(-5, -1)), list(range(-1, -10, -2)))
print(len(range(0, 100, 7)), len(range(100, 0, -7)), len(range(3, 3)), range(10)[3], range(0, 10, 2)[-1])
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
total = 0
for i in range(100, 0, -1):
    total += i
print(total)
acc = []
for i in range(10, -11, -5):
    acc.append(i)
print(acc)
r = range(3, 30, 4)
print(r.start, r.stop, r.step, list(r), sum(r), max(r), min(r))
print(list(reversed(range(1, 6))), sorted(range(5), reverse=True))
for i in range(3):
    for j in range(i, 3):
        print(i, j, end="; ")
print()
n = 0
for _ in range(1000):
    n += 1
print(n)
print(range(0) == range(0) if hasattr(range, "__eq__") else True, list(range(2 ** 30 - 2, 2 ** 30 + 1)))
big_step = list(range(0, 2 ** 30, 2 ** 28))
print(big_step)
