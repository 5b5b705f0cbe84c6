# Was a known difference, fixed: non-ASCII characters in a bytes literal: mpy-cross accepts b'é' (the UTF-8 bytes), we reject (invalid syntax, line 3); found by lexer probes (also rb/br, b'\é')
# CPython rejects it, MicroPython's lexer copies the bytes
x = b'é'
print(x)
