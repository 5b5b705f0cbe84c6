# Slices with step 1 on str, bytes, tuples and range; slices of big ranges.
s = "abcdefghij"
print(s[2:5], s[:3], s[-3:], s[5:2], s[-100:100], s[3:-3], s[:0] == "")
t = (1, 2, 3, 4, 5)
print(t[1:3], t[-2:], t[:-2], t[10:], type(t[1:2]).__name__)
b = b"0123456789"
print(b[3:6], b[-2:], b[:1], bytearray(b)[2:4])
r = range(0, 100, 7)
print(r[2], r[-1], len(r), list(r[1:4]), list(r[::3]), list(r[::-5]))
print(list(range(10)[2:8:2]), list(range(10)[::-1]))
print(s[:5] + s[5:] == s, s[-1:] + s[:-1])
def rotate(x, n):
    n %= len(x)
    return x[n:] + x[:n]
print(rotate("freeze", 2), rotate([1, 2, 3, 4], -1), rotate((1, 2, 3), 4))
print([s[i:i + 3] for i in range(0, len(s), 3)])
