@micropython.asm_rv32
def f(a0, a1):
    sh1add(a0, a0, a1)
    sh2add(a0, x1, a1)
    sh3add(t6, a0, a1)

