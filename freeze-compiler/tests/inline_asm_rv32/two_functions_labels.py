@micropython.asm_rv32
def f():
    label(a)
    label(b)
    label(c)
    c_nop()

@micropython.asm_rv32
def g(a0):
    c_bnez(a0, x)
    label(x)
    beq(a0, a0, y)
    c_nop()
    label(y)
