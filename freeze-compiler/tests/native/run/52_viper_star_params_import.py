import prog

print(prog.six(1, 2, 3, 4, 5, 6))
prog.star()
prog.bare()
print(prog.kwonly(41))
try:
    prog.star(1)
except TypeError:
    print("TypeError")
print(prog.imports())
