# exception handlers in viper code
@micropython.viper
def safe_div(a: int, b: int) -> int:
    try:
        r = a // b
    except ZeroDivisionError:
        r = 0
    return r


@micropython.viper
def copy_checked(dst: ptr8, src, n: int) -> int:
    s = ptr8(src)
    try:
        for i in range(n):
            dst[i] = s[i]
    finally:
        print("copied")
    return n
