# global declarations, module-level state, shadowing.
counter = 0
items = []
def bump():
    global counter
    counter += 1
    return counter
def add_item(x):
    items.append(x)
def shadow():
    counter = 100
    return counter
bump(); bump()
add_item("a")
print(counter, items, shadow(), counter)
def create():
    global NEW_NAME
    NEW_NAME = "created at runtime"
create()
print(NEW_NAME)
def read_before_assign():
    try:
        print(undefined_name_xyz)
    except NameError:
        print("NameError")
read_before_assign()
def local_unbound():
    try:
        y = z_local + 1
        z_local = 0
    except NameError:
        print("NameError (UnboundLocal)")
local_unbound()
x = 5
def uses():
    return x * 2
x = 7
print(uses())
def multi_global():
    global a1, a2
    a1, a2 = 1, 2
multi_global()
print(a1 + a2)
for loopvar in range(3):
    pass
print(loopvar)
if True:
    in_if = "visible"
print(in_if)
def del_global():
    global temp
    temp = 1
    del temp
del_global()
print("temp" in globals())
