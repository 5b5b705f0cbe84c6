@micropython.asm_thumb
def f(r0):
    clz(r0, 5)
