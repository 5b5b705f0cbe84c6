# A keyword-only parameter.

@micropython.asm_xtensa
def f(a2, *, a3):
    nop()
