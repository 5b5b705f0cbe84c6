# Was a known difference, fixed: block header with no body at end of file without a final newline: both reject, mpy-cross at line 4 (after the end), we at line 3 (the header); found by lexer token-soup probes (same for while/def/class/for, 'if 1:  # c'; with a whitespace-only last line mpy-cross is also one line later)
# opt: 0
x = 1
if 1: