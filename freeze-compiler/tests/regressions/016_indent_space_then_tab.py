# Was a known difference (rustpython-parser's lexer), fixed by our MicroPython lexer: indentation of space then tab on a code line: CPython 3.11 and mpy-cross accept it (a tab
# advances to the next multiple of 8), we reject (SyntaxError, line 4). Same root as 010/011. Found by fuzz-diff (hypothesmith, seed 51)
if 1:
 	pass
