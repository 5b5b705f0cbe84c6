@micropython.asm_rv32
def f() -> object:
    li(a0, 0)
    li(a0, 31)
    li(a0, -32)
    li(a0, 32)
    li(a0, 2047)
    li(a0, -2048)
    li(a0, 2048)
    li(a0, 0x12345)
    li(a0, 0x12fff)
    li(a0, 0x7fffffff)
    li(a0, -0x80000000)
    li(a0, 0xffffffff)
    li(a0, 0x123456789)
    li(a0, 65536)

