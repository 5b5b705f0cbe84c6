# A forward conditional branch that grows in the emit pass (see bad_forward_branch_after_label.py),
# then an l32r error before the next label: the RuntimeError comes first, as in mpy-cross.

@micropython.asm_xtensa
def f(a2):
    label(first)
    data(1, 0)
    bnez(a2, later)
    l32r(a3, first)
    label(later)
