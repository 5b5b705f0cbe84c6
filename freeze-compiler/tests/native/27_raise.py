@micropython.native
def f(a):
    if a:
        raise ValueError("bad")
    assert a == 0
    return a
