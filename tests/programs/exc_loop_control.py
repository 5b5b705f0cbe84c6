# Exceptions interacting with loops: raise inside loops, retry patterns, exception as control flow.
def parse_all(items):
    ok, bad = [], []
    for s in items:
        try:
            ok.append(int(s))
        except ValueError:
            bad.append(s)
            continue
        finally:
            pass
    return ok, bad
print(parse_all(["1", "x", "22", "", "-3", "4.0"]))
attempts = []
def flaky(n):
    attempts.append(n)
    if n < 3:
        raise IOError("try again") if False else OSError("try again")
    return "success on %d" % n
def retry(f, times):
    for i in range(times):
        try:
            return f(i)
        except OSError:
            continue
    return "gave up"
print(retry(flaky, 5), attempts)
attempts.clear()
print(retry(flaky, 2), attempts)
def first_key(dicts, key):
    for d in dicts:
        try:
            return d[key]
        except KeyError:
            pass
    raise KeyError(key)
print(first_key([{}, {"a": 1}, {"a": 2}], "a"))
try:
    first_key([{}], "z")
except KeyError as e:
    print("KeyError", e.args)
def while_exc():
    i = 0
    out = []
    while True:
        try:
            if i >= 5:
                raise StopIteration
            out.append(10 // (2 - i))
        except ZeroDivisionError:
            out.append("div0")
        except StopIteration:
            break
        finally:
            i += 1
    return out, i
print(while_exc())
def nested_loops_exc():
    found = []
    for i in range(4):
        try:
            for j in range(4):
                if i * j == 6:
                    raise LookupError((i, j))
        except LookupError as e:
            found.append(e.args[0])
    return found
print(nested_loops_exc())
