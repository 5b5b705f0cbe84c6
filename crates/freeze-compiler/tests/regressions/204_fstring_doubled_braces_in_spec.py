# xfail: doubled braces inside an f-string format spec: mpy-cross accepts f'{x:{{}}}', we reject (invalid syntax, line 4); found by lexer probes
# opt: 0
x = 1
y = f'{x:{{}}}'
