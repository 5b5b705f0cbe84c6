# micropython-only
# A method of a class nested in a function, reading a name that the class body
# also assigns: CPython resolves it to the enclosing function's variable, while
# MicroPython's compiler (mpy-cross 1.29) resolves it as a global. The expected
# output (scope_class_quirk.exp) is MicroPython's.
x = "global x"
def outer():
    x = "outer x"
    class D:
        x = "D x"
        def m(self):
            return x
        z = x
    return D().m(), D.z, x
print(outer())
def outer2():
    y = "outer y"
    class E:
        def m(self):
            return y
    return E().m()
print(outer2())
