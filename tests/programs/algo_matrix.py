# Matrix arithmetic with nested lists of ints and fractions-as-pairs.
def mat_mul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def mat_pow(m, e):
    r = identity(len(m))
    while e:
        if e & 1:
            r = mat_mul(r, m)
        m = mat_mul(m, m)
        e >>= 1
    return r
F = [[1, 1], [1, 0]]
print(mat_pow(F, 10), mat_pow(F, 100)[0][1])
A = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
B = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(mat_mul(A, B))
print([list(r) for r in zip(*B)])
def det(m):
    if len(m) == 1:
        return m[0][0]
    total = 0
    for c in range(len(m)):
        minor = [row[:c] + row[c + 1:] for row in m[1:]]
        total += (-1) ** c * m[0][c] * det(minor)
    return total
print(det(A), det(B), det([[3]]), det([[1, 2, 3, 4], [5, 6, 7, 8], [2, 6, 4, 8], [3, 1, 1, 2]]))
def trace(m):
    return sum(m[i][i] for i in range(len(m)))
print(trace(A), trace(mat_mul(A, A)))
spiral = []
grid = [[r * 4 + c for c in range(4)] for r in range(4)]
top, bottom, left, right = 0, 3, 0, 3
while top <= bottom and left <= right:
    for c in range(left, right + 1):
        spiral.append(grid[top][c])
    top += 1
    for r in range(top, bottom + 1):
        spiral.append(grid[r][right])
    right -= 1
    if top <= bottom:
        for c in range(right, left - 1, -1):
            spiral.append(grid[bottom][c])
        bottom -= 1
    if left <= right:
        for r in range(bottom, top - 1, -1):
            spiral.append(grid[r][left])
        left += 1
print(spiral)
