@micropython.asm_rv32
def f(a0):
    c_addi4spn(s0, 0)

