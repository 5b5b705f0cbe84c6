@micropython.asm_thumb
def f(r0):
    mrs(r13, IPSR)
