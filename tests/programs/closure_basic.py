# Closures: captured variables, counters, nonlocal, closures in loops.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2(), c1())
def make_acc(start):
    total = [start]
    def add(x):
        total[0] += x
        return total[0]
    return add
a = make_acc(100)
print(a(1), a(10), a(100))
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    return middle()()
print(outer())
def shared():
    v = 0
    def get():
        return v
    def put(n):
        nonlocal v
        v = n
    return get, put
get, put = shared()
print(get()); put(42); print(get())
def loops():
    fs = []
    for i in range(3):
        def f(i=i):
            return i * 10
        fs.append(f)
    return [f() for f in fs]
print(loops())
def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late_binding())
def param_capture(a, b=5):
    def f():
        return a + b
    a += 1
    return f
print(param_capture(1)())
def deep(n):
    def l1():
        def l2():
            def l3():
                return n * 2
            return l3()
        return l2()
    return l1()
print(deep(21))
def cell_in_comprehension(k):
    return [x * k for x in range(4)], {x: k for x in range(2)}[1]
print(cell_in_comprehension(3))
def rebind():
    x = 1
    def f():
        return x
    x = 2
    return f()
print(rebind())
