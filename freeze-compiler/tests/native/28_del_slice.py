@micropython.native
def f(l):
    x = l[1:3]
    del l[0]
    return x
