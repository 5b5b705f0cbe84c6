# Was a known difference (rustpython-parser's lexer), fixed by our MicroPython lexer: a line holding only a backslash continuation, followed by a blank line, inside an indented block:
# CPython and mpy-cross accept it, we reject (SyntaxError at line 6; mpy-cross accepts). Found by fuzz-diff (hypothesmith, seed 41).
# Also " \\<newline><newline>" at the top level (IndentationError).
try:
\

    pass
except:
    pass
