# A branch back past the 18-bit reach of the long form: RuntimeError.

@micropython.asm_xtensa
def f(a2):
    label(top)
    align(262144)
    beqz(a2, top)
