# data() takes integers only.

@micropython.asm_xtensa
def f(a2):
    data(4, 1, 1.5)
