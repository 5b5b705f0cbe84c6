@micropython.asm_rv32
def f(a0):
    beq(a0, a0, 4)

