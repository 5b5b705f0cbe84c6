# comparisons, while and for loops, break and continue in viper
@micropython.viper
def count(n: int, lo: int, hi: int) -> int:
    k = 0
    i = 0
    while i < n:
        i += 1
        if i == 3:
            continue
        if i >= hi:
            break
        if i <= lo:
            k += 2
        elif i > 10:
            k -= 1
        elif i != 7:
            k += 1
    return k


@micropython.viper
def ucmp(a: uint, b: uint) -> int:
    r = 0
    if a < b:
        r += 1
    if a > b:
        r += 2
    if a <= b:
        r += 4
    if a >= b:
        r += 8
    if a == b:
        r += 16
    if a != b:
        r += 32
    return r


@micropython.viper
def find(buf: ptr8, n: int, v: int) -> int:
    for i in range(n):
        if buf[i] == v:
            return i
    return -1


@micropython.viper
def loop_down(n: int) -> int:
    s = 0
    for i in range(n, 0, -1):
        s += i
    return s
