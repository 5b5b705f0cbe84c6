# Literal forms: numbers in all bases, underscores, Ellipsis, None/True/False, nested containers.
print(0b1010, 0o17, 0xBEEF, 0XFF, 0B11, 0O7, 1_000_000, 0x_FF_FF, 0b_1111)
print(1e3, 1E-2, 2.5e+2, .5, 5., 1_0.5)
print(..., Ellipsis is ..., type(...).__name__ if False else "ellipsis")
print(None, True, False, True is True, None is None)
print([1, [2, [3, []]]], (1, (2, ())), {"a": {"b": {}}}["a"], [{"k": [1, (2,)]}])
print((), (1,), [], [[]], "", b"", {}, len(set()))
x = [1, 2,
     3, 4,
     ]
y = (
    "a"
    "b"
)
print(x, y)
z = {
    "one": 1,
    "two": 2,
}
print(sorted(z.items()))
print(0, -0, +0, 00, 0_0)
print(10000000000000000000000, -99999999999999999999, 0xFFFFFFFFFFFFFFFFFFFF)
print(0o777777777777777777777, 0b1111111111111111111111111111111111111111)
t = 1,
u = 1, 2
print(t, u)
def docstring():
    """This docstring is ignored by the output."""
    return "has docstring"
class Doc:
    """Class docstring."""
    def m(self):
        "Method docstring."
        return 1
print(docstring(), Doc().m())
