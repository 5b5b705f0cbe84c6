# An instruction the assembler does not have (reported at the def: found in a compute pass).

@micropython.asm_xtensa
def f(a2):
    nop()
    foo(a2)
