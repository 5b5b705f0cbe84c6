@micropython.asm_rv32
def f(a0):
    sw(a0, ~4(a1))

