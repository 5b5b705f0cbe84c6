# Viper functions with default parameter values (found by fuzz-diff's viper generator): mpy-cross
# compiles them (the defaults go to the function object, the viper entry never reads them)
import micropython


@micropython.viper
def scaled(x: int, k: int = 3) -> int:
    return x * k


@micropython.viper
def fill(buf: ptr8, n: int = 4, v: uint = 0xff):
    i = 0
    while i < n:
        buf[i] = v
        i += 1


@micropython.viper
def tagged(a, b: bool = True, *, c=7) -> object:  # (c never read: see 52)
    return (a, b)


b = bytearray(8)
fill(b, 4, 1)
print(scaled(5, 2), b)
