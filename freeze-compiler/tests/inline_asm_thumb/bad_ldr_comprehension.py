@micropython.asm_thumb
def f(r0):
    ldr(r0, [x for x in y])
