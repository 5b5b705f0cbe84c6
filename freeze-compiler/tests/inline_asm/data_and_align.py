# data() of every size with small, negative and big values, and align() to powers of two and
# to other numbers (rounded with the mask n - 1, as mpy-cross does).

@micropython.asm_xtensa
def table():
    data(1, 0, 1, 255, 256, -1, -128)
    data(2, 0x1234, -2, 0x12345)
    align(2)
    data(3, 0xabcdef, -1)
    align(4)
    data(4, 0xdeadbeef, -1, 1 << 40, -(1 << 40))
    align(8)
    data(8, 0x0123456789abcdef, -1, 1 << 70)
    align(16)
    data(5, 0x123456789a, -3)
    align(3)
    data(1, 9)
    align(6)
    data(10, -1)
    align(1)
    data(0, 5)
    label(end)
