# Was a known difference (rustpython-parser's lexer), fixed by our MicroPython lexer: a blank line indented with space then tab: mpy-cross accepts it, we reject (invalid syntax)
# found by fuzz-diff (hypothesmith, seed 11); "\t " and "  " are fine
x = 1
 	
y = 2
