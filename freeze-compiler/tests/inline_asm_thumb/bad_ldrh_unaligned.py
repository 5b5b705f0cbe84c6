@micropython.asm_thumb
def f(r0):
    ldrh(r0, [r1, 3])
