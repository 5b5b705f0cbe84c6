# nop, wfi, cpsid/cpsie, push and pop of low registers with lr/pc
@micropython.asm_thumb
def f(r0):
    nop()
    wfi()
    cpsid(i)
    cpsie(i)
    push({r0})
    push({r0, r1, r7})
    push({r4, lr})
    push({lr})
    pop({r0})
    pop({r2, r3, r4, r5})
    pop({r4, pc})
    pop({pc})
    push({r0, r1,})
