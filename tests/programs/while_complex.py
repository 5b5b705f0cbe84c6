# while loops with compound conditions, counters, and early exits.
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz(n) for n in range(1, 20)], collatz(27))
def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x
print([isqrt(n) for n in (0, 1, 15, 16, 17, 10 ** 20, 2 ** 100)])
i, j = 0, 10
steps = []
while i < j and (i + j) % 7 != 0:
    steps.append((i, j))
    i += 1
    j -= 1
print(steps, i, j)
def digits_sum(n):
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s
print(digits_sum(2 ** 100), digits_sum(0), digits_sum(999999999999))
data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
pos = 0
acc = 0
while pos < len(data) and acc + data[pos] <= 20:
    acc += data[pos]
    pos += 1
print(pos, acc)
n = 0
while not (n > 5 or n * n > 10):
    n += 1
print(n)
queue = [1]
seen = []
while queue:
    x = queue.pop(0)
    if x in seen or x > 40:
        continue
    seen.append(x)
    queue += [x * 2, x * 3]
print(sorted(seen))
