@micropython.asm_thumb
def f(r0):
    sdiv(r0, r1, 5)
