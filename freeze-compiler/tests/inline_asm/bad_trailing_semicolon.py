# Even one statement with a semicolon.

@micropython.asm_xtensa
def f(a2):
    nop();
