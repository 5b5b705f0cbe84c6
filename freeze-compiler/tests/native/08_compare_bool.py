@micropython.native
def f(a, b):
    if a == b or a is None:
        return True
    if not a and b != 3:
        return False
    return a in b, a not in b, a is not b
