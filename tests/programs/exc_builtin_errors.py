# Which built-in operations raise which exception types (names only, messages differ).
def kind(f):
    try:
        f()
        return "no error"
    except Exception as e:
        return type(e).__name__
tests = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: [][0],
    lambda: {}[1],
    lambda: "abc" + 1,
    lambda: int("z"),
    lambda: undefined_variable,
    lambda: (1).foo,
    lambda: None(),
    lambda: [1, 2].index(5),
    lambda: next(iter([])),
    lambda: "x" * "y",
    lambda: len(5),
    lambda: {}.pop("a"),
    lambda: set().pop(),
    lambda: (1, 2)[5],
    lambda: "abc"[10],
    lambda: int(None),
    lambda: chr(-1),
    lambda: [1] < "a",
    lambda: 2 ** 0.5,
    lambda: divmod(1, 0),
    lambda: ord("ab"),
    lambda: float("x"),
    lambda: hash([]),
    lambda: {[]: 1},
]
for i, t in enumerate(tests):
    print(i, kind(t))
