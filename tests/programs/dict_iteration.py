# Iterating dicts without depending on their order.
inventory = {"apple": 3, "pear": 0, "fig": 12, "kiwi": 7}
total = 0
for k in inventory:
    total += inventory[k]
print(total)
for k, v in sorted(inventory.items()):
    print(k, v)
print(sorted(k for k, v in inventory.items() if v))
print(sum(inventory.values()), max(inventory.values()), min(inventory, key=lambda k: inventory[k]))
inv = {v: k for k, v in inventory.items()}
print(sorted(inv.items()))
keys = list(inventory.keys())
keys.sort()
print(keys)
nested = {"a": {"x": 1, "y": 2}, "b": {"z": 3}}
for outer in sorted(nested):
    for inner in sorted(nested[outer]):
        print(outer, inner, nested[outer][inner])
merged = {}
for part in ({"a": 1}, {"b": 2}, {"a": 3}):
    merged.update(part)
print(sorted(merged.items()))
print(len({}.keys()), list({}.items()))
print(sorted(dict(zip("abc", range(3))).items()))
