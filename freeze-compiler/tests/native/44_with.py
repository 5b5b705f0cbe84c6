# with statements in native code
@micropython.native
def write(path, data):
    with open(path, "w") as f:
        f.write(data)
    return len(data)


@micropython.native
def locked(lock, items):
    n = 0
    with lock:
        for x in items:
            if x:
                n += 1
            else:
                break
    return n


@micropython.native
def nested_with(a, b):
    with a as x, b as y:
        return x + y
