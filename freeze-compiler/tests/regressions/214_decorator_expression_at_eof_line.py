# Was a known difference, fixed (issue 16 corners): decorator that is not a dotted name, at end of file: both reject, mpy-cross at the decorator line (4), we at line 5; found by lexer token-soup probes (also @1, @(1,<newline>2) where we say line 6)
# opt: 0
x = 1
@'a'
