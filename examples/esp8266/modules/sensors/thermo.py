from micropython import const

_SCALE = const(100)
_RAW_ZERO = const(0x0800)


class Thermometer:
    def __init__(self, name, offset=0):
        self.name = name
        self.offset = offset
        self._tick = 0

    def raw(self):
        # a deterministic stand-in for an ADC read
        self._tick = (self._tick * 1103515245 + 12345) & 0x7FFF
        return _RAW_ZERO + (self._tick & 0x3F)

    def read(self):
        return (self.raw() - _RAW_ZERO) * _SCALE // 64 + self.offset
