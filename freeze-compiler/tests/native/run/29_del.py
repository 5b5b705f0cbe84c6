import prog
class O:
    pass
o = O()
o.attr = 1
print(prog.f([1, 2, 3, 4, 5, 6, 7], o), hasattr(o, "attr"), hasattr(prog, "G"))
