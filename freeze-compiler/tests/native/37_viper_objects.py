# viper functions that use globals, constants, calls and attributes (object values converted)
import time

LIMIT = 10


@micropython.viper
def timed(n: int) -> int:
    t0 = int(time.ticks_ms())
    s = 0
    for i in range(n):
        s += i
    print("elapsed", time.ticks_diff(time.ticks_ms(), t0), s)
    return s


@micropython.viper
def with_list(n: int):
    out = []
    for i in range(n):
        out.append(i * 2)
    d = {"n": "x"}
    t = (n, 1, True)
    return out, d, t


@micropython.viper
def store_obj(o, n: int):
    o.value = n
    o.flag = True
    o[0] = n
    o[n] = 5


@micropython.viper
def global_store(n: int):
    global LIMIT
    LIMIT = n


@micropython.viper
def limited(x: int) -> int:
    if x > int(LIMIT):
        return int(LIMIT)
    return x


@micropython.viper
def strs() -> object:
    return "hello" + str(3)
