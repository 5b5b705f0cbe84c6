@micropython.asm_thumb
def f(r0):
    ldrb(r0, [r8, 0])
