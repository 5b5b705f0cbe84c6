# Statements separated by semicolons are not instructions to mpy-cross.

@micropython.asm_xtensa
def f(a2):
    nop()
    label(l); j(l)
