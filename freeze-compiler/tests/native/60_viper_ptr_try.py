# viper pointer code inside exception handlers (locals live in the frame, not in registers)
# and viper helpers called from native code
@micropython.viper
def guarded_copy(dst: ptr8, src: ptr8, n: int) -> int:
    done = 0
    try:
        for i in range(n):
            dst[i] = src[i]
            done += 1
    except Exception:
        done = -1
    return done


@micropython.viper
def checked_sum(buf: ptr16, n: int, limit: int) -> int:
    s = 0
    try:
        for i in range(n):
            s += buf[i]
            if s > limit:
                raise ValueError
    except ValueError:
        s = limit
    finally:
        buf[0] = s
    return s


@micropython.viper
def rotate32(buf: ptr32, n: int):
    if n < 2:
        return
    first = buf[0]
    for i in range(n - 1):
        buf[i] = buf[i + 1]
    buf[n - 1] = first


@micropython.native
def use_helpers(n):
    a = bytearray(range(n))
    b = bytearray(n)
    r = guarded_copy(b, a, n)
    w = bytearray(8)
    for i in range(8):
        w[i] = i * 10
    return r, bytes(b), checked_sum(w, 4, 50)
