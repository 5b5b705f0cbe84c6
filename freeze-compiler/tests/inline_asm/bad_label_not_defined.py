# A jump to a label that is never defined (found in the emit pass: at its line).

@micropython.asm_xtensa
def f(a2):
    nop()
    label(here)
    j(nowhere)
