@micropython.asm_rv32
def f(x10, x11):
    c_nop()
