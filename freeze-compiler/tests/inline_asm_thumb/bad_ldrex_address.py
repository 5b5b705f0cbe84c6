@micropython.asm_thumb
def f(r0):
    ldrex(r0, [r1])
