G = 1


@micropython.native
def f():
    global G
    G = G + 1
    return G
