# list construction and methods.
l = [3, 1, 4, 1, 5, 9, 2, 6]
print(l, len(l), l[0], l[-1], l.count(1), l.index(5), l.index(1, 2))
l.append(7); l.insert(0, 0); l.insert(-1, 8); l.insert(100, 10)
print(l)
l.extend([11, 12]); l.extend(range(2)); l.remove(1)
print(l)
print(l.pop(), l.pop(0), l.pop(3), l)
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.reverse(); print(l)
c = l.copy(); c.append(99); print(len(l), len(c))
l.clear(); print(l, len(l), bool(l))
print(list(), list("abc"), list(range(3)), list((1, 2)), [0] * 5, [[]] * 2)
m = [[0] * 3 for _ in range(3)]
m[1][1] = 5
print(m)
a = [1, 2]; b = a; b.append(3); print(a, a is b, a == [1, 2, 3])
print([1, 2] + [3], [1, 2] < [1, 3], [2] > [1, 9], [1, 2] == [1, 2], 2 in [1, 2])
print(sorted([5, 2, 8], key=lambda x: -x), sorted(["b", "A", "c"], key=lambda s: s.lower()))
nested = [1, [2, [3, [4, []]]]]
depth = 0
cur = nested
while cur:
    depth += 1
    cur = cur[-1]
print(depth)
try:
    [].pop()
except IndexError:
    print("IndexError pop")
try:
    [1].remove(2)
except ValueError:
    print("ValueError remove")
try:
    [1, 2][5]
except IndexError:
    print("IndexError index")
print(max([3, 7, 2]), min([3, 7, 2]), sum([3, 7, 2]), sorted([3, 7, 2]), list(reversed([1, 2, 3])))
