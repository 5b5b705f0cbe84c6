# `**` unpacking in a dict display inside a block cut off at the end of the file: MicroPython's
# parser stops at the `**` (line 6); we failed at the end. Found by the prefix scan over the
# stdlib (pdb.py).
# opt: 0
def f(self):
    ns = {**self.g, **self.l}
    if x:
