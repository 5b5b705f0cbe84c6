# Generators that capture closure variables, generator factories and methods returning generators.
def make_gen(step):
    def gen(n):
        for i in range(n):
            yield i * step
    return gen
by3 = make_gen(3)
by5 = make_gen(5)
print(list(by3(4)), list(by5(3)))
def counter_gen():
    count = 0
    def bump():
        nonlocal count
        count += 1
    def gen():
        while count < 3:
            bump()
            yield count
    return gen()
print(list(counter_gen()))
class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = list(kids)
    def depth_first(self):
        yield self.v
        for k in self.kids:
            yield from k.depth_first()
    def breadth_first(self):
        level = [self]
        while level:
            nxt = []
            for n in level:
                yield n.v
                nxt.extend(n.kids)
            level = nxt
t = Tree(1, [Tree(2, [Tree(4), Tree(5)]), Tree(3, [Tree(6)])])
print(list(t.depth_first()), list(t.breadth_first()))
def gen_with_default(prefix="item"):
    n = 0
    while True:
        n += 1
        yield "%s%d" % (prefix, n)
g = gen_with_default()
h = gen_with_default("x")
print(next(g), next(g), next(h), next(g), next(h))
def lazy_map(f, src):
    for x in src:
        yield f(x)
scale = 10
gen = lazy_map(lambda v: v * scale, range(3))
scale = 100
print(list(gen))
def gens_in_loop():
    out = []
    for k in range(3):
        out.append((lambda k=k: (i + k for i in range(2)))())
    return [list(g) for g in out]
print(gens_in_loop())
