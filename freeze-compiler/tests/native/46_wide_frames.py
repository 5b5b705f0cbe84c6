# wide values and frames: 64-bit immediates on x64, far locals (disp32), far pointer offsets,
# shifts of every kind, stores of every width from several registers
@micropython.viper
def wide(a: int) -> int:
    b = 0x12345678
    c = -0x12345678
    d = a << 20
    e = -1
    return b + c + (d >> 18) + e


@micropython.viper
def far_store(buf: ptr32, v: int):
    buf[40] = v
    buf[1] = v + 1
    i = 39
    buf[i] = v << 1


@micropython.viper
def far16(buf: ptr16, i: int) -> int:
    buf[i] = 0x55
    return buf[100] + buf[63] + buf[64] + buf[i]


@micropython.viper
def shifts(a: int, b: uint, n: int) -> int:
    x = a >> n
    y = int(b >> uint(n))
    z = a << n
    return x + y + z


@micropython.native
def many(a, b, c, d, e, f, g, h):
    i = a + b
    j = c + d
    k = e + f
    l = g + h
    m = i * j
    n = k * l
    o = m - n
    p = o + a
    q = [i, j, k, l, m, n, o, p]
    r = (q, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)
    return r
