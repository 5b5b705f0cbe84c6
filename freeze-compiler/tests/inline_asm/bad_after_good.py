# A good function, then a bad one.

@micropython.asm_xtensa
def f(a2):
    nop()

@micropython.asm_xtensa
def g(a2):
    nop()
    j(missing)
