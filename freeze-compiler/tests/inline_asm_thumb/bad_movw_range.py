@micropython.asm_thumb
def f(r0):
    movw(r0, 0x10000)
