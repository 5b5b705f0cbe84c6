# A return annotation that is not a name: reported at the first instruction.

@micropython.asm_xtensa
def f(a2) -> a.b:
    pass
    nop()
