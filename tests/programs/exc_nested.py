# Nested try statements, re-raise, exceptions raised in handlers and finally.
def level(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        return level(n - 1)
    finally:
        print("unwind", n)
try:
    level(3)
except ValueError as e:
    print("caught", e.args)
def reraise():
    try:
        raise KeyError("orig")
    except KeyError:
        print("handling, then re-raise")
        raise
try:
    reraise()
except KeyError as e:
    print("re-raised", e.args)
def reraise_named():
    try:
        raise IndexError(1)
    except IndexError as err:
        raise err
try:
    reraise_named()
except IndexError as e:
    print("named re-raise", e.args)
def handler_raises():
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
try:
    handler_raises()
except TypeError as e:
    print("from handler", e.args)
def finally_raises():
    try:
        raise ValueError("lost")
    finally:
        raise KeyError("wins")
try:
    finally_raises()
except KeyError as e:
    print("finally wins", e.args)
except ValueError:
    print("wrong")
def inner_outer():
    out = []
    try:
        try:
            out.append(1)
            raise ValueError
        except TypeError:
            out.append("no")
        finally:
            out.append(2)
    except ValueError:
        out.append(3)
    finally:
        out.append(4)
    return out
print(inner_outer())
def deep_nest(x):
    try:
        try:
            try:
                if x == 1:
                    raise ValueError
                if x == 2:
                    raise KeyError
                if x == 3:
                    raise IndexError
                return "none"
            except ValueError:
                return "v"
        except KeyError:
            return "k"
    except IndexError:
        return "i"
print([deep_nest(i) for i in range(4)])
def except_in_loop():
    res = []
    for d in [1, 0, 2, 0, 4]:
        try:
            res.append(8 // d)
        except ZeroDivisionError:
            res.append(None)
    return res
print(except_in_loop())
