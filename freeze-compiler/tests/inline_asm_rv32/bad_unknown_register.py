@micropython.asm_rv32
def f(a0):
    c_add(zero, a0)

