# data of each size, align to 2, 4, 8 and odd values
@micropython.asm_thumb
def f(r0):
    b(after)
    data(1, 1, 2, 3)
    align(2)
    data(2, 0x1234, -1)
    align(4)
    data(4, 0x12345678, 0xffffffff, -2)
    align(8)
    data(1, 255)
    align(3)
    data(3, 0x123456)
    align(1)
    data(8, 0x123456789abcdef0)
    label(after)
    nop()


@micropython.asm_thumb
def g():
    data(2, 0xdead)
    align(16)
