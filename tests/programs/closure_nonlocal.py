# nonlocal across several levels, and mixed with global.
g = "global"
def level1():
    a = 1
    def level2():
        nonlocal a
        b = 10
        a += 1
        def level3():
            nonlocal a, b
            a *= 100
            b += 5
            return a, b
        r = level3()
        return r, a, b
    r = level2()
    return r, a
print(level1())
def fib_gen():
    a, b = 0, 1
    def step():
        nonlocal a, b
        a, b = b, a + b
        return a
    return step
s = fib_gen()
print([s() for _ in range(15)])
def uses_global():
    global g
    def inner():
        return g
    g = "changed"
    return inner()
print(g, uses_global(), g)
def state_machine():
    state = "idle"
    log = []
    def event(e):
        nonlocal state
        if state == "idle" and e == "start":
            state = "running"
        elif state == "running" and e == "stop":
            state = "idle"
        elif e == "reset":
            state = "idle"
        log.append(state)
    return event, log
ev, log = state_machine()
for e in ["start", "x", "stop", "start", "reset", "stop"]:
    ev(e)
print(log)
def counter_pair():
    n = 0
    def up():
        nonlocal n
        n += 1
        return n
    def down():
        nonlocal n
        n -= 1
        return n
    return up, down
u, d = counter_pair()
print(u(), u(), d(), u(), d(), d())
