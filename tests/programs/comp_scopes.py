# Comprehensions capturing enclosing-function variables, in class bodies, nested closures.
def make(n):
    fs = [lambda x, i=i: x + i * n for i in range(3)]
    return [f(100) for f in fs]
print(make(10))
def outer(k):
    return [[k * i + j for j in range(i)] for i in range(4)]
print(outer(10))
class Table:
    size = 3
    rows = [[r * 3 + c for c in range(3)] for r in range(3)]
    flat = [v for row in rows for v in row]
print(Table.rows, Table.flat)
def gen_closure(base):
    g = (base + i for i in range(3))
    base = 1000
    return list(g)
print(gen_closure(5))
def set_dict(words):
    lens = {len(w) for w in words}
    first = {w[0]: w for w in sorted(words)}
    return sorted(lens), sorted(first.items())
print(set_dict(["apple", "avocado", "bean", "corn", "cabbage"]))
def nested_lambda_in_comp(m):
    return [(lambda y: y * m)(x) for x in range(4)]
print(nested_lambda_in_comp(7))
def comp_uses_self():
    class P:
        def __init__(self):
            self.items = [1, 2, 3]
            self.scale = 10
        def scaled(self):
            return [i * self.scale for i in self.items]
    return P().scaled()
print(comp_uses_self())
x = 5
print([x for x in range(3)], x, [y for y in range(x)])
