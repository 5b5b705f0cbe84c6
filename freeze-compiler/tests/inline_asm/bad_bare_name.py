# A name alone is not an instruction.

@micropython.asm_xtensa
def f(a2):
    nop
