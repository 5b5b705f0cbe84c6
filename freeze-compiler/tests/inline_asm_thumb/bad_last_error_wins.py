@micropython.asm_thumb
def f(r0):
    add(x, y, 99)
