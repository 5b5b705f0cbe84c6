@micropython.asm_rv32
def f(a0):
    slli(a0, a0, -1)

