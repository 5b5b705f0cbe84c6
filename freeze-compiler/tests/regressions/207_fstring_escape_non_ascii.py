# Was a known difference, fixed: unknown escape of a non-ASCII character in an f-string: mpy-cross keeps backslash + the UTF-8 bytes of é, we emit backslash + U+FFFD + 0xA9 (qstr bytes differ); found by lexer probes (also rf/fr, triple quotes); plain '\é' matches
# opt: 0
y = f'\é'
print(y)
