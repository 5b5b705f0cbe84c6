# rare corner: every comprehension kind with nested fors/ifs, walrus binding outside, nested ones
def f(a, b):
    r = [x * y for x in range(a) for y in range(x) if x != y if y]
    s = {x % 3 for x in range(b)}
    d = {k: [v for v in range(k) if v % 2] for k in range(4)}
    g = list(x for x in range(5) for y in range(x) if x > y)
    n = [[x * y for y in range(x)] for x in range(4) if x]
    w = [(last := x) for x in range(3)]
    if (m := a + b) > 3:
        r.append(m)
    while (k := b - 1) > 10:
        b = k
    return r, s, d, g, n, w, last, m, k, [y := 5, y ** 2]
print(f(4, 6))
