# rare corner: for over range() in every form (constant and variable steps, negative steps)
def f(a, b, k):
    r = []
    for x in range(5):
        r.append(x)
    for x in range(a, b):
        r.append(x)
    for x in range(b, a, -2):
        r.append(x)
    for x in range(10, -3, -1):
        if x == 4:
            continue
        if x == 1:
            break
        r.append(x)
    else:
        r.append('else')
    for x in range(a, b, k):
        r.append(x)
    for x in range(a, b, -k):
        r.append(x)
    for x in range(-1):
        r.append('never')
    for x in range(0, 10, 3):
        for y in range(x, 0, -4):
            r.append((x, y))
    for r[0] in range(2):
        pass
    return r
print(f(1, 7, 2))
