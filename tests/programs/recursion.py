# Recursion and mutual recursion (kept shallow: the wasm VM's C stack is small).
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print([fact(i) for i in range(10)], fact(50))
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(18)])
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print([is_even(i) for i in range(8)], is_odd(41))
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append(a + c)
        hanoi(n - 1, b, a, c, moves)
    return moves
m = hanoi(6, "A", "B", "C", [])
print(len(m), m[:7])
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3), ackermann(1, 10))
def permutations(items):
    if len(items) <= 1:
        return [items]
    out = []
    for i in range(len(items)):
        for p in permutations(items[:i] + items[i + 1:]):
            out.append(items[i:i + 1] + p)
    return out
print(permutations("abc"), len(permutations([1, 2, 3, 4, 5])))
def flatten(x):
    if not isinstance(x, list):
        return [x]
    r = []
    for y in x:
        r += flatten(y)
    return r
print(flatten([1, [2, [3, [4, [5]]]], [[6, 7]]]))
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(gcd(1071, 462), gcd(2 ** 40, 6 ** 20))
def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]
print(sorted(power_set([1, 2, 3])))
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(80))
def expr(tokens, i=0):
    # recursive-descent parser for + and * over single digits
    def term(i):
        v, i = int(tokens[i]), i + 1
        while i < len(tokens) and tokens[i] == "*":
            r, i = int(tokens[i + 1]), i + 2
            v *= r
        return v, i
    v, i = term(i)
    while i < len(tokens) and tokens[i] == "+":
        r, i = term(i + 1)
        v += r
    return v
print(expr("2+3*4+5*6*7"), expr("9"))
