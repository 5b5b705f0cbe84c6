# A table instruction with too few operands.

@micropython.asm_xtensa
def f(a2, a3):
    add(a2, a3)
