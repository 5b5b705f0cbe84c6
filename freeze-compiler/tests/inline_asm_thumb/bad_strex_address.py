@micropython.asm_thumb
def f(r0):
    strex(r0, r1, (r2, 0))
