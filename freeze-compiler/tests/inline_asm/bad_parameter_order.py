# Parameters must be a2, a3, ... in order.

@micropython.asm_xtensa
def f(a3):
    nop()
