@micropython.asm_rv32
def f(a0):
    label(x)
    label(x)

