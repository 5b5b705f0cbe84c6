# An integer where a register goes.

@micropython.asm_xtensa
def f(a2):
    mov(a2, 5)
