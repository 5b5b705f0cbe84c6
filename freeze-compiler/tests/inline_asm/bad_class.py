# A class decorated as assembler.

@micropython.asm_xtensa
class C:
    nop()
