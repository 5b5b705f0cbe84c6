@micropython.asm_rv32
def f(a0, a1):
    lb(a0, 0(a1))
    lbu(a0, -1(a1))
    lh(a0, 2047(a1))
    lhu(a0, -2048(a1))
    lw(x5, +4(sp))
    sb(a0, 0(a1))
    sh(a0, -2(a1))
    sw(a0, 2047(x2))
    lw(a0, (-4)(a1))
    lw(a0, 4[a1])

