@micropython.asm_rv32
def f():
    csrrw(a0, a1, 0x300)
    csrrs(a0, zero, 4095)
    csrrc(a0, a1, 0)
    csrrwi(a0, 0x340, 31)
    csrrsi(a0, 0xfff, 0)
    csrrci(a0, 0, 5)
    ecall()
    ebreak()

