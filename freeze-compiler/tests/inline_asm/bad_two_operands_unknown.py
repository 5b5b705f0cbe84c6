# The first operand is read as a register before the name is looked up; the unknown name wins.

@micropython.asm_xtensa
def f(a2):
    foo(1, 2)
