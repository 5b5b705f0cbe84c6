import prog
class Lock:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, *a):
        print("exit", self.name, a[0])
print(prog.locked(Lock("l"), [1, 1, 0, 1]))
print(prog.nested_with(Lock("a"), Lock("b")))
class Bad:
    def __bool__(self):
        raise TypeError("no truth")
try:
    prog.locked(Lock("m"), [1, Bad()])
except TypeError as e:
    print("TypeError", e)
