# Generator send(), throw(), close(), and the return value carried by StopIteration.
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
g = echo()
print(next(g), g.send("a"), g.send("b"), g.send("c"))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        v = yield avg
        total += v
        count += 1
        avg = total / count
a = averager()
next(a)
print(a.send(10), a.send(20), a.send(60))
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield "caught %s" % e.args[0]
c = catcher()
print(next(c), c.throw(ValueError("bad")), next(c))
def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
cl = closing()
print(next(cl))
cl.close()
print("closed")
def ret_val(n):
    for i in range(n):
        yield i
    return n * 100
gen = ret_val(2)
vals = []
while True:
    try:
        vals.append(next(gen))
    except StopIteration as e:
        vals.append(("ret", e.value))
        break
print(vals)
def accumulate():
    total = 0
    while True:
        x = yield total
        total += x
acc = accumulate()
acc.send(None)
for v in [5, 10, 15]:
    print(acc.send(v), end=" ")
print()
def throw_uncaught():
    yield 1
t = throw_uncaught()
next(t)
try:
    t.throw(KeyError("k"))
except KeyError as e:
    print("propagated KeyError", e.args)
