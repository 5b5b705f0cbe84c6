# viper loops over pointers of each width with a variable index: fills, copies, sums, scans
@micropython.viper
def fill8(buf: ptr8, n: int, v: int):
    for i in range(n):
        buf[i] = v


@micropython.viper
def fill16(buf: ptr16, n: int, v: int):
    i = 0
    while i < n:
        buf[i] = v + i
        i += 1


@micropython.viper
def fill32(buf: ptr32, n: int, v: int):
    i = n - 1
    while i >= 0:
        buf[i] = v ^ i
        i -= 1


@micropython.viper
def copy16(dst: ptr16, src: ptr16, n: int):
    for i in range(n):
        dst[i] = src[i]


@micropython.viper
def copy32(dst: ptr32, src: ptr32, n: int):
    for i in range(n):
        dst[n - 1 - i] = src[i]


@micropython.viper
def sum8(buf: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s += buf[i]
    return s


@micropython.viper
def sum16(buf: ptr16, n: int) -> uint:
    s = uint(0)
    for i in range(n):
        s += uint(buf[i])
    return s


@micropython.viper
def find32(buf: ptr32, n: int, v: int) -> int:
    for i in range(n):
        if buf[i] == v:
            return i
    return -1


@micropython.viper
def swap_bytes16(buf: ptr16, n: int):
    for i in range(n):
        x = buf[i]
        buf[i] = ((x & 0xFF) << 8) | ((x >> 8) & 0xFF)


@micropython.viper
def blend(dst: ptr8, a: ptr8, b: ptr8, n: int, alpha: int):
    for i in range(n):
        dst[i] = (a[i] * alpha + b[i] * (255 - alpha)) >> 8


@micropython.viper
def stride(buf: ptr32, n: int, step: int) -> int:
    s = 0
    i = 0
    while i < n:
        s += buf[i]
        i += step
    return s


def run():
    b = bytearray(64)
    fill8(b, 64, 3)
    return sum8(b, 64)
