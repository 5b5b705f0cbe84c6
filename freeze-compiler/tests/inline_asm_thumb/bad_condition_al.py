@micropython.asm_thumb
def f(r0):
    label(l)
    bal(l)
