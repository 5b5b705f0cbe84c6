# data() takes a size and at least one value.

@micropython.asm_xtensa
def f(a2):
    nop()
    data(4)
