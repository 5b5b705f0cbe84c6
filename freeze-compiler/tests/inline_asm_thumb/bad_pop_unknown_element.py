@micropython.asm_thumb
def f(r0):
    pop({r0, x})
