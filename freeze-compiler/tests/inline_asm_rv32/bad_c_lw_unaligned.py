@micropython.asm_rv32
def f(a0):
    c_lw(a0, 2(a1))

