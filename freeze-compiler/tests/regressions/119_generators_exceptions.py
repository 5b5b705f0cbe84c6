# rare corner: exceptions inside generators, yield from with return values, send/throw
def sub():
    try:
        x = yield 1
        yield x
    except KeyError as e:
        yield ('caught', e.args)
    finally:
        print('sub finally')
    return 'sub-done'
def g(n):
    try:
        r = yield from sub()
        yield r
        for i in range(n):
            try:
                if i == 1:
                    raise ValueError(i)
                yield i
            except ValueError:
                yield -i
                continue
            finally:
                yield 'f%d' % i
    finally:
        print('g finally')
    return n
def h():
    it = g(3)
    out = [next(it), it.send(5), it.throw(KeyError('k'))]
    out += list(it)
    return out
print(h(), list(g(2)))
print(list(x for x in range(3) if x), sum(x * y for x in range(3) for y in range(x)))
