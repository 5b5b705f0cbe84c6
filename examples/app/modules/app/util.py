# Helpers: a closure, an exception subclass, string work.


class AppError(Exception):
    pass


def banner(text, width=30):
    line = "=" * width
    pad = (width - len(text)) // 2
    return line + "\n" + " " * pad + text + "\n" + line


def join(items, sep=","):
    return sep.join(str(i) for i in items)


def checked_div(a, b):
    if b == 0:
        raise AppError("division of %d by zero" % a)
    return a // b


def _make_counter():
    n = 0

    def count():
        nonlocal n
        n += 1
        return n

    return count


counter = _make_counter()
