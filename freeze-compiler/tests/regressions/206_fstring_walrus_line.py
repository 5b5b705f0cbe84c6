# Was a known difference, fixed (issue 16 corners): walrus in f-string braces: both reject, mpy-cross at line 5 (the next line), we at line 4; found by lexer probes
# opt: 0
x = 1
y = f'{(x:=1)}'
z = 2
