# l32i takes 0..1020.

@micropython.asm_xtensa
def f(a2):
    l32i(a2, a2, 1024)
