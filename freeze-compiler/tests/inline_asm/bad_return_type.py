# A return type the assembler does not know.

@micropython.asm_xtensa
def f(a2) -> float:
    nop()
