# Viper functions with *args, **kwargs and keyword-only parameters (compiled, never read: mpy-cross's
# viper entry fills only the positional ones), six positional parameters, and imports inside viper
# code (the import's level and fromlist are objects there too); from MicroPython's
# tests/micropython/viper_args.py and viper_import.py, found by scripts/mp-run-tests.sh.
import micropython


@micropython.viper
def six(x1: int, x2: int, x3: int, x4: int, x5: int, x6: int) -> int:
    return x1 + x2 * x3 - x4 + x5 * x6


@micropython.viper
def star(*x, **y):
    pass


@micropython.viper
def bare(*):
    pass


@micropython.viper
def kwonly(a: int, *, b) -> int:
    return a + 1


@micropython.viper
def imports() -> int:
    import micropython

    print(micropython.const(1))
    from micropython import const

    print(const(2))
    from micropython import opt_level as o

    return int(o()) + 3
