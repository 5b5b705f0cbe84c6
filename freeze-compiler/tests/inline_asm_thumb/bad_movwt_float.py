@micropython.asm_thumb
def f(r0):
    movwt(r0, 1.5)
