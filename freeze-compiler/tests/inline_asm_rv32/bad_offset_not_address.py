@micropython.asm_rv32
def f(a0):
    lw(a0, a1)

