import prog
print(prog.consts())
print(prog.masks(0x12345678), prog.masks(0xFFFFFFFF))
print([prog.compare_consts(x) for x in (-5000, 0, 0x1234, -0x8000, 200000)])
print(prog.native_consts(5))
