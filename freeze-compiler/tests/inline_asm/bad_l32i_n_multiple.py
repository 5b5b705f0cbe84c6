# l32i_n takes multiples of 4.

@micropython.asm_xtensa
def f(a2):
    l32i_n(a2, a2, 6)
