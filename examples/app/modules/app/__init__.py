# The frozen example application: importing `app` runs it.
from . import util
from .shapes import Circle, Square, Rect, total_area
from .seq import fib, windows

print("app: starting")
print(util.banner("frozen by freeze!"))

shapes = [Rect(2, 3), Square(4), Circle(1)]
for s in shapes:
    print(s.describe())
print("total area (int part):", int(total_area(shapes)))
print("squares are rects:", isinstance(shapes[1], Rect), issubclass(Square, Rect))

print("fib:", list(fib(10)))
print("windows:", [w for w in windows([1, 2, 3, 4, 5], 3)])
print("evens:", util.join(x for x in range(10) if x % 2 == 0))

try:
    util.checked_div(1, 0)
except util.AppError as e:
    print("caught:", e)

print("counter:", util.counter(), util.counter(), util.counter())
print("app: done")
