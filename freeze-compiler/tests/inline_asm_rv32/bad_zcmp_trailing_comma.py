@micropython.asm_rv32
def f(a0):
    cm_push({ra, s0,}, 0)
