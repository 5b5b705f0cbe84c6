@micropython.native
def add(a, b):
    return a + b


@micropython.native
def mix(a, b, c):
    d = a * b - c
    e = d // 3 + d % 5
    return e << 2 | a & b ^ c
