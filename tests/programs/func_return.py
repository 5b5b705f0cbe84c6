# Return values: implicit None, early returns, multiple values, conditional returns.
def nothing():
    pass
def implicit():
    x = 1
def early(n):
    if n < 0:
        return "neg"
    if n == 0:
        return "zero"
    for i in range(n):
        if i * i > n:
            return i
    return "small"
print(nothing(), implicit(), early(-1), early(0), early(2), early(50))
def pair(a, b):
    return a if a > b else b
def cond(a, b):
    return (a, b) if a < b else (b, a)
print(pair(3, 7), pair(9, 2), cond(3, 1), cond(1, 3))
def swap(a, b):
    return b, a
x, y = swap(1, 2)
print(x, y)
def nested_ret(v):
    while True:
        for i in range(10):
            if i == v:
                return i * 10
        return -1
print(nested_ret(3), nested_ret(20))
def ret_in_try(v):
    try:
        if v:
            return "try"
    finally:
        print("finally runs")
    return "after"
print(ret_in_try(1), ret_in_try(0))
def ret_lambda():
    return lambda: 42
print(ret_lambda()())
def bool_ret(n):
    return n > 3 and n < 10
print([bool_ret(n) for n in (1, 5, 12)])
def chain(n):
    return n and chain(n - 1) + [n] or []
print(chain(4))
