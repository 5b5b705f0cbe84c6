# for/else, while/else, break and continue in nested loops.
def find(seq, target):
    for i, v in enumerate(seq):
        if v == target:
            print("found", target, "at", i)
            break
    else:
        print("not found", target)
find([1, 2, 3], 2)
find([1, 2, 3], 5)
find([], 1)
n = 0
while n < 3:
    n += 1
else:
    print("while finished normally", n)
n = 0
while True:
    n += 1
    if n == 4:
        break
else:
    print("not printed")
print("broke at", n)
primes = []
for cand in range(2, 40):
    for p in primes:
        if p * p > cand:
            primes.append(cand)
            break
        if cand % p == 0:
            break
    else:
        primes.append(cand)
print(primes)
pairs = []
for i in range(5):
    if i == 3:
        continue
    for j in range(5):
        if j > i:
            break
        if (i + j) % 2:
            continue
        pairs.append((i, j))
print(pairs)
found = None
for a in range(1, 20):
    for b in range(a, 20):
        for c in range(b, 30):
            if a * a + b * b == c * c:
                found = (a, b, c)
                break
        else:
            continue
        break
    else:
        continue
    break
print(found)
i = 0
res = []
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    res.append(i)
else:
    res.append("else")
print(res)
for x in []:
    pass
else:
    print("empty for else")
count = 0
for i in range(3):
    for j in range(3):
        for k in range(3):
            if k == j:
                continue
            if j == 2:
                break
            count += 1
print(count)
