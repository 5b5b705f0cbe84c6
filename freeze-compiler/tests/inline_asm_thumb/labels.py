# labels across several functions, the same names in each
@micropython.asm_thumb
def f(r0):
    label(loop)
    sub(r0, 1)
    bne(loop)
    label(done)


@micropython.asm_thumb
def g(r0, r1):
    b(done)
    label(loop)
    add(r0, r0, r1)
    label(done)
    cmp(r0, 10)
    blt(loop)


def plain():
    return 1
