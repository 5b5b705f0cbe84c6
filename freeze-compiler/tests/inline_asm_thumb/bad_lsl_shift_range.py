@micropython.asm_thumb
def f(r0):
    lsl(r0, r1, 32)
