# rare corner: 17 locals (short LOAD_FAST forms end at 16; one-byte numbers at 256; mpy-cross aborts on cells past 256 locals)
def f(p):
    l0 = p + 0
    l1 = p + 1
    l2 = p + 2
    l3 = p + 3
    l4 = p + 4
    l5 = p + 5
    l6 = p + 6
    l7 = p + 7
    l8 = p + 8
    l9 = p + 9
    l10 = p + 10
    l11 = p + 11
    l12 = p + 12
    l13 = p + 13
    l14 = p + 14
    l15 = p + 15
    l16 = p + 16
    l16 += l0
    del l1
    for l8 in range(2):
        l0 = l0 + l8
    def inner():
        return l0 + l16
    return inner() + l2 + l3 + l4 + l5 + l6 + l7 + l8 + l9 + l10 + l11 + l12 + l13 + l14 + l15 + l16
