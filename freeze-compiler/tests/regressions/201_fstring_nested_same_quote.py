# Was a known difference, fixed (f-string fields cut out and parsed as MicroPython does): f-string expression with the same quote as the f-string: mpy-cross accepts f'{x['a']}' (its lexer skips quotes inside braces), we reject (invalid syntax, line 4); found by lexer probes (also f'{'a'}', f'{f'{x}'}', f'''{'''a'''}''')
# opt: 0
x = {'a': 1}
y = f'{x['a']}'
print(y)
