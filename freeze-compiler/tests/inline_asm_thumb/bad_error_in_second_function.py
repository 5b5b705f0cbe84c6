@micropython.asm_thumb
def f(r0):
    nop()


@micropython.asm_thumb
def g(r0):
    label(x)
    b(x)
    mov(r0, 300)
