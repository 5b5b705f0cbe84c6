# The same label twice.

@micropython.asm_xtensa
def f(a2):
    label(here)
    nop()
    label(here)
