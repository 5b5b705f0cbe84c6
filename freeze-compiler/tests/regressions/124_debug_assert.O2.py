# rare corner: __debug__ and assert under -O2 (assert and 'if __debug__' vanish from -O1)
def f(x):
    assert x, 'x'
    assert x > 0
    assert (x, 'tuple is always true')
    if __debug__:
        print('debug')
    if not __debug__:
        print('no debug')
    y = __debug__
    z = not __debug__
    return y, z, __debug__ and x, 1 if __debug__ else 2
assert True
print(f(1))
try:
    f(0)
except AssertionError as e:
    print('assert', e.args)
