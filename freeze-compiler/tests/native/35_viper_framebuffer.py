# a display driver's line copy: 4-bit greyscale framebuffer to RGB565 through a lookup table
import framebuf


@micropython.viper
def _lcopy(dest: ptr8, source: ptr8, lut: ptr8, length: int):
    n = 0
    for x in range(length):
        c = source[x]
        d = (c & 0xF0) >> 3
        e = (c & 0x0F) << 1
        dest[n] = lut[d]
        n += 1
        dest[n] = lut[d + 1]
        n += 1
        dest[n] = lut[e]
        n += 1
        dest[n] = lut[e + 1]
        n += 1


@micropython.viper
def _copy16(dest: ptr16, src: ptr16, n: int):
    i = 0
    while i < n:
        dest[i] = src[i]
        i += 1


class Display:
    def __init__(self, spi, width, height):
        self.spi = spi
        self.width = width
        self.height = height
        self.buf = bytearray(width * height // 2)
        self.fb = framebuf.FrameBuffer(self.buf, width, height, framebuf.GS4_HMSB)
        self.line = bytearray(width * 2)
        self.lut = bytearray(32)

    def show(self):
        w = self.width // 2
        for y in range(self.height):
            start = y * w
            _lcopy(self.line, self.buf[start:], self.lut, w)
            self.spi.write(self.line)
