@micropython.asm_rv32
def f(a0):
    label(a0)
    c_j(a0)
    jal(a0, a0)
