# An annotated parameter.

@micropython.asm_xtensa
def f(a2: int):
    nop()
