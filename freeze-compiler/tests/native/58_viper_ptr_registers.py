# viper stores and loads whose base, index and value sit in different registers or stack
# slots: locals kept in registers, arguments past the register-held ones, immediates
@micropython.viper
def many_args(a: ptr8, b: ptr16, c: ptr32, i: int, v: int) -> int:
    a[i] = v
    b[i] = v
    c[i] = v
    a[1] = v
    b[2] = v
    c[3] = v
    return a[i] + b[i] + c[i]


@micropython.viper
def regs_then_stack(p: ptr32, q: ptr32, r: ptr32, s: ptr32, n: int) -> int:
    t = 0
    for i in range(n):
        p[i] = q[i] + r[i] - s[i]
        t += p[i]
    return t


@micropython.viper
def imm_values(p: ptr8, q: ptr16, r: ptr32, i: int):
    p[i] = 7
    q[i] = 300
    r[i] = 70000
    p[5] = 0
    q[5] = 1
    r[5] = -1


@micropython.viper
def value_from_call(p: ptr8, f, i: int):
    p[i] = int(f(i))
    p[0] = int(f(0)) + 1


@micropython.viper
def pixel(fb: ptr16, width: int, x: int, y: int, c: int):
    fb[y * width + x] = c


@micropython.viper
def hline(fb: ptr16, width: int, x0: int, x1: int, y: int, c: int):
    row = y * width
    for x in range(x0, x1):
        fb[row + x] = c


@micropython.viper
def crc8(data: ptr8, n: int) -> int:
    crc = 0
    for i in range(n):
        crc ^= data[i]
        for _ in range(8):
            if crc & 0x80:
                crc = ((crc << 1) ^ 0x07) & 0xFF
            else:
                crc = (crc << 1) & 0xFF
    return crc
