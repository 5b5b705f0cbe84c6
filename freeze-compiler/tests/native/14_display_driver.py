import framebuf


class Display:
    def __init__(self, spi, width, height):
        self.spi = spi
        self.width = width
        self.height = height
        self.buffer = bytearray(width * height // 8)
        self.fb = framebuf.FrameBuffer(self.buffer, width, height, framebuf.MONO_VLSB)

    @micropython.native
    def show(self):
        for page in range(self.height // 8):
            self.spi.write(bytes([0xB0 | page]))
            start = page * self.width
            self.spi.write(self.buffer[start])

    @micropython.native
    def fill(self, c):
        self.fb.fill(c)
