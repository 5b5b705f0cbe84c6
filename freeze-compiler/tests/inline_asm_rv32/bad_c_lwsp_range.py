@micropython.asm_rv32
def f(a0):
    c_lwsp(a0, 128)
