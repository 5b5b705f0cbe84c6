# try/except/else/finally in native code
@micropython.native
def parse(s):
    try:
        v = int(s)
    except ValueError as e:
        print("bad", e)
        v = -1
    except (TypeError, KeyError):
        v = -2
    else:
        v += 1
    finally:
        print("done")
    return v


@micropython.native
def nested(x):
    r = 0
    try:
        try:
            r = 10 // x
        finally:
            r += 1
    except ZeroDivisionError:
        r = -1
    return r


@micropython.native
def loop(items):
    total = 0
    for it in items:
        try:
            if it is None:
                continue
            if it < 0:
                break
            total += it
        except TypeError:
            pass
        finally:
            total += 100
    return total


@micropython.native
def ret_in_finally(x):
    try:
        return x
    finally:
        print("leaving")


@micropython.native
def while_try(n):
    i = 0
    while i < n:
        try:
            i += 1
            if i == 5:
                break
        except Exception:
            return -1
    return i
