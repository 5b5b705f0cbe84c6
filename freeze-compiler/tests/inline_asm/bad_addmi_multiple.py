# addmi takes multiples of 256 (a negative one printed signed).

@micropython.asm_xtensa
def f(a2):
    addmi(a2, a2, -257)
