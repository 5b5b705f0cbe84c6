@micropython.asm_rv32
def f(a0, a1):
    lw(a0, 0x100000000(a1))
