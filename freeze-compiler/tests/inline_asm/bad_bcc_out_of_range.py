# A two-register branch forward past the 18-bit reach: RuntimeError.

@micropython.asm_xtensa
def f(a2):
    beq(a2, a3, far)
    align(262144)
    label(far)
