# micropython-only
# from micropython import const: names bound to compile-time constants.
from micropython import const
WIDTH = const(128)
HEIGHT = const(64)
PIXELS = const(WIDTH * HEIGHT)
_PRIVATE = const(0x1F)
FLAGS = const(1 << 3 | 1 << 5)
NEG = const(-(2 ** 10))
BIG = const(1 << 40)
NAME = const("freeze")
print(WIDTH, HEIGHT, PIXELS, _PRIVATE, FLAGS, NEG, BIG, NAME)
def area():
    return WIDTH * HEIGHT == PIXELS
print(area())
def masked(v):
    return v & _PRIVATE
print([masked(v) for v in (0x20, 0x3F, 0x15)])
class Reg:
    CTRL = const(0x10)
    STATUS = CTRL + 1
print(Reg.CTRL, Reg.STATUS)
print("WIDTH" in globals(), "_PRIVATE" in globals())
print(FLAGS & (1 << 3) != 0, BIG >> 38, NEG // 3)
