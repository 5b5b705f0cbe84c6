@micropython.asm_rv32
def f(a0):
    c_lui(sp, 1)

