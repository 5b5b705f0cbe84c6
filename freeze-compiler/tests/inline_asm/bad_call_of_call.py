# Two trailers are not an instruction.

@micropython.asm_xtensa
def f(a2):
    f(a2)(a2)
