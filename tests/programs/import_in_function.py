# Imports inside functions and try/except ImportError, module attribute access.
def use_math():
    import math
    return math.floor(3.7), math.ceil(3.2)
print(use_math())
def maybe_import():
    try:
        import this_module_does_not_exist_xyz
        return "imported"
    except ImportError:
        return "ImportError"
print(maybe_import())
def from_import():
    from struct import pack, unpack
    return unpack("<H", pack("<H", 513))
print(from_import())
def import_alias():
    import collections as c
    return type(c.OrderedDict()).__name__
print(import_alias())
try:
    from math import no_such_name_abc
except ImportError:
    print("ImportError from-import")
import sys
mods = [m for m in ("sys",) if m in sys.modules or True]
print(mods)
def conditional(flag):
    if flag:
        import math as mm
        return mm.sqrt(81.0)
    return None
print(conditional(True), conditional(False))
