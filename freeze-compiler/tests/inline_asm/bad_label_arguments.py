# label() takes one name (a scope-pass error: at its statement).

@micropython.asm_xtensa
def f(a2):
    nop()
    label(1)
