# The first function fails in a compute pass, the second in the scope pass, which runs first for every function.

@micropython.asm_xtensa
def f(a2):
    foo(a2)

@micropython.asm_xtensa
def g(a2):
    x = 1
