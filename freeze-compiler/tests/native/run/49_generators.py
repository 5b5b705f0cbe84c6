import prog
print(list(prog.gen(5)), list(prog.gen(0)))
def sub():
    yield 1
    yield 2
    return "sub-done"
g = prog.chain(sub(), prog.gen(2))
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value if hasattr(e, "value") else e.args)
e = prog.echo()
print(next(e), e.send(5), e.send(7), e.throw(ValueError("x")))
try:
    e.send(None)
except StopIteration as s:
    print("stop", s.args)
print(prog.squares(6))
print(list(prog.counter_gen(10)))
class Lock:
    def __enter__(self):
        print("enter")
    def __exit__(self, *a):
        print("exit", a[0])
print(list(prog.with_gen(Lock(), [1, 2, 3])))
w = prog.with_gen(Lock(), [1, 2])
print(next(w))
w.close()
print("closed")
