# Was a known difference, fixed (f-string fields cut out and parsed as MicroPython does): a lone } in an f-string: mpy-cross accepts f'a}b', we reject (invalid syntax, line 3); found by lexer probes
# opt: 0
y = f'a}b'
print(y)
