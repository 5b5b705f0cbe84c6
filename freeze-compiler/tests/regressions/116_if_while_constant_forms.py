# rare corner: constant conditions in if/while/ternaries (dead branches are dropped)
def f(x):
    r = []
    if False:
        r.append('never')
    if 0:
        r.append(0)
    elif 1:
        r.append(1)
    if True:
        r.append('t')
    else:
        r.append('dead')
    if None:
        pass
    if '':
        r.append('')
    if 'x':
        r.append('x')
    if ():
        pass
    if not 0:
        r.append('not0')
    if __debug__:
        r.append('debug')
    if not __debug__:
        r.append('nodebug')
    n = 0
    while True:
        n += 1
        if n > 3:
            break
    while 1:
        break
    while 0:
        r.append('never')
    while False:
        pass
    else:
        r.append('while-else')
    r.append(1 if False else 2)
    r.append(0 and x)
    r.append(1 or x)
    return r
print(f(1))
