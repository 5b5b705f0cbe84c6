@micropython.asm_rv32
def f(a0, a1, a2, a3, a4):
    c_nop()

