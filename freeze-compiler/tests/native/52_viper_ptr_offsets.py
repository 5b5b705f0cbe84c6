# viper pointer accesses at constant offsets of every reach: the short forms (small offsets),
# the wide ones (12-bit byte offsets), and the add-then-access sequences beyond, negative too
@micropython.viper
def load8(p: ptr8) -> int:
    return p[0] + p[1] + p[31] + p[32] + p[255] + p[256] + p[4095] + p[4096] + p[70000] + p[-1]


@micropython.viper
def load16(p: ptr16) -> int:
    return p[0] + p[1] + p[31] + p[32] + p[127] + p[128] + p[2047] + p[2048] + p[40000] + p[-3]


@micropython.viper
def load32(p: ptr32) -> int:
    return p[0] + p[1] + p[31] + p[32] + p[63] + p[64] + p[1023] + p[1024] + p[300000] + p[-2]


@micropython.viper
def store8(p: ptr8, v: int):
    p[0] = v
    p[31] = v
    p[32] = v
    p[255] = v
    p[256] = v
    p[4095] = v
    p[4096] = v
    p[-1] = v


@micropython.viper
def store16(p: ptr16, v: int):
    p[0] = v
    p[31] = v
    p[32] = v
    p[128] = v
    p[2047] = v
    p[2048] = v
    p[-7] = v


@micropython.viper
def store32(p: ptr32, v: int):
    p[0] = v
    p[31] = v
    p[32] = v
    p[64] = v
    p[1023] = v
    p[1024] = v
    p[-100] = v


@micropython.viper
def store_consts(p: ptr32, q: ptr16, r: ptr8):
    p[3] = 0x12345678
    q[5] = 0xBEEF
    r[7] = 255
    p[40] = -1
    q[40] = 1000
    r[400] = 17
