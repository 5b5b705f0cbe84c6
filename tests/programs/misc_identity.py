# is / is not, == vs is on containers, None checks, singletons.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, b is not a)
print(None is None, (lambda: None)() is None, print is print)
x = None
print(x is None, x is not None, x == None)
def default(v=None):
    return "none" if v is None else v
print(default(), default(0), default([]))
t = True
print(t is True, (1 == 1) is True, (1 == 2) is False, bool(1) is True)
class S:
    pass
s1 = S()
s2 = S()
print(s1 is s2, s1 == s2, s1 is s1, s1 != s2)
class E:
    def __eq__(self, o):
        return True
e = E()
print(e == 1, e is 1 if False else False, e != 1)
l = [None, 0, False, "", []]
print([v is None for v in l], [v == 0 for v in l])
print(type(a) is list, type(a) is not tuple, isinstance(a, list))
d = {}
print(d.get("x") is None, d.setdefault("x", a) is a)
