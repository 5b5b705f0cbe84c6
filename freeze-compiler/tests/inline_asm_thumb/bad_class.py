@micropython.asm_thumb
class C:
    pass
