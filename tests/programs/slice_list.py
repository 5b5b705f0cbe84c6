# Slicing lists: steps, negatives, out-of-range, slice assignment, del slices.
L = list(range(10))
print(L[2:5], L[:3], L[7:], L[-3:], L[:-7], L[-5:-2], L[3:3], L[8:2])
print(L[::2], L[1::2], L[::-1], L[::-3], L[8:2:-2], L[-1:-6:-1], L[100:], L[-100:2])
a = L[:]
a[2:4] = ["x", "y", "z"]
print(a)
a[:0] = [-2, -1]
print(a)
a[len(a):] = [100]
print(a)
a[1:5] = []
print(a)
del a[0]
del a[-2:]
print(a)
b = list(range(10))
b[3:7] = ("a", "b")
print(b)
b[-2:] = ["x", "y"]
print(b)
c = list(range(10))
del c[2:-2]
print(c)
del c[:]
print(c)
d = list(range(8))
d[2:6] = d[2:6][::-1]
print(d)
s = L[:]
s[-3:] = [7]
print(s, len(s))
lo, hi = 2, 6
print(L[lo:hi], L[lo:], L[:hi], L[lo:hi:2])
i = -4
print(L[i:], L[:i], L[i])
e = [1, 2, 3]
e[1:1] = [9, 9]
e[5:100] = [0]
print(e, e[::-1][1:3])
