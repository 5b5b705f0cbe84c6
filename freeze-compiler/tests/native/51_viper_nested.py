# nested functions and lambdas in viper code (nested defs are viper too; lambdas take and give
# objects)
@micropython.viper
def f(n: int) -> int:
    def g(x: int) -> int:
        return x * 2

    h = lambda: None
    k = lambda a, b: a
    h()
    return int(g(n)) + int(k(n, 2))


@micropython.viper
def table(n: int):
    sq = lambda x: x * x
    out = []
    for i in range(n):
        out.append(sq(i))
    return out
