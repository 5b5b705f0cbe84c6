# Both the immediate and a register are wrong: the last error of the statement is reported.

@micropython.asm_xtensa
def f(a2):
    addi(x, a2, 1000)
