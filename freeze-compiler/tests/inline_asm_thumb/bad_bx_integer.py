@micropython.asm_thumb
def f(r0):
    bx(1)
