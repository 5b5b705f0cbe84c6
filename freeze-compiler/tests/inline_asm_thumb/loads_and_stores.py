# ldr/str families with immediate offsets, at each end of their range
@micropython.asm_thumb
def f(r0, r1):
    ldr(r2, [r0, 0])
    ldr(r3, [r1, 124])
    ldr(r4, [r7, 4])
    ldrb(r5, [r0, 31])
    ldrb(r6, [r6, 0])
    ldrh(r7, [r1, 62])
    ldrh(r0, [r2, 2])
    str(r2, [r0, 64])
    strb(r3, [r1, 1])
    strh(r4, [r2, 30])
    ldr(r0, [r0, 0x7c])
