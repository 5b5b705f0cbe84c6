# Was a known difference, fixed (issue 16 corners): backslash continuation after an f-string at end of file: mpy-cross accepts, we reject (invalid syntax, line 5); found by lexer probes (also without the final newline; 'a' instead of f'a' is rejected by both)
# opt: 0
x = 1
y = f'a' \
