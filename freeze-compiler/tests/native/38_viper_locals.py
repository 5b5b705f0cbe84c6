# many locals (most on the stack), several arguments
@micropython.viper
def many(a: int, b: int, c: int, d: int, e: int) -> int:
    f = a + b
    g = c + d
    h = e + f
    i = g * h
    j = i - a
    k = j ^ b
    return a + b + c + d + e + f + g + h + i + j + k


@micropython.viper
def three(a: int, b: int, c: int) -> int:
    return a * b + c


@micropython.viper
def one(a: ptr8) -> int:
    return a[0]


@micropython.viper
def zero() -> int:
    return 42


@micropython.viper
def objs(a, b, c):
    return a
