# mov between any registers, by number and by alias; bx
@micropython.asm_thumb
def f(r0):
    mov(r8, r0)
    mov(r0, r9)
    mov(r10, r11)
    mov(r1, r2)
    mov(sl, fp)
    mov(r12, sp)
    mov(lr, r13)
    mov(r3, pc)
    mov(r14, r15)
    bx(lr)
    bx(r3)
