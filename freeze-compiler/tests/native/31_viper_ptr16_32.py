# ptr16 / ptr32 loads and stores, immediate and register indices
@micropython.viper
def fill16(buf: ptr16, n: int, v: int):
    i = 0
    while i < n:
        buf[i] = v
        i += 1
    buf[0] = 1
    buf[3] = v
    buf[300] = 7


@micropython.viper
def sum32(buf: ptr32, n: int) -> int:
    s = 0
    for i in range(n):
        s += buf[i]
    return s + buf[0] + buf[2] + buf[400]


@micropython.viper
def get8(buf: ptr8) -> int:
    return buf[0] + buf[1] + buf[255] + buf[256]


@micropython.viper
def set8(buf: ptr8, v: int):
    buf[0] = v
    buf[5] = v + 1
    buf[1000] = 3
