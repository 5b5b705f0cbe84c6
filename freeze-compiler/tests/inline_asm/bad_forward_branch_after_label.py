# A forward conditional branch near the first label: mpy-cross sizes it as a branch to that label (short) and emits it long, and aborts on an assertion; we refuse it.

@micropython.asm_xtensa
def f(a2):
    label(first)
    nop()
    beqz(a2, later)
    nop()
    label(later)
