import prog
class Spi:
    def __init__(self):
        self.log = []
    def write(self, b):
        self.log.append(b)
spi = Spi()
d = prog.Display(spi, 16, 16)
d.fill(1)
d.show()
print(spi.log)
