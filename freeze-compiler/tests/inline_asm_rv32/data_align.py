@micropython.asm_rv32
def f(a0):
    c_nop()
    align(4)
    data(1, 1, 2, 3)
    align(8)
    data(2, 0x1234, -1)
    data(4, 0x12345678)
    label(here)
    la(a0, here)

@micropython.asm_rv32
def g(a0, a1, a2, a3) -> bool:
    label(here)
    c_j(here)

