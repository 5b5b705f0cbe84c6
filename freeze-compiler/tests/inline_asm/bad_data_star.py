# A starred data value is not an integer.

@micropython.asm_xtensa
def f(a2):
    data(4, *[1, 2])
