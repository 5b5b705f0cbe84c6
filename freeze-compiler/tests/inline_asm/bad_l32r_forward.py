# l32r reads only behind itself.

@micropython.asm_xtensa
def f(a2):
    l32r(a2, word)
    align(4)
    label(word)
    data(4, 1)
