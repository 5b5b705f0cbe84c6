# Exceptions inside generators, finally blocks in generators, StopIteration handling.
def raiser():
    yield 1
    raise ValueError("from generator")
try:
    for v in raiser():
        print("got", v)
except ValueError as e:
    print("caught", e.args)
def protected():
    try:
        yield 1
        yield 2
    except KeyError:
        yield "handled"
    finally:
        print("protected finally")
for v in protected():
    print(v)
p = protected()
print(next(p), p.throw(KeyError), end=" ")
print()
try:
    next(p)
except StopIteration:
    print("exhausted")
def early_break():
    try:
        for i in range(10):
            yield i
    finally:
        print("finally on close")
eb = early_break()
for v in eb:
    if v == 2:
        break
print("after break")
eb.close()
print("after close")
def gen_in_try():
    for i in range(3):
        try:
            if i == 1:
                raise IndexError(i)
            yield i
        except IndexError as e:
            yield "err %d" % e.args[0]
print(list(gen_in_try()))
def uses_next():
    it = iter([1])
    yield next(it)
    try:
        yield next(it)
    except StopIteration:
        yield "inner StopIteration caught"
print(list(uses_next()))
def bad_gen():
    yield 1
    raise StopIteration
try:
    print(list(bad_gen()))
except RuntimeError:
    print("RuntimeError")
def nested_try():
    try:
        try:
            yield "a"
            raise TypeError("t")
        finally:
            yield "inner finally"
    except TypeError as e:
        yield "outer caught %s" % e.args[0]
print(list(nested_try()))
