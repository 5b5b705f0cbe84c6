# 0 to 4 arguments, every return annotation, several assembler functions in one module with
# bytecode around them, a docstring and pass in the body, asm_thumb handed to the xtensa
# assembler, a method, a nested function.

import micropython

X = const(42)

@micropython.asm_xtensa
def none():
    pass

@micropython.asm_xtensa
def one(a2) -> object:
    """returns its argument"""
    mov(a2, a2)

@micropython.asm_xtensa
def two(a2, a3) -> bool:
    sub(a2, a2, a3)

@micropython.asm_xtensa
def three(a2, a3, a4) -> int:
    add(a2, a2, a3)
    add(a2, a2, a4)
    pass

@micropython.asm_xtensa
def four(a2, a3, a4, a5) -> uint:
    add(a2, a2, a3)
    add(a4, a4, a5)
    add(a2, a2, a4)
    movi(a3, X)
    movi(a4, X + 1)

@micropython.asm_thumb
def thumb_name(a2):
    addi(a2, a2, 1)

def bytecode(x):
    return four(x, 1, 2, 3)

class C:
    @micropython.asm_xtensa
    def method(a2, a3):
        mov(a2, a3)

def outer():
    @micropython.asm_xtensa
    def inner(a2):
        neg(a2, a2)
    return inner

print(none(), one(1), two(2, 1), three(1, 2, 3), four(1, 2, 3, 4), bytecode(5), outer()(3))
