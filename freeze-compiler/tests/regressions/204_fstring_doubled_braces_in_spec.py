# Was a known difference, fixed (f-string fields cut out and parsed as MicroPython does): doubled braces inside an f-string format spec: mpy-cross accepts f'{x:{{}}}', we reject (invalid syntax, line 4); found by lexer probes
# opt: 0
x = 1
y = f'{x:{{}}}'
