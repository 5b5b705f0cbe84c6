# A nested function in an assembler function.

@micropython.asm_xtensa
def f(a2):
    def g():
        pass
