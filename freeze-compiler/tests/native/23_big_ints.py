@micropython.native
def f(a):
    x = 1000
    y = 100000
    z = -5000
    w = 0x3FFFFFFF
    return a + x + y + z + w + 95 + 96 - 32 - 33
