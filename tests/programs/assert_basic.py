# assert statements (compiled without -O, so they are active).
def check(x):
    assert x > 0, "must be positive"
    assert isinstance(x, int)
    return x * 2
print(check(5))
for bad in [-1, 0]:
    try:
        check(bad)
    except AssertionError as e:
        print("AssertionError", e.args)
try:
    check(2.5)
except AssertionError as e:
    print("AssertionError without message", e.args)
try:
    assert 1 == 2, ("tuple", "message")
except AssertionError as e:
    print(e.args)
assert True
assert [1], "non-empty list is true"
count = 0
def side():
    global count
    count += 1
    return True
assert side(), "x"
assert side()
print(count)
try:
    assert False, "msg %d" % 42
except AssertionError as e:
    print(e.args[0])
def in_loop():
    n = 0
    for i in range(10):
        try:
            assert i % 3, i
            n += 1
        except AssertionError as e:
            n += 100 * e.args[0]
    return n
print(in_loop())
