# A star parameter.

@micropython.asm_xtensa
def f(*a2):
    nop()
