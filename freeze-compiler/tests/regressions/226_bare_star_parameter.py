# A bare `*` ending a parameter list (no keyword-only parameter after it): MicroPython's grammar
# takes it and compiles it as if it were not there; rustpython's parser refused it. From the
# corners task.
def f(*): pass
def g(a, *): pass
def h(a, *,): pass
def k(*, **kw): pass
def m(a=lambda *: 0, *): pass
l1 = lambda *: 0
l2 = lambda a, *,: a
