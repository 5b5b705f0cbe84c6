# Every augmented assignment operator, on names, attributes, subscripts.
x = 100
x += 5; print(x)
x -= 20; print(x)
x *= 3; print(x)
x //= 7; print(x)
x %= 10; print(x)
x **= 5; print(x)
x <<= 3; print(x)
x >>= 1; print(x)
x &= 0xFF; print(x)
x |= 0x100; print(x)
x ^= 0x55; print(x)
y = 7
y /= 2; print(y)
s = "ab"
s += "cd"; s *= 2; print(s)
l = [1]
l += [2, 3]; l *= 2; print(l)
class C:
    pass
c = C()
c.v = 10
c.v += 1; c.v *= 2; c.v -= 2; c.v //= 4; print(c.v)
d = {"k": 1}
d["k"] += 10; d["k"] <<= 2; d["k"] |= 1; print(d["k"])
arr = [1, 2, 3]
i = 0
arr[i + 1] *= 10; arr[-1] **= 3; print(arr)
t = (1,)
t += (2,); print(t)
big = 1
for _ in range(5):
    big *= 2 ** 20
print(big)
big -= 1; big %= 1000003; print(big)
