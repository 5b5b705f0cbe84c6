# Generator pipelines over text data.
LOG = """INFO start service
WARN disk 91%
INFO request /a 200
ERROR request /b 500
INFO request /c 200
WARN memory 80%
ERROR timeout /d
INFO stop service"""
def lines(text):
    for line in text.split("\n"):
        yield line
def parse(src):
    for line in src:
        level, _, msg = line.partition(" ")
        yield level, msg
def only(levels, src):
    for level, msg in src:
        if level in levels:
            yield level, msg
def numbered(src, start=1):
    n = start
    for item in src:
        yield n, item
        n += 1
for n, (level, msg) in numbered(only(("WARN", "ERROR"), parse(lines(LOG)))):
    print(n, level, msg)
counts = {}
for level, _ in parse(lines(LOG)):
    counts[level] = counts.get(level, 0) + 1
print(sorted(counts.items()))
def window(src, size):
    buf = []
    for x in src:
        buf.append(x)
        if len(buf) > size:
            buf.pop(0)
        if len(buf) == size:
            yield tuple(buf)
print(list(window(range(6), 3)))
def batched(src, n):
    batch = []
    for x in src:
        batch.append(x)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch
print(list(batched("abcdefg", 3)))
def running_total(src):
    total = 0
    for x in src:
        total += x
        yield total
print(list(running_total(x * x for x in range(8))))
def interleave(*gens):
    its = [iter(g) for g in gens]
    while its:
        for it in its[:]:
            try:
                yield next(it)
            except StopIteration:
                its.remove(it)
print(list(interleave("abc", [1, 2], range(10, 14))))
