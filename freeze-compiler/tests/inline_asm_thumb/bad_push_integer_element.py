@micropython.asm_thumb
def f(r0):
    push({r0, 1})
