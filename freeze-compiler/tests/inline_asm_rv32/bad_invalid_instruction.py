@micropython.asm_rv32
def f(a0):
    frobnicate(a0)

