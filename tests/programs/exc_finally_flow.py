# finally with return/break/continue; return inside finally overriding.
def ret_finally():
    try:
        return "try"
    finally:
        print("finally before return")
print(ret_finally())
def override():
    try:
        return "try"
    finally:
        return "finally"
print(override())
def swallow():
    try:
        raise ValueError("swallowed")
    finally:
        return "finally swallowed the exception"
print(swallow())
def loop_break():
    out = []
    for i in range(5):
        try:
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
print(loop_break())
def loop_continue():
    out = []
    for i in range(4):
        try:
            if i % 2:
                continue
            out.append(i)
        finally:
            out.append("f")
    return out
print(loop_continue())
def while_try():
    i = 0
    out = []
    while True:
        try:
            i += 1
            if i > 3:
                return out
            if i == 2:
                continue
            out.append(i)
        finally:
            out.append(-i)
print(while_try())
def nested_finally():
    out = []
    try:
        try:
            return out
        finally:
            out.append("inner")
    finally:
        out.append("outer")
print(nested_finally())
def break_in_except():
    out = []
    for i in range(5):
        try:
            if i == 2:
                raise ValueError
            out.append(i)
        except ValueError:
            out.append("E")
            break
        finally:
            out.append("F")
    return out
print(break_in_except())
def continue_in_except():
    n = 0
    for i in range(6):
        try:
            1 // (i % 3)
        except ZeroDivisionError:
            continue
        n += i
    return n
print(continue_in_except())
def finally_value():
    x = 1
    try:
        x = 2
        return x
    finally:
        x = 3
print(finally_value())
