# Was a known difference, fixed: str and bytes literals concatenated across lines: both reject, mpy-cross at the line of the second literal (5), we at the first (4); found by lexer probes (also with backslash continuation)
# opt: 0
x = 1
y = ('a'
     b'a')
