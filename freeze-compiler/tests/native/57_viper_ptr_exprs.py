# viper pointers in expressions: made from objects and addresses, offset by arithmetic, indexed
# by expressions, uint and bool values, nested subscripts, in-place updates, passed and returned
@micropython.viper
def from_objects(b, addr: int) -> int:
    p = ptr8(b)
    q = ptr16(addr)
    r = ptr32(addr + 8)
    return p[0] + q[1] + r[2]


@micropython.viper
def offsets(buf: ptr8, n: int) -> int:
    p = ptr8(int(buf) + n)
    q = ptr16(int(buf) + 2 * n)
    return p[0] + q[0] + ptr32(int(buf) + 4)[1]


@micropython.viper
def uint_index(buf: ptr16, i: uint) -> uint:
    return uint(buf[i]) + uint(buf[i + uint(1)])


@micropython.viper
def expr_index(buf: ptr32, i: int, j: int) -> int:
    return buf[i * 4 + j] + buf[(i << 2) | 1] + buf[i - j]


@micropython.viper
def nested(table: ptr8, idx: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s += table[idx[i]]
    return s


@micropython.viper
def inplace(buf: ptr8, buf16: ptr16, buf32: ptr32, i: int):
    buf[i] += 1
    buf[3] -= 2
    buf16[i] <<= 1
    buf16[7] |= 0x8000
    buf32[i] ^= -1
    buf32[0] += buf32[1]


@micropython.viper
def store_kinds(buf: ptr8, words: ptr32, i: int, u: uint, flag: bool):
    buf[i] = flag
    buf[0] = u
    words[i] = u
    words[1] = i > 3
    buf[i + 1] = buf[i] + 1


@micropython.viper
def as_object(buf: ptr8) -> ptr8:
    return buf


@micropython.viper
def compare_ptrs(a: ptr8, b: ptr8) -> bool:
    return int(a) == int(b)


@micropython.viper
def reverse(buf: ptr8, n: int):
    i = 0
    j = n - 1
    while i < j:
        t = buf[i]
        buf[i] = buf[j]
        buf[j] = t
        i += 1
        j -= 1
