# integer arithmetic, shifts and bitwise operations in viper
@micropython.viper
def ops(a: int, b: int) -> int:
    c = a + b
    c = c - a
    c = c * b
    c = c & 0xFF
    c = c | 0x100
    c = c ^ a
    c = c << 2
    c = c >> 1
    c = -c
    c = ~c
    c = +c
    c += 1
    c -= 2
    c *= 3
    c &= 0xFFFF
    c |= 1
    c ^= 3
    c <<= 1
    c >>= 2
    return c


@micropython.viper
def uops(a: uint, b: uint) -> uint:
    c = a >> b
    c = c << 3
    c >>= 1
    return c + a


@micropython.viper
def divmod_(a: int, b: int) -> int:
    return a // b + a % b


@micropython.viper
def big_consts(a: int) -> int:
    return a + 100000 + 0x7FFF + 2047 - 2048 + 95 + 96 - 33
