# call0 needs a displacement that is a multiple of 4.

@micropython.asm_xtensa
def f(a2):
    j(over)
    align(4)
    label(sub)
    ret()
    label(over)
    call0(sub)
