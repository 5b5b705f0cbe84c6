# Floor division and modulo with every sign combination, small and big.
vals = [7, -7, 1, -1, 0, 13, -13, 2 ** 40 + 3, -(2 ** 40 + 3)]
divs = [2, -2, 3, -3, 5, -5, 2 ** 35 + 1, -(2 ** 35 + 1)]
for v in vals:
    row = []
    for d in divs:
        q = v // d
        r = v % d
        assert q * d + r == v
        row.append("%d,%d" % (q, r))
    print(v, " ".join(row))
for v in vals:
    print(v, divmod(v, 4), divmod(v, -4))
print(-1 // 3, -1 % 3, 1 // -3, 1 % -3)
print(-2 ** 64 // 3, -2 ** 64 % 3)
