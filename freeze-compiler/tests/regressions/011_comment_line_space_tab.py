# Was a known difference (rustpython-parser's lexer), fixed by our MicroPython lexer: a comment-only line indented with space then tab: mpy-cross accepts, we reject
# found by fuzz-diff (hypothesmith, seed 11)
x = 1
 	 # comment
