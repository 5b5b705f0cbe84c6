# Viper routines of the kind colour display drivers carry: raw pointer loops over bytearrays.
import micropython


@micropython.viper
def fill565(buf: ptr16, n: int, colour: int):
    c = (colour >> 8) | ((colour & 0xFF) << 8)
    for i in range(n):
        buf[i] = c


@micropython.viper
def swap_bytes(dst: ptr8, src: ptr8, n: int):
    i = 0
    while i < n:
        dst[2 * i] = src[2 * i + 1]
        dst[2 * i + 1] = src[2 * i]
        i += 1


@micropython.viper
def rgb888_to_565(out: ptr8, rgb: ptr8, n: int):
    for i in range(n):
        r = rgb[3 * i]
        g = rgb[3 * i + 1]
        b = rgb[3 * i + 2]
        v = ((r & 0xF8) << 8) | ((g & 0xFC) << 3) | (b >> 3)
        out[2 * i] = v >> 8
        out[2 * i + 1] = v & 0xFF


@micropython.viper
def store32(buf: ptr32, n: int, value: int):
    for i in range(n):
        buf[i] = value + i


@micropython.viper
def sum8(data: ptr8, n: int) -> int:
    total = 0
    for i in range(n):
        total += data[i]
    return total


@micropython.viper
def clamp(v: int, lo: int, hi: int) -> int:
    if v < lo:
        return lo
    if v > hi:
        return hi
    return v


@micropython.viper
def wrap_uint(v: int) -> uint:
    return uint(v)
