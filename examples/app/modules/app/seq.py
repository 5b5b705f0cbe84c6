# Generators.


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        yield a
        a, b = b, a + b


def windows(items, size):
    for i in range(len(items) - size + 1):
        yield tuple(items[i:i + size])
