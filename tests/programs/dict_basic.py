# dicts: construction, access, methods (printed in sorted order).
d = {"b": 2, "a": 1, "c": 3}
print(sorted(d), sorted(d.keys()), sorted(d.values()), sorted(d.items()))
print(d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d, len(d))
d["d"] = 4
d["a"] = 10
del d["b"]
print(sorted(d.items()))
print(d.pop("c"), d.pop("zz", "default"), sorted(d.items()))
print(d.setdefault("e", 5), d.setdefault("e", 6), sorted(d.items()))
d.update({"f": 6, "a": 0})
d.update(g=7)
d.update([("h", 8)])
print(sorted(d.items()))
k, v = d.popitem()
print(k in "adefgh", len(d))
d2 = dict(x=1, y=2)
d3 = dict([("p", 1), ("q", 2)])
d4 = dict.fromkeys(["m", "n"], 0)
d5 = dict(d2)
print(sorted(d2.items()), sorted(d3.items()), sorted(d4.items()), d5 == d2, d5 is d2)
print({1: "int", 1.5: "float", (1, 2): "tuple", None: "none", True: "bool"}[True])
c = {}
for ch in "mississippi":
    c[ch] = c.get(ch, 0) + 1
print(sorted(c.items()))
print(sorted(c, key=lambda k: (-c[k], k)))
try:
    d["nope"]
except KeyError as e:
    print("KeyError", e.args)
d.clear()
print(d, len(d), bool(d))
print({} == {}, {1: 2} == {1: 2}, {1: 2} != {1: 3})
big = {i: i * i for i in range(100)}
print(len(big), big[99], sum(big.values()))
