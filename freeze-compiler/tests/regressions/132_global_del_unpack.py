# rare corner: globals, del of every target kind, starred and nested unpacking, augmented targets
G = 1
class O:
    pass
def f():
    global G
    G += 1
    o = O()
    o.v = [0, 1]
    o.v[1] -= 3
    o.n = 2
    o.n *= 3
    d = {'a': 1, 'b': [1, 2, {'c': 3}]}
    d['b'][2]['c'] += 5
    a, *b, c = range(6)
    (p, q), [r, s] = (1, 2), (3, 4)
    for i, (x, y) in enumerate([(1, 2), (3, 4)]):
        p += x * y + i
    del d['a'], o.v
    del (a), [b]
    t = 1,
    return G, d, o.n, c, p, q, r, s, t
print(f())
