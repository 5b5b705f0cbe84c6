# del of names, list items, slices, dict keys, attributes.
x = 1
y = 2
del x
try:
    print(x)
except NameError:
    print("x deleted")
print(y)
a, b = 3, 4
del a, b
print("a" in globals(), "b" in globals())
def local_del():
    v = 10
    del v
    try:
        return v
    except NameError:
        return "local deleted"
print(local_del())
l = list(range(10))
del l[0]
del l[-1]
del l[2:4]
print(l)
del l[:]
print(l)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(sorted(d))
try:
    del d["zz"]
except KeyError:
    print("KeyError on del")
class O:
    cls_attr = 1
o = O()
o.p = 1
o.q = 2
del o.p
print(hasattr(o, "p"), o.q)
try:
    del o.nothing
except AttributeError:
    print("AttributeError on del")
del O.cls_attr
print(hasattr(O, "cls_attr"))
nested = {"k": [1, 2, {"z": 3}]}
del nested["k"][2]["z"]
del nested["k"][0]
print(nested)
m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)
for i in range(3):
    t = i
del t, i
print("t" in globals(), "i" in globals())
def del_loop():
    s = 0
    for j in range(5):
        k = j * 2
        s += k
        del k
    return s
print(del_loop())
