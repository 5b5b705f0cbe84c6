# Lines of comprehensions, generator arguments and dict items whose first token is a
# parenthesis (rustpython's range of `(a)` is the name's, MicroPython's node starts at the `(`),
# and `range()` of a bare generator argument, which MicroPython does not count as the for-range
# loop (it is an `argument` node). From the corners task, and found while fixing them.
def f(L):
    f(
     (a, b) for a, b in L
    )
    x = [
     (
     a
     )
     for a in L]
    y = {
     (
     a
     ): 1
     for a in L}
    z = {1: 2,
     (
     a
     ): 3, # c
     (
     b): 4}
    f(x,
     (
     a)
     for a in L)
    for x in range(0 for i in []):
        pass
    for x in range(3, 0 for i in []):
        pass
    for x in range((0 for i in [])):
        pass
