# Constant conditions: if False / if True / while True / while False / if 0 / if 1, etc.
if False:
    print("never")
if True:
    print("always")
if 0:
    print("never 0")
else:
    print("else of if 0")
if 1:
    print("if 1")
else:
    print("never else")
if None:
    print("never None")
if "":
    print("never empty")
elif "x":
    print("elif non-empty string")
while False:
    print("never loops")
else:
    print("while False else")
n = 0
while True:
    n += 1
    if n >= 5:
        break
print("while True ran", n)
n = 0
while 1:
    n += 2
    if n > 6:
        break
print("while 1 ran", n)
def f(x):
    if False:
        return "dead"
    if True:
        pass
    while 0:
        x += 1
    return x * 2
print(f(21))
def g():
    if not False:
        return "not False is true"
print(g())
def h(v):
    if v:
        pass
    elif False:
        return "dead"
    else:
        return "else"
    return "after"
print(h(1), h(0))
def only_dead():
    if False:
        y = 1
    try:
        return y
    except NameError:
        return "y unbound"
print(only_dead())
x = 3 if True else 4
y = 3 if False else 4
print(x, y)
def infinite_gen():
    i = 0
    while True:
        yield i
        i += 1
g2 = infinite_gen()
print([next(g2) for _ in range(5)])
