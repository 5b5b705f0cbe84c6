@micropython.asm_rv32
def f(a1):
    c_nop()

