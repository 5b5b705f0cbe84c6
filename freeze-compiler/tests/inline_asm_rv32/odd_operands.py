@micropython.asm_rv32
def f(a0, a1):
    lw(a0, (4).a1)
    lw(a0, -(4)(a1))
    lw(a0, -4[a1])
    c_sw(a0, -64(s0))
    andi(a0, a0, -(1 << 11))
    li(a0, 2**40)
    li(a0, -2**63)
    li(a0, 2**64 + 5)
    lui(a0, 0x100000)
