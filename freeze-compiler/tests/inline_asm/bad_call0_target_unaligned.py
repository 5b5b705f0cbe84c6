# call0 needs a word-aligned target.

@micropython.asm_xtensa
def f(a2):
    j(over)
    data(1, 0)
    label(sub)
    ret()
    label(over)
    call0(sub)
