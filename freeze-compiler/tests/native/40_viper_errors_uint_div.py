# uint division is a viper type error in mpy-cross (both must reject)
@micropython.viper
def f(a: uint, b: uint) -> uint:
    return a // b
