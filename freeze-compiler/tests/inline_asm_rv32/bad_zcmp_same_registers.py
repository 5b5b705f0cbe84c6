@micropython.asm_rv32
def f(a0, a1):
    cm_mva01s(s0, s0)

