# Control flow is not assembler.

@micropython.asm_xtensa
def f(a2):
    if a2:
        nop()
