# Lines inside f-string fields holding newlines: MicroPython re-reads the fields after the
# whole (implicitly concatenated) string, so each field's nodes are on the line of the token
# after it plus the newlines of the fields before them; we gave every node that first line, and
# counted an earlier part's newlines before the whole string's end. Found while fixing 231.
def f(a, b, c, d, g):
    x = (f"{(a,
     b)}"
     f"{(c,
     d)}" "e" f"{g}"
    )
    y = f"{a +
     g(b)}{c.d
     [a]}"
    z = f"{ {1:
     2, (
     a): 3} }"
    return x, y, z
