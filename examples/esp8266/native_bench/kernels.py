# The kernels of the native benchmark (bench/run.sh --only native): the same display-driver
# loops as plain bytecode, as @micropython.native and as @micropython.viper, so that the LX106's
# instruction counts under QEMU compare the three emitters on one routine.
import micropython


def sum8_bytecode(data, n):
    total = 0
    for i in range(n):
        total += data[i]
    return total


@micropython.native
def sum8_native(data, n):
    total = 0
    for i in range(n):
        total += data[i]
    return total


@micropython.viper
def sum8_viper(data: ptr8, n: int) -> int:
    total = 0
    for i in range(n):
        total += data[i]
    return total


def fill565_bytecode(buf, n, colour):
    hi = colour >> 8
    lo = colour & 0xFF
    for i in range(n):
        buf[2 * i] = hi
        buf[2 * i + 1] = lo


@micropython.native
def fill565_native(buf, n, colour):
    hi = colour >> 8
    lo = colour & 0xFF
    for i in range(n):
        buf[2 * i] = hi
        buf[2 * i + 1] = lo


@micropython.viper
def fill565_viper(buf: ptr16, n: int, colour: int):
    c = (colour >> 8) | ((colour & 0xFF) << 8)
    for i in range(n):
        buf[i] = c


KERNELS = {
    "sum8_bytecode": lambda b: sum8_bytecode(b, len(b)),
    "sum8_native": lambda b: sum8_native(b, len(b)),
    "sum8_viper": lambda b: sum8_viper(b, len(b)),
    "fill565_bytecode": lambda b: fill565_bytecode(b, len(b) // 2, 0xF81F),
    "fill565_native": lambda b: fill565_native(b, len(b) // 2, 0xF81F),
    "fill565_viper": lambda b: fill565_viper(b, len(b) // 2, 0xF81F),
}


def run(name, size, calls):
    buf = bytearray(size)
    for i in range(size):
        buf[i] = i & 0xFF
    if name == "none":
        print("none")
        return
    kernel = KERNELS[name]
    result = None
    for _ in range(calls):
        result = kernel(buf)
    print(name, result, buf[0], buf[1])
