@micropython.native
def total(items):
    s = 0
    for x in items:
        if x < 0:
            continue
        if x > 100:
            break
        s += x
    return s
