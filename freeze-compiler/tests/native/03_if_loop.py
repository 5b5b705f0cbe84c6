@micropython.native
def f(a, b):
    x = a + b
    if x > 3:
        print(x)
    for i in range(3):
        x = x * i
    return x
