# operands from const() names and folded expressions
from micropython import const

OFF = const(8)
VAL = const(0x7f)


@micropython.asm_thumb
def f(r0):
    mov(r1, VAL)
    ldr(r2, [r0, OFF])
    add(r3, 2 + 3)
    lsl(r4, r4, 1 << 3)
    data(4, VAL * 2, -VAL)


@micropython.asm_thumb
def g(r0):
    # only the low 32 bits of an integer count
    mov(r0, 0x100000000)
