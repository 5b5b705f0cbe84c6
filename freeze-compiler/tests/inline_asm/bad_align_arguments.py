# align() takes one integer.

@micropython.asm_xtensa
def f(a2):
    align(x)
