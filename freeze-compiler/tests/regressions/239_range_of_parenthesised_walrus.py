# `range((y := 5))`: a parenthesised walrus is a plain expression to MicroPython, so the loop is
# its counted for-range loop; only a bare `range(y := 5)` (an argument node) is not. We treated
# both as bare. Found while fixing the for-range corner of the corners task.
def f():
    for x in range((y := 5)):
        pass
    for x in range(1, (
     z := 5)):
        pass
    for x in range(w := 5):
        pass
    return y, z, w
