@micropython.asm_thumb
def f(r0):
    movwt(r15, x)
