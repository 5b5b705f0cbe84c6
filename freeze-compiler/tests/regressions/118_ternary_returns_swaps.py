# rare corner: return a if b else c, nested ternaries, tuple swaps of 2, 3 and 4 items
def t(a, b, c):
    return a if b else c
def u(a, b, c):
    return (a if b else c) if a else (b if c else a)
def w(a, b, c, d):
    a, b = b, a
    a, b, c = c, a, b
    a, b, c, d = d, c, b, a
    l = [a, b]
    l[0], l[1] = l[1], l[0]
    [a, b] = [b, a]
    (a, (b, c)) = (c, (b, a))
    a, *b = l
    return a, b, c, d, l
print(t(1, 0, 2), u(0, 0, 3), w(1, 2, 3, 4))
