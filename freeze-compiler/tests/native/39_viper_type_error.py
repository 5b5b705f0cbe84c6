# a viper type error: mpy-cross rejects it (both must reject)
@micropython.viper
def bad(buf: ptr8) -> int:
    x = 1
    x = buf
    return x
