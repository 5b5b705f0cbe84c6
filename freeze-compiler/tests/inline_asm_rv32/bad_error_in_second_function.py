@micropython.asm_rv32
def f(a0):
    c_nop()

@micropython.asm_rv32
def g(a0):
    c_nop()
    c_li(a0, 32)

