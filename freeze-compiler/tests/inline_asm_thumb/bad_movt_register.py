@micropython.asm_thumb
def f(r0):
    movt(r0, r1)
