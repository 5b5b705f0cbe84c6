# __name__ of modules, functions, classes (portable: the module name differs by runner).
print(type(__name__).__name__, len(__name__) > 0)
def func():
    pass
class Klass:
    def method(self):
        pass
print(func.__name__, Klass.__name__, Klass.method.__name__, (lambda: 0).__name__)
def deco(f):
    def wrapper():
        return f.__name__
    return wrapper
@deco
def decorated():
    pass
print(decorated())
print(int.__name__, ValueError.__name__, type(Klass()).__name__)
def gen():
    yield 1
print(type(gen()).__name__ == "generator")
class Derived(Klass):
    pass
print(Derived.__name__, Derived.__bases__[0].__name__ if hasattr(Derived, "__bases__") else "Klass")
modname = __name__
print(modname == __name__, modname.upper() == __name__.upper())
