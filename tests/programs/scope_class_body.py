# Scoping rules: class bodies don't enclose methods, comprehension scopes, shadowing builtins.
x = "global x"
class C:
    x = "class x"
    y = x + "!"
    def method(self):
        return x
    def method2(self):
        return self.x
    vals = [x for _ in range(2)]
print(C.y, C().method(), C().method2(), C.vals)
def outer():
    w = "outer w"
    class D:
        x = "D x"
        def m(self):
            return w
        z = x
    return D().m(), D.z
print(outer())
def shadow_builtin():
    len = lambda s: 42
    return len("abc")
print(shadow_builtin(), len("abc"))
list_ = list
def uses_list():
    return list_("ab")
print(uses_list())
def comp_scope():
    n = 10
    return [n * i for i in range(3)], [[n + j for j in range(i)] for i in range(3)]
print(comp_scope())
i = "module i"
squares = [i * i for i in range(4)]
print(i, squares)
def param_shadow(print_=print, str=int):
    return str("5") + 1
print(param_shadow())
class Counter:
    count = 0
    def inc(self):
        Counter.count += 1
        count = "local"
        return count
c = Counter()
print(c.inc(), c.inc(), Counter.count)
def global_in_nested():
    def inner():
        global x
        x = "set by inner"
    inner()
    return x
print(global_in_nested(), x)
