@micropython.asm_thumb
def f():
    bar()
