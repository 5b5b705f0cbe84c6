import time


@micropython.native
def f(buf, n):
    buf.append(n)
    s = len(buf)
    t = time.ticks_ms()
    return buf.pop(0) + s + t
