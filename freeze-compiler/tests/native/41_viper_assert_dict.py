# a viper int as a dict value: mpy-cross fails an assertion (both must reject)
@micropython.viper
def f(n: int):
    return {"n": n}
