@micropython.asm_rv32
def f(a0, a1):
    cm_push({ra, s0-s10}, 0)

