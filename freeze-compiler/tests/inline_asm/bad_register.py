# a16 is not a register.

@micropython.asm_xtensa
def f(a2, a3):
    add(a2, a3, a16)
