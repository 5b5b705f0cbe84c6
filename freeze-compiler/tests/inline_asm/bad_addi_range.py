# addi takes -128..127.

@micropython.asm_xtensa
def f(a2):
    addi(a2, a2, 128)
