# a viper error inside a block of several statements: mpy-cross names that statement
@micropython.viper
def f(a: uint, b: uint) -> uint:
    x = 1
    if x:
        y = 2
        return a // b
    return 0
