# try/except/else/finally combinations.
def attempt(f):
    log = []
    try:
        log.append("try")
        r = f()
        log.append("ok %r" % (r,))
    except ZeroDivisionError:
        log.append("zero")
    except (KeyError, IndexError) as e:
        log.append("lookup %s" % type(e).__name__)
    except Exception as e:
        log.append("other %s %d" % (type(e).__name__, len(e.args)))
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(attempt(lambda: 1 // 1))
print(attempt(lambda: 1 // 0))
print(attempt(lambda: {}["k"]))
print(attempt(lambda: [][1]))
print(attempt(lambda: int("x")))
print(attempt(lambda: undefined_thing))
print(attempt(lambda: None + 1))
print(attempt(lambda: "a".nope))
def bare():
    try:
        raise RuntimeError("r")
    except:
        return "bare except"
print(bare())
def no_exc():
    try:
        x = 1
    except ValueError:
        x = 2
    else:
        x += 10
    finally:
        x *= 2
    return x
print(no_exc())
class MyError(Exception):
    pass
class SubError(MyError):
    pass
for exc in [MyError("m"), SubError("s"), ValueError("v")]:
    try:
        try:
            raise exc
        except SubError:
            print("SubError handler")
        except MyError as e:
            print("MyError handler", e.args)
    except Exception as e:
        print("outer handler", type(e).__name__)
try:
    raise ValueError
except ValueError as e:
    print("class raised:", type(e).__name__, e.args)
e = "kept"
try:
    raise KeyError("x")
except KeyError as e:
    pass
try:
    print(e)
except NameError:
    print("NameError: except target deleted")
