# 0 to 4 register parameters and each return type
@micropython.asm_thumb
def none():
    mov(r0, 42)


@micropython.asm_thumb
def one(r0) -> uint:
    add(r0, 1)


@micropython.asm_thumb
def two(r0, r1) -> bool:
    sub(r0, r0, r1)


@micropython.asm_thumb
def three(r0, r1, r2) -> object:
    add(r0, r1, r2)


@micropython.asm_thumb
def four(r0, r1, r2, r3) -> int:
    add(r0, r0, r1)
    add(r0, r0, r2)
    add(r0, r0, r3)


@micropython.asm_thumb
def empty():
    pass


print(none(), one(1), two(3, 2), four(1, 2, 3, 4))
