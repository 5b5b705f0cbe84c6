# More than one constant in the table and the same value twice (each movi its own word), a
# single-line body, and labels that share names across functions.

@micropython.asm_xtensa
def consts(a2):
    movi(a2, 0x11111111)
    movi(a3, 0x11111111)
    movi(a4, -5)
    label(l)
    movi(a5, 1 << 31)
    beqz(a5, l)

@micropython.asm_xtensa
def same_labels(a2):
    label(l)
    j(l)

@micropython.asm_xtensa
def short(): nop()
