# The native example: a display driver's inner loops as viper and native code, frozen with
# arch = "xtensa" and run by the interpreter the firmware links. Its output is MicroPython's
# own for the same sources (the test runs them in the PyPI MicroPython, which compiles the
# decorators with its x64 emitter).
import pixels
import stats

buf = bytearray(16)
pixels.fill565(buf, 8, 0xF81F)
print("fill", list(buf[:4]), buf[14], buf[15])

src = bytearray(range(16))
dst = bytearray(16)
pixels.swap_bytes(dst, src, 8)
print("swap", list(dst[:6]))

rgb = bytearray(b"\x10\x80\xf0\x00\xff\x7f")
out = bytearray(4)
pixels.rgb888_to_565(out, rgb, 2)
print("565", [hex(b) for b in out])

words = bytearray(12)
pixels.store32(words, 3, 0x01020304)
print("words", list(words))
print("sum8", pixels.sum8(bytearray(b"freeze!"), 7))
print("clamp", [pixels.clamp(v, 0, 100) for v in (-5, 50, 500)])
print("uint", pixels.wrap_uint(-1) == 0xFFFFFFFF or pixels.wrap_uint(-1) == 0xFFFFFFFFFFFFFFFF)

print("mean", stats.mean([3, 4, 5, 6]))
print("median", stats.median([9, 1, 5, 3]))
print("hist", stats.histogram([1, 2, 2, 3, 3, 3], bins=4))
print("scaled", list(stats.scaled([1, 2, 3], factor=10)))
print("safe", stats.safe_div(7, 2), stats.safe_div(1, 0))
print("kw", stats.describe(1, 2, 3, unit="C", sep="/"))
acc = stats.accumulator(100)
print("closure", acc(5), acc(7))
try:
    stats.checked(-1)
except ValueError as e:
    print("raised", e)
print("with", stats.guarded())


# Bytecode with children and two positional arguments: its raw code's generator flag must come
# from the prelude's flag bits, not from the argument count that shares the prelude's first byte.
def table(rows, cols):
    return [[r * c for c in range(cols)] for r in range(rows)]


print("table", table(3, 4))
