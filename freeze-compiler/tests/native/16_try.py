@micropython.native
def f(a):
    try:
        return 1 // a
    except ZeroDivisionError:
        return 0
