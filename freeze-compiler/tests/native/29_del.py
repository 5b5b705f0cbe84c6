G = 1


@micropython.native
def f(l, o):
    a = 1
    del a
    del l[0]
    del o.attr
    global G
    del G
    return l[1:], l[::2], l[1:5:2]
