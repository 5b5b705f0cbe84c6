import prog
print(prog.f((10, 20)), prog.f([1, 2]))
try:
    prog.f((1, 2, 3))
except ValueError as e:
    print("ValueError", e)
