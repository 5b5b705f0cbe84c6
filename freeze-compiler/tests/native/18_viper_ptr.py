@micropython.viper
def copy(dst: ptr8, src: ptr8, n: int):
    for i in range(n):
        dst[i] = src[i]
