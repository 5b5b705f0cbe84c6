# Was a known difference, fixed (issue 16 corners): # inside f-string braces: both reject, mpy-cross at line 5 (the next line), we at line 4; found by lexer probes (same for f'{x#y}')
# opt: 0
x = 1
y = f'{x#}'
z = 2
