@micropython.asm_thumb
def f(r0):
    vmov(s0, s1)
