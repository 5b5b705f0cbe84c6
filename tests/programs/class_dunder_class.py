# __class__, super() without arguments in nested situations, type() introspection.
class A:
    def name(self):
        return __class__.__name__
    def me(self):
        return type(self).__name__
class B(A):
    def name(self):
        return __class__.__name__ + "<" + super().name()
b = B()
print(b.name(), b.me(), A().name())
print(b.__class__.__name__, B.__name__, type(b) is B, type(b) == A)
class Node:
    def __init__(self, v, *children):
        self.v = v
        self.children = list(children)
    def walk(self):
        yield self.v
        for c in self.children:
            yield from c.walk()
    def clone(self):
        return self.__class__(self.v, *[c.clone() for c in self.children])
class Named(Node):
    pass
t = Named(1, Named(2, Named(3)), Node(4))
print(list(t.walk()), type(t.clone()).__name__, type(t.clone().children[1]).__name__)
def make_class(base):
    class Inner(base):
        def hello(self):
            return "inner " + super().hello()
    return Inner
class Root:
    def hello(self):
        return "root"
C1 = make_class(Root)
C2 = make_class(C1)
print(C2().hello())
print(isinstance(C2(), Root), C2.__name__)
class WithClassVar:
    count = 0
    def __init__(self):
        self.__class__.count += 1
WithClassVar(); WithClassVar()
print(WithClassVar.count)
print(type(1).__name__, type("").__name__, type([]).__name__, type({}).__name__, type(None).__name__, type(print).__name__ in ("builtin_function_or_method", "function"))
