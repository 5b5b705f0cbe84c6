@micropython.asm_thumb
def f(r0):
    label(top)
    align(256)
    nop()
    bne(top)
