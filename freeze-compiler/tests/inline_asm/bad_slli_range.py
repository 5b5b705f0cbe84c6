# slli takes 1..31.

@micropython.asm_xtensa
def f(a2):
    slli(a2, a2, 0)
