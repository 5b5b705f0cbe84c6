@micropython.asm_thumb
def f(r0):
    str(r0, [r1, 0, 4])
