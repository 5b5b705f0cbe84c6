# Native (not viper) functions: Python semantics, machine code; generators, closures, keyword
# arguments and exceptions all go through the native emitter.
import micropython


@micropython.native
def mean(values):
    return sum(values) / len(values)


@micropython.native
def median(values):
    s = sorted(values)
    n = len(s)
    if n % 2:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) / 2


@micropython.native
def histogram(values, bins=8):
    counts = [0] * bins
    for v in values:
        counts[v % bins] += 1
    return counts


@micropython.native
def scaled(values, factor=1):
    for v in values:
        yield v * factor


@micropython.native
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None


@micropython.native
def describe(*values, unit="", sep=","):
    return sep.join(str(v) + unit for v in values)


@micropython.native
def accumulator(start):
    total = start

    def add(n):
        nonlocal total
        total += n
        return total

    return add


@micropython.native
def checked(v):
    if v < 0:
        raise ValueError("negative: %d" % v)
    return v


class Guard:
    def __enter__(self):
        return "in"

    def __exit__(self, *exc):
        return False


@micropython.native
def guarded():
    with Guard() as g:
        return g + "side"
