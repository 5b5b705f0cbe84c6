# b and bl over long distances, within their reach, forward and back
@micropython.asm_thumb
def f(r0):
    label(top)
    b(mid)
    bl(far)
    bgt(near)
    align(128)
    label(near)
    blt(top)
    align(1024)
    label(mid)
    b(top)
    align(1048576)
    label(far)
    bl(top)
