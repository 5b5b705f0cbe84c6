@micropython.asm_rv32
def f(a0, a1):
    cm_push({ra}, 0)
    cm_push({ra, s0}, -16)
    cm_push({ra, s0-s1}, -32)
    cm_push({ra, s0-s2}, -48)
    cm_push({ra, s0-s11}, 0)
    cm_pop({ra, s0-s9}, 16)
    cm_popret({ra, s0-s5}, 32)
    cm_popretz({ra, x8-x27}, 48)
    cm_mva01s(s0, s7)
    cm_mvsa01(s2, s1)

