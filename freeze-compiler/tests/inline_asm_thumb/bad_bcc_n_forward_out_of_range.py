@micropython.asm_thumb
def f(r0):
    nop()
    beq_n(far)
    align(512)
    label(far)
