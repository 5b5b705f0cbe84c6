# f-strings: expressions, conversions, format specs, nesting.
name = "World"
n = 42
x = 3.5
items = [1, 2, 3]
print(f"Hello, {name}!")
print(f"{n} {n + 1} {n * 2} {-n} {n // 5} {n % 5}")
print(f"{name!r} {name!s} {items!r} {'quote'!r}")
print(f"[{n:5}] [{n:<5}] [{n:^5}] [{n:>5}] [{n:05}] [{n:+}] [{-n:+}]")
print(f"[{name:10}] [{name:>10}] [{name:^10}] [{name:*^11}] [{name:.3}]")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b} {255:08b}")
print(f"{x:.2f} {x:8.3f} {x:<8.2f}| {x:e} {x:g}")
print(f"{items} {items[0]} {items[-1]} {len(items)} {sum(items)}")
d = {"k": "v"}
print(f"{d['k']} {'yes' if n > 40 else 'no'} {[i * i for i in items]}")
width = 8
prec = 2
print(f"[{x:{width}.{prec}f}] [{name:>{width}}]")
print(f"{{literal braces}} {{{n}}}")
print(f"{n}" f"{name}" "plain" f"{x}")
print(f"""multi
line {n}""")
def g(a):
    return a * 2
print(f"{g(5)} {g('ab')} {g(g(1))}")
print(f"{n!r:>6}|{name!r:<8}|")
print(rf"raw {n}\n", fr"{name}\t")
print(f"{'nested ' + f'{n}'}")
obj = type("O", (), {"attr": 5})()
print(f"{obj.attr} {obj.attr * 3}")
