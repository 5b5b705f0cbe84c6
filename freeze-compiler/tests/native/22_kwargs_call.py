@micropython.native
def f(a, b=2, *, c=3):
    print(a, b, c, sep=",", end="\n")
    return a
