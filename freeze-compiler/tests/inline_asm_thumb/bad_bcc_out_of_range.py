@micropython.asm_thumb
def f(r0):
    label(top)
    align(512)
    nop()
    bne(top)
