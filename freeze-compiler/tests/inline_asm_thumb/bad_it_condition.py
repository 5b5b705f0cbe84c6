@micropython.asm_thumb
def f(r0):
    it(al)
