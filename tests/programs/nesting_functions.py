# Deeply nested functions and blocks.
def l1(a):
    def l2(b):
        def l3(c):
            def l4(d):
                def l5(e):
                    def l6(f):
                        def l7(g):
                            def l8(h):
                                return a + b + c + d + e + f + g + h
                            return l8(g * 2)
                        return l7(f + 1)
                    return l6(e - 1)
                return l5(d * 3)
            return l4(c + c)
        return l3(b * 10)
    return l2(a + 1)
print(l1(1), l1(5))
def blocks(n):
    out = 0
    for i in range(n):
        if i % 2:
            for j in range(i):
                if j % 3:
                    while j > 0:
                        if j % 5 == 0:
                            try:
                                with_ = j // (j % 7)
                            except ZeroDivisionError:
                                with_ = -1
                            out += with_
                        j -= 4
                else:
                    out += 1
        else:
            out -= 1
    return out
print(blocks(30))
def make_adders():
    def level(x):
        return lambda y: (lambda z: x + y + z)
    return level
print(make_adders()(1)(2)(3))
class Outer:
    class Inner:
        class Innermost:
            def value(self):
                return "innermost"
        def make(self):
            return self.Innermost()
    def get(self):
        return self.Inner().make().value()
print(Outer().get(), Outer.Inner.Innermost().value())
def nested_comprehensions(n):
    return [[[i * j * k for k in range(n)] for j in range(n)] for i in range(n)]
print(nested_comprehensions(3)[2])
def gen_in_gen():
    def g1():
        def g2():
            yield from range(3)
        for v in g2():
            yield v * 10
    return list(g1())
print(gen_in_gen())
