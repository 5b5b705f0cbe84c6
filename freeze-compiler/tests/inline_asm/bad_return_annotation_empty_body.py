# A return annotation that is not a name, no instruction: at the def.

@micropython.asm_xtensa
def f(a2) -> None:
    pass
