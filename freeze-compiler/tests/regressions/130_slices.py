# rare corner: slices (read, assign, delete, steps, None parts) and subscripts with tuples
def f(a, i, j):
    l = list(range(10))
    r = [l[1:3], l[::2], l[::-1], l[i:], l[:j], l[i:j:2], l[-3:], l[None:None:-1], l[:]]
    l[1:3] = [7, 8, 9]
    l[::2] = l[::2]
    del l[::3]
    del l[1:2], l[0]
    d = {}
    d[1, 2] = 3
    d[i:j] if False else None
    return r, l, d, 'slice-me'[1:-1:2], b'bytes!'[::-2], a[...] if isinstance(a, dict) else 0
print(f([1], 2, 8))
