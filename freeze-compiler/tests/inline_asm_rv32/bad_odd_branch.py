@micropython.asm_rv32
def f(a0):
    label(x)
    c_nop()
    data(1, 0)
    beq(a0, a0, x)

