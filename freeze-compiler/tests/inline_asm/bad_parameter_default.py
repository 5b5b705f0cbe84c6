# A parameter with a default.

@micropython.asm_xtensa
def f(a2=1):
    nop()
