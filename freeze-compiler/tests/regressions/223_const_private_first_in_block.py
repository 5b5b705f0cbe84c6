# A private `_X = const(v)` first in a block of several statements (or first of a `;`-joined
# line continued on the next): MicroPython sets the line of the list node holding them, a
# zero-length line entry for the const's line; we emitted none. Listed in the corners task.
def f():
    _A = const(1)
    return _A


if x:
    _B = const(1)
    _C = const(2)
    _D = const(2)
    _E = const(2)
y = 2


class C:
    _F = const(1)
    def g(self):
        pass


def h():
    y = 1
    _G = const(1); \
    z = 2
    if y:
        _H = const(3)
    else:
        _I = const(4)
        _J = const(5); return 2
