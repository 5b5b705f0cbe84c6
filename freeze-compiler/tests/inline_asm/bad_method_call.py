# Only calls of a bare name are instructions.

@micropython.asm_xtensa
def f(a2):
    a.b(a2)
