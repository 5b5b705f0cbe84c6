# Dict and set comprehensions.
squares = {x: x * x for x in range(6)}
print(sorted(squares.items()))
print(sorted({x % 4 for x in range(20)}))
print(sorted({w[0] for w in "apple avocado banana cherry".split()}))
inv = {v: k for k, v in squares.items() if k % 2}
print(sorted(inv.items()))
pairs = {(a, b) for a in range(3) for b in range(3) if a < b}
print(sorted(pairs))
nested = {k: {j: j * k for j in range(k)} for k in range(4)}
print([sorted(nested[k].items()) for k in sorted(nested)])
counts = {c: "mississippi".count(c) for c in "mississippi"}
print(sorted(counts.items()))
print(len({i: None for i in range(1000)}), len({i % 7 for i in range(1000)}))
keys = ["a", "b", "c"]
vals = [1, 2, 3]
print(sorted({k: v for k, v in zip(keys, vals)}.items()))
