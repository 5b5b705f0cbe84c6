@micropython.native
def f(a, b, c):
    r = 0
    for i in range(a):
        for j in range(b):
            if i * j > c:
                r += i
            elif i == j:
                r -= j
            else:
                r = r ^ (i + j)
    while r > 1000:
        r = r // 2
    return r
