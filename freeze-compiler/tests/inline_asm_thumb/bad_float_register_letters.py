@micropython.asm_thumb
def f(r0):
    vsub(s0, s1x, s1)
