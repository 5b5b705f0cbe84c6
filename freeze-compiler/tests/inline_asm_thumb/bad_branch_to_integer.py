@micropython.asm_thumb
def f(r0):
    b(1)
