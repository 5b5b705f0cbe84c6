# import forms using modules that CPython and MicroPython both have.
import sys
import sys as system
from sys import byteorder
from sys import byteorder as bo, implementation
import math
import math as m
from math import sqrt, pi as PI
import collections
from collections import namedtuple
print(sys is system, byteorder, bo == sys.byteorder)
print(type(sys.argv).__name__, type(sys.path).__name__, isinstance(sys.modules, dict))
print(type(implementation.name).__name__, sys.implementation.name in ("cpython", "micropython"))
print(sqrt(16.0), m.sqrt(2.25), math.floor(2.5), math.ceil(2.5), PI > 3.14159, PI < 3.1416)
print(math.gcd(12, 18) if hasattr(math, "gcd") else 6, math.fabs(-2.5), math.pow(2, 10))
print(round(math.sin(0.0), 6), math.cos(0.0), math.exp(0.0), math.log(1.0), int(math.log(1024, 2) + 0.5))
print(math.isinf(float("inf")), math.isnan(float("nan")), math.trunc(-2.75))
Point = namedtuple("Point", ["x", "y"])
p = Point(3, 4)
print(p.x, p.y, p[0], p[1], len(p), tuple(p), p == (3, 4))
x, y = p
print(x + y)
OD = collections.OrderedDict
od = OD()
od["z"] = 1
od["a"] = 2
od["m"] = 3
print(list(od.keys()), list(od.values()))
dq = collections.deque((), 5)
for i in range(3):
    dq.append(i)
dq.appendleft(-1)
print(dq.popleft(), dq.pop(), len(dq))
def local_import():
    import sys as s2
    from math import floor
    return s2 is sys, floor(7.9)
print(local_import())
print(type(sys.modules).__name__)
