@micropython.native
def f():
    import math
    from time import sleep
    return math.sqrt(2), sleep
