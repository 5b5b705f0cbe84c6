# ssai takes 0..31, and a big number is truncated to 32 bits first.

@micropython.asm_xtensa
def f(a2):
    ssai(0x100000020)
