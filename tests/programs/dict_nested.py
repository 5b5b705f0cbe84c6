# Nested dict/list data: building, updating, walking recursively.
db = {}
def add(user, key, value):
    db.setdefault(user, {}).setdefault(key, []).append(value)
add("ann", "tags", "x")
add("ann", "tags", "y")
add("bob", "tags", "z")
add("ann", "score", 10)
print(sorted((u, sorted(v.items())) for u, v in db.items()))
config = {"server": {"host": "localhost", "ports": [80, 443], "tls": {"enabled": True, "cert": None}}, "debug": False}
def walk(obj, path=""):
    if isinstance(obj, dict):
        for k in sorted(obj):
            walk(obj[k], path + "/" + k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            walk(v, "%s[%d]" % (path, i))
    else:
        print(path, "=", obj)
walk(config)
def get_path(obj, path, default=None):
    for part in path.split("."):
        if isinstance(obj, dict) and part in obj:
            obj = obj[part]
        else:
            return default
    return obj
print(get_path(config, "server.tls.enabled"), get_path(config, "server.nope", "dflt"), get_path(config, "debug"))
def deep_merge(a, b):
    out = dict(a)
    for k, v in b.items():
        if k in out and isinstance(out[k], dict) and isinstance(v, dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = v
    return out
merged = deep_merge(config, {"server": {"host": "0.0.0.0", "tls": {"cert": "c.pem"}}, "debug": True})
walk(merged)
counts = {}
for word in "a b a c b a".split():
    counts[word] = counts.get(word, 0) + 1
inverted = {}
for k, v in counts.items():
    inverted.setdefault(v, []).append(k)
print(sorted((k, sorted(v)) for k, v in inverted.items()))
matrix = {(r, c): r * c for r in range(3) for c in range(3)}
print(matrix[(2, 2)], sum(matrix.values()), sorted(k for k, v in matrix.items() if v == 2))
