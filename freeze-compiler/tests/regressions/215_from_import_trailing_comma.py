# An unbracketed 'from ... import' name list may end with a comma in MicroPython's grammar
# (import_as_names is a list_with_end); mpy-cross compiles these and MicroPython runs them.
from m import a,
from m import a, b,
from m import a as x, b as y,
from . import c,
from .. m import d,
from m import e, # a comment
from m import f,; g = 1
from m import h,\

if g:
    from m import i,
else: from m import j,
def k():
    from m import l,
    return l
from m import (n,)
