# Labels and jumps: forward before any label (long forms), backward short and long (past the
# 8-bit and 12-bit reach), far forward after the first label (long in every pass), j and
# call0 both ways.

@micropython.asm_xtensa
def jumps(a2, a3):
    beqz(a2, done)
    bne(a2, a3, done)
    j(done)
    label(loop)
    addi(a2, a2, -1)
    bnez(a2, loop)
    blt(a2, a3, loop)
    align(256)
    bgeu(a2, a3, loop)
    bltz(a2, loop)
    align(4096)
    bgez(a2, loop)
    j(loop)
    data(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    beqz(a3, done)
    ball(a2, a3, done)
    label(done)
    mov(a2, a3)

@micropython.asm_xtensa
def calls():
    j(over)
    align(4)
    label(sub)
    movi_n(a2, 7)
    ret()
    label(over)
    nop_n()
    nop()
    call0(sub)
