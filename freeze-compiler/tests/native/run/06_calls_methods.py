import prog
class FakeTime:
    def ticks_ms(self):
        return 1000
prog.time = FakeTime()
print(prog.f([1, 2], 3))
