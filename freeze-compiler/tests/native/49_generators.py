# native generators: yield, yield from, return values, send/throw, handlers around yields,
# generator expressions and closures over generator locals
@micropython.native
def gen(n):
    for i in range(n):
        yield i


@micropython.native
def chain(a, b):
    r = yield from a
    yield r
    yield from b
    return "end"


@micropython.native
def echo():
    total = 0
    while True:
        try:
            v = yield total
        except ValueError as e:
            v = 100
        finally:
            total += 1
        if v is None:
            return total
        total += v


@micropython.native
def squares(n):
    return list(x * x for x in range(n)), sum(i for i in range(n) if i % 2)


@micropython.native
def counter_gen(start):
    n = start

    def bump():
        nonlocal n
        n += 1

    while n < start + 3:
        yield n
        bump()


@micropython.native
def with_gen(lock, items):
    with lock:
        for x in items:
            yield x * 2
