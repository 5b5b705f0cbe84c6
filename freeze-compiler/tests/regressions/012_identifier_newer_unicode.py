# Was a known difference (rustpython-parser's lexer), fixed by our MicroPython lexer: identifier characters of newer Unicode (here U+301CB, CJK Ext. G; also U+07FD, U+089C, U+9FF8):
# CPython 3.11 and mpy-cross accept them, we reject (invalid syntax). Found by fuzz-diff (hypothesmith, seed 11)
x𰇋 = 1
