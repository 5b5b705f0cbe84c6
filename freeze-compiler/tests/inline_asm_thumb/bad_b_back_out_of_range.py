@micropython.asm_thumb
def f(r0):
    label(top)
    align(4096)
    nop()
    b(top)
