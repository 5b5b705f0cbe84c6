# viper pointers cast between widths and to integers, kept in locals across branches and
# loops with break/continue, from bytearray, memoryview and array objects
import array


@micropython.viper
def widths(buf: ptr8) -> int:
    p16 = ptr16(buf)
    p32 = ptr32(buf)
    back = ptr8(p32)
    return p16[1] + p32[1] + back[3] + int(ptr8(int(p16) + 1)[0])


@micropython.viper
def pick(a: ptr8, b: ptr8, first: bool) -> int:
    p = a
    if not first:
        p = b
    return p[0]


@micropython.viper
def scan(buf: ptr8, n: int, stop: int) -> int:
    count = 0
    i = 0
    while i < n:
        v = buf[i]
        i += 1
        if v == 0:
            continue
        if v == stop:
            break
        count += 1
    return count


@micropython.viper
def from_array(a) -> int:
    p = ptr32(a)
    return p[0] + p[1]


@micropython.viper
def from_memoryview(m) -> int:
    p = ptr16(m)
    return p[0] | p[1] << 16


@micropython.viper
def address_arith(buf: ptr8, n: int) -> int:
    start = int(buf)
    end = start + n
    s = 0
    while start < end:
        s += ptr8(start)[0]
        start += 1
    return s


def run():
    b = bytearray(range(1, 17))
    return widths(b), pick(b, b"xyz", False), scan(b, 16, 9), from_array(array.array("i", [5, 6])), address_arith(b, 16)
