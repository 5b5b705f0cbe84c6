@micropython.asm_rv32
def f(a0, a1):
    c_lui(a0, 0xfffff)
