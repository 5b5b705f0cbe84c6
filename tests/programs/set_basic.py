# sets and frozensets, printed sorted.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(3 in a, 9 in a, len(a), {1, 2} <= a, {1, 9} <= a, a >= {1}, {1} < {1, 2}, a.isdisjoint({7}))
s = set()
s.add(1); s.add(1); s.add(2)
s.update([3, 4], (5,))
s.discard(9); s.discard(1); s.remove(2)
print(sorted(s), len(s))
try:
    s.remove(99)
except KeyError:
    print("KeyError")
x = s.pop()
print(x in (3, 4, 5), len(s))
print(sorted(set("mississippi")), len(set(range(100)) - set(range(0, 100, 2))))
f = frozenset([1, 2, 2, 3])
print(sorted(f), len(f), 2 in f, sorted(f | {9}))
c = a.copy(); c.clear(); print(len(c), len(a))
a |= {10}; a &= {1, 2, 10, 11}; a -= {2}; print(sorted(a))
a ^= {1, 20}; print(sorted(a))
print(set() == set(), {1, 2} == {2, 1}, set([1]) != {2})
seen = set()
dups = []
for w in "a b c a d b e a".split():
    if w in seen:
        dups.append(w)
    seen.add(w)
print(dups, sorted(seen))
