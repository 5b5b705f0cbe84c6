# A label operand that is not a name.

@micropython.asm_xtensa
def f(a2):
    label(here)
    beqz(a2, 5)
