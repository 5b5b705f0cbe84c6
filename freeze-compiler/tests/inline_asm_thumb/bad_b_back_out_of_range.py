@micropython.asm_thumb
def f(r0):
    label(top)
    align(2048)
    nop()
    b(top)
