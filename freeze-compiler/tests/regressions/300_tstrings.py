# t-strings (MicroPython 1.29): the lexer turns them into __template__(strings, expr, 'expr',
# conversion, spec, ...); conversions, debug `=`, specs with and without fields, raw, escapes,
# quotes inside fields, newlines in a triple-quoted t-string (a newline inside an expression
# is an error: 304)
b = 1
w = 5
d = {'a': 1}
x1 = t'{b}'
x2 = t'a{b!r}c{b!s:x}e'
x3 = t'{b=}' if False else t'{b=:>3}'
x4 = t'{b:>{w}}{{}}'
x5 = rt'\n{b}\t' + tr'{b}\x'
x6 = t'\x41\u00e9{b}'
x7 = t"{d['a']}" 
x8 = t'''line
{b} next
'''
def f(a, c):
    return t'{a!r} and {c:>{a}} {a + c=}'
x9 = t'{ {1: b} }' 
y = 2
