# viper idioms: annotated locals, calls with native arguments, bools, iteration over objects
@micropython.viper
def helper(a: int, b: int) -> int:
    return a - b


@micropython.viper
def misc(buf, items) -> int:
    n: int = int(len(buf))
    p = ptr8(buf)
    total = 0
    ok = True
    for it in items:
        total += int(it)
    while ok:
        total += int(helper(n, 1))
        ok = False
    if not ok:
        total += 1
    print(n, total, ok)
    s = buf[0]
    p[0] = n
    p[n - 1] = 0
    return total + p[1]


@micropython.viper
def flags(a: int, b: int) -> bool:
    x = a > b
    y = a == 0
    if x and y:
        return True
    return x or y


@micropython.viper
def ptr_arith(buf: ptr8, off: int) -> int:
    q = ptr8(uint(buf) + uint(off))
    r = ptr16(buf)
    return q[0] + r[1]


@micropython.viper
def pure_obj(a, b):
    c = a + b
    d = a[b]
    a[b] = c
    return d
