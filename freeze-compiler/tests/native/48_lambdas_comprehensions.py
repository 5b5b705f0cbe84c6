# lambdas and list/dict/set comprehensions inside native code (their scopes are native too)
@micropython.native
def f(a):
    g = lambda x, y=2: x + a + y
    h = lambda: a
    return g(1), h(), [i * a for i in range(3)], {i: i + a for i in range(3)}, {i % 2 for i in range(a)}


@micropython.native
def nested_comp(rows):
    return [x for r in rows if r for x in r if x % 2], sorted({k: v for k, v in rows if k}.items())

