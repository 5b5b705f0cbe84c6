# l32r needs a word-aligned target.

@micropython.asm_xtensa
def f(a2):
    label(word)
    data(4, 1)
    l32r(a2, word)
