import prog
print(prog.f(0))
try:
    prog.f(1)
except ValueError as e:
    print("ValueError", e)
