# integer constants of every shape in viper code: 8-bit, shifted 8-bit, 16-bit, negated,
# 30-bit (viper's small ints), as each target builds them
@micropython.viper
def consts() -> int:
    a = 0
    a += 1
    a += 255
    a += 256
    a += 0x3FC00
    a += 0x3F000000
    a += 0x20000000
    a += 0xFFFF
    a += 0x10000
    a += 0x12345
    a += 0x3FFFFFFF
    a += -1
    a += -255
    a += -256
    a += -257
    a += -0xFFFF
    a += -0x10000
    a += -0x12345678
    a += -0x40000000
    a += 1 << 24
    a += 0x00FF00
    return a


@micropython.viper
def masks(x: uint) -> uint:
    return (x & uint(0xFF00FF00)) | (x & uint(0x00FF00FF)) ^ uint(0xAAAAAAAA)


@micropython.viper
def compare_consts(x: int) -> int:
    n = 0
    if x < -1000:
        n += 1
    if x > 100000:
        n += 2
    if x == 0x1234:
        n += 4
    if x != -0x8000:
        n += 8
    return n


@micropython.native
def native_consts(x):
    return x + 1000 + 70000 - 300 + 0x40000000
