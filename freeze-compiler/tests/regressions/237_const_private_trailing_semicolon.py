# A private const with a trailing ';' (a list of one statement to MicroPython's parser, whose
# line is set before it): a zero-length line entry. Found by the prefix scan of issue 16.
def f(x):
    if x:
        return 1
    else:
        _I = const(4)
        _J = const(5);
